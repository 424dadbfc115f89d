// Loads dhis2.yaml: which DHIS2 data set, data elements, category option combos and org units
// the reports map onto.
import { parse } from 'yaml';
import { z } from 'zod';

export const dhis2MappingSchema = z.object({
  dataSet: z.string().min(1),
  idScheme: z.enum(['uid', 'code', 'name', 'attribute']).default('code'),
  attributeOptionCombo: z.string().min(1).optional(),
  categoryOptionCombos: z.record(z.string(), z.string().min(1)),
  dataElements: z.record(z.string(), z.string().min(1)).default({}),
  orgUnits: z.record(z.string(), z.string().min(1)).default({}),
});
export type Dhis2Mapping = z.output<typeof dhis2MappingSchema>;

/** Parses and checks the mapping; throws naming the bad field. */
export function parseDhis2Mapping(yamlText: string): Dhis2Mapping {
  const mapping = dhis2MappingSchema.parse(parse(yamlText));
  if (!mapping.categoryOptionCombos.total)
    throw new Error('dhis2 mapping: categoryOptionCombos.total is required');
  return mapping;
}

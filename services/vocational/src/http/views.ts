// Shared request pieces and the answers' shapes.
import { isLocalDate } from '@rehab/domain-kit';
import type { AuditedRead } from '@rehab/service-kit';
import { z } from 'zod';
import type { Stored } from '../app/ports.ts';
import type { Course, Enrolment, LoanList, Placement } from '../domain/index.ts';

export const localDate = z
  .string()
  .refine((value) => isLocalDate(value), 'must be an existing date written YYYY-MM-DD')
  .meta({ format: 'date' });

export const unitCode = z.string().min(2).max(12);

/** A page of the answer's `items` and `followUpsDue` names persons at `personId`. */
export const auditsPersonLists = (...lists: string[]): AuditedRead => ({
  personIds: (body) =>
    lists.flatMap((list) => {
      const items = (body as Record<string, unknown> | null)?.[list];
      return Array.isArray(items)
        ? items.flatMap((item: { personId?: unknown }) =>
            typeof item.personId === 'string' ? [item.personId] : [],
          )
        : [];
    }),
});

export const courseView = ({ version: _v, ...course }: Stored<Course>) => course;

export const enrolmentView = ({ version: _v, ...enrolment }: Stored<Enrolment>) => enrolment;

export const placementView = ({
  version: _v,
  followUpOpen: _open,
  ...placement
}: Stored<Placement>) => placement;

export const loanListView = ({ version: _v, ...list }: Stored<LoanList>) => ({
  ...list,
  status: list.certification ? 'certified' : 'draft',
});

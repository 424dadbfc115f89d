import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIndicatorCatalogue } from './indicator-catalogue.ts';

const shipped = readFileSync(new URL('../indicators.yaml', import.meta.url), 'utf8');

describe('the indicator catalogue (indicators.yaml)', () => {
  it('covers what the issue lists, each with names in both languages and a reference', () => {
    const catalogue = parseIndicatorCatalogue(shipped);
    const ids = catalogue.indicators.map((d) => d.id);
    for (const required of [
      'management-list',
      'users-detected',
      'determined-addicted',
      'compulsory-total',
      'voluntary-facility',
      'voluntary-home',
      'mmt-continuing',
      'mmt-new',
      'compulsory-dossiers-compiled',
      'compulsory-court-decided',
      'compulsory-executed',
      'absconders',
      'post-rehab-managed-share',
      'relapses',
      'post-rehab-supported-share',
      'mmt-on-treatment',
      'mmt-dropped-out',
    ])
      expect(ids).toContain(required);
    expect(catalogue.indicators.find((d) => d.id === 'voluntary-home')?.name.vi).toBe(
      'Cai nghiện tự nguyện tại gia đình, cộng đồng',
    );
    expect(catalogue.dimensionValues.ageBand).toEqual(['<14', '14-15', '16-17', '18-30', '30+']);
    expect(catalogue.activities.map((a) => a.id)).toContain('prevention-models');
  });

  it('refuses a sum naming an unknown indicator and a flow counting a stock', () => {
    const broken = shipped
      .replace('sumOf: [compulsory-new, compulsory-carried-over]', 'sumOf: [compulsory-new, nope]')
      .replace('fact: drug-use-detected', 'fact: management-list');
    expect(() => parseIndicatorCatalogue(broken)).toThrow(/names unknown indicator nope/);
    expect(() => parseIndicatorCatalogue(broken)).toThrow(
      /a flow cannot count the stock management-list/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freeText } from './text.ts';

const name = freeText({ max: 20 });

describe('free text', () => {
  it('stores Vietnamese text as NFC, trimmed', () => {
    // "Nguyễn" written with combining marks (NFD) is stored composed.
    const decomposed = '  Nguye\u0302\u0303n Thi\u0323 A\u0301nh  '.normalize('NFD');
    const stored = name.parse(decomposed);
    expect(stored).toBe('Nguyễn Thị Ánh');
    expect(stored).toBe(stored.normalize('NFC'));
  });

  it('refuses NUL, other controls, bidi overrides and lone surrogates', () => {
    for (const bad of [
      'a\u0000b',
      'bell\u0007',
      'c1\u0085',
      'x\u202ey',
      'iso\u2066late',
      'half\ud800',
    ]) {
      expect(name.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('refuses empty and over-long text, counting after the trim', () => {
    expect(name.safeParse('   ').success).toBe(false);
    expect(name.safeParse('x'.repeat(21)).success).toBe(false);
    expect(name.safeParse(`  ${'x'.repeat(20)}  `).success).toBe(true);
  });

  it('documents the same rules in its JSON schema', () => {
    const schema = z.toJSONSchema(name, { io: 'input' }) as Record<string, unknown>;
    expect(schema).toMatchObject({ type: 'string', maxLength: 20 });
    expect(String(schema.pattern)).toContain('\\u0000');
  });
});

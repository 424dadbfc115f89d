// The lint rule that keeps dot-path filters out of writes (eslint.config.js): it must refuse
// what the stand-in silently gets wrong and let through what it gets right.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
const lint = async (code: string) => {
  const [result] = await eslint.lintText(code, { filePath: 'libs/persistence/src/example.ts' });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax');
};

describe('no dot-path filters in writes (FerretDB matches nothing through arrays there)', () => {
  it('refuses a dot-path key in the filter of updateOne, deleteMany and countDocuments', async () => {
    for (const call of [
      "col.updateOne({ 'items.k': 6 }, { $set: { a: 1 } });",
      "col.deleteMany({ 'items.k': 6 });",
      "col.countDocuments({ 'residence.unitCode': '99001' });",
    ]) {
      expect((await lint(`declare const col: any;\n${call}\n`)).length, call).toBe(1);
    }
  });

  it('lets through `_id` and top-level filters, and dot paths in find', async () => {
    const code = `declare const col: any;
col.updateOne({ _id: 'a' }, { $set: { outboxPending: false } });
col.deleteOne({ _id: 'a' });
col.find({ 'residence.unitCode': '99001' });
`;
    expect(await lint(code)).toEqual([]);
  });
});

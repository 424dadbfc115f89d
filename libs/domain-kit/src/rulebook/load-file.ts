// The only I/O in this library: an optional helper to read a rulebook YAML file from disk.
// Services that fetch rulebooks another way call loadRulebook with the text instead.
import { readFile } from 'node:fs/promises';
import { loadRulebook } from './rulebook.ts';
import type { Rulebook } from './rulebook.ts';

/** Reads a UTF-8 YAML rulebook file and loads it. */
export async function loadRulebookFile(path: string): Promise<Rulebook> {
  return loadRulebook(await readFile(path, 'utf8'));
}

// Targets (chỉ tiêu) and how much of them a figure achieves.
import type { Shown } from './suppression.ts';

/** The share of the target achieved (1 = met), to 4 decimals; none without a target or value. */
export function shareAchieved(value: Shown, target: number | undefined): number | null {
  if (typeof value !== 'number' || target === undefined || target <= 0) return null;
  return Math.round((value / target) * 10_000) / 10_000;
}

/** Who reads exact small counts: the police (who lead drug statistics, Decision 127/2009) and provincial leaders. */
export function readsExactCounts(reader: {
  agency: string;
  roles: readonly string[];
  atProvince: boolean;
}): boolean {
  return reader.agency === 'police' || (reader.atProvince && reader.roles.includes('leader'));
}

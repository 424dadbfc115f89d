// The dispensing register of a site: append-only entries, each attributable to a staff
// member and carrying the hash of the previous entry, so altering, removing or reordering any
// stored entry breaks the chain. A correction is a new entry pointing at the one it corrects.
// The digest (SHA-256) is passed in, so these rules stay free of Node APIs.

/** The first entry's "previous hash". */
export const GENESIS_HASH = '0'.repeat(64);

export const REGISTER_KINDS = [
  'receipt',
  'issue',
  'dose',
  'take-home',
  'wastage',
  'count',
  'adjustment',
  'correction',
] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

/** What an entry records (everything but its chain fields). */
export interface RegisterContent {
  siteId: string;
  seq: number;
  recordedAt: string;
  serviceDate: string;
  kind: RegisterKind;
  staff: { userId: string; fullName: string; role: string };
  lot?: string;
  /** Signed: negative when methadone leaves the site. */
  deltaUl?: number;
  balanceAfterUl?: number;
  patientId?: string;
  doseMg?: number;
  /** The entry this one corrects (a correction never rewrites it). */
  corrects?: number;
  note?: string;
  /** What the entry is for (e.g. a dose slot), so a retried write finds it again. */
  key: string;
}

export interface RegisterEntry extends RegisterContent {
  prevHash: string;
  hash: string;
}

export type Digest = (text: string) => string;

/** JSON with keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const contentOf = (entry: RegisterEntry): RegisterContent => {
  const { prevHash: _prev, hash: _hash, ...content } = entry;
  return content;
};

/** The hash of an entry: the previous hash and the canonical content. */
export const entryHash = (prevHash: string, content: RegisterContent, digest: Digest): string =>
  digest(`${prevHash}\n${canonicalJson(content)}`);

/** Links new content after `previous` (absent for the first entry). */
export function appendEntry(
  previous: Pick<RegisterEntry, 'hash' | 'seq'> | undefined,
  content: Omit<RegisterContent, 'seq'>,
  digest: Digest,
): RegisterEntry {
  const prevHash = previous?.hash ?? GENESIS_HASH;
  const full: RegisterContent = { ...content, seq: (previous?.seq ?? 0) + 1 };
  return { ...full, prevHash, hash: entryHash(prevHash, full, digest) };
}

export type ChainVerdict =
  | { valid: true; entries: number; head: string }
  | {
      valid: false;
      entries: number;
      firstBroken: { seq: number; reason: 'missing' | 'link-broken' | 'content-altered' };
    };

/** Recomputes the chain over entries in sequence order and names the first broken one. */
export function verifyChain(entries: readonly RegisterEntry[], digest: Digest): ChainVerdict {
  let prevHash = GENESIS_HASH;
  for (const [i, entry] of entries.entries()) {
    const seq = i + 1;
    const broken = (reason: 'missing' | 'link-broken' | 'content-altered') =>
      ({ valid: false, entries: entries.length, firstBroken: { seq, reason } }) as const;
    if (entry.seq !== seq) return broken('missing');
    if (entry.prevHash !== prevHash) return broken('link-broken');
    if (entryHash(prevHash, contentOf(entry), digest) !== entry.hash)
      return broken('content-altered');
    prevHash = entry.hash;
  }
  return { valid: true, entries: entries.length, head: prevHash };
}

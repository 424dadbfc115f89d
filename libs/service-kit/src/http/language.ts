import type { Request } from 'express';

export type Language = 'en' | 'vi';

/**
 * Picks Vietnamese or English from Accept-Language by quality value; English is the
 * default because agency systems integrate in English, officers' screens ask for `vi`.
 */
export function preferredLanguage(req: Pick<Request, 'headers'>): Language {
  const header = req.headers['accept-language'];
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag === 'vi' || tag.startsWith('vi-')) return 'vi';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

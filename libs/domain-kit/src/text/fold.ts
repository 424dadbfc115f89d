// Vietnamese names are typed with and without diacritics, and in precomposed (NFC) or
// decomposed (NFD) form depending on the keyboard; search compares a folded form instead.

const COMBINING_MARKS = /\p{M}/gu;

/** Lowercases, strips diacritics (đ → d), collapses whitespace and trims: "Nguyễn  Văn" → "nguyen van". */
export function foldDiacritics(s: string): string {
  return (
    s
      .normalize('NFD')
      .replace(COMBINING_MARKS, '')
      // đ/Đ is a separate letter, not d plus a mark, so NFD leaves it alone.
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** The folded words of `s`, split on anything that is not a letter or digit. */
export function searchTokens(s: string): string[] {
  return foldDiacritics(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

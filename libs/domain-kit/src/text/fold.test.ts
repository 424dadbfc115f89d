import { describe, it, expect } from 'vitest';
import { foldDiacritics, searchTokens } from './fold.ts';

describe('foldDiacritics', () => {
  it('lowercases, strips tones and collapses whitespace: "  Nguyễn  Văn Ánh " → "nguyen van anh"', () => {
    expect(foldDiacritics('  Nguyễn  Văn Ánh ')).toBe('nguyen van anh');
  });

  it('maps đ and Đ to d, which NFD does not decompose', () => {
    expect(foldDiacritics('Đặng Đình Đức')).toBe('dang dinh duc');
    expect(foldDiacritics('đường')).toBe('duong');
  });

  it('strips the horn of ư and ơ', () => {
    expect(foldDiacritics('Trương Thị Phượng')).toBe('truong thi phuong');
    expect(foldDiacritics('Phạm Ngọc Sơn')).toBe('pham ngoc son');
  });

  it('folds precomposed (NFC) and decomposed (NFD) input to the same text', () => {
    const nfc = 'Nguyễn Thị Hường'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(foldDiacritics(nfd)).toBe(foldDiacritics(nfc));
    expect(foldDiacritics(nfc)).toBe('nguyen thi huong');
  });

  it('is idempotent and treats tabs and newlines as spaces', () => {
    const once = foldDiacritics('Lê\tHoàng\nYến');
    expect(once).toBe('le hoang yen');
    expect(foldDiacritics(once)).toBe(once);
  });
});

describe('searchTokens', () => {
  it('splits folded text into words, dropping punctuation', () => {
    expect(searchTokens('Phường Bến Thành, Quận 1 (TP. Hồ Chí Minh)')).toEqual([
      'phuong',
      'ben',
      'thanh',
      'quan',
      '1',
      'tp',
      'ho',
      'chi',
      'minh',
    ]);
  });

  it('returns no tokens for blank input', () => {
    expect(searchTokens('  \t ')).toEqual([]);
  });
});

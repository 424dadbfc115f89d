import { describe, expect, it } from 'vitest';
import { preferredLanguage } from './language.ts';

const lang = (header?: string) =>
  preferredLanguage({ headers: header === undefined ? {} : { 'accept-language': header } });

describe('preferredLanguage from Accept-Language', () => {
  it('answers English when the header is absent or empty', () => {
    expect(lang()).toBe('en');
    expect(lang('')).toBe('en');
  });

  it('answers Vietnamese for vi and for a regional vi tag, in any case', () => {
    expect(lang('vi')).toBe('vi');
    expect(lang('vi-VN')).toBe('vi');
    expect(lang('VI-vn')).toBe('vi');
  });

  it('answers English for en and regional en tags', () => {
    expect(lang('en')).toBe('en');
    expect(lang('en-GB')).toBe('en');
  });

  it('ranks by quality value, not by order in the header', () => {
    expect(lang('en;q=0.5, vi;q=0.9')).toBe('vi');
    expect(lang('vi;q=0.4, en-US;q=0.8')).toBe('en');
    expect(lang('en;q=0.5,vi')).toBe('vi');
  });

  it('skips languages it does not speak and takes the next supported one', () => {
    expect(lang('fr-FR, fr;q=0.9, vi;q=0.8, en;q=0.7')).toBe('vi');
    expect(lang('de, en;q=0.1')).toBe('en');
  });

  it('does not mistake a tag that merely starts with the letters for vi or en', () => {
    expect(lang('vie, eng')).toBe('en');
    expect(lang('vix')).toBe('en');
  });

  it('falls back to English for garbage, wildcards and unparseable quality values', () => {
    expect(lang('garbage')).toBe('en');
    expect(lang('*')).toBe('en');
    expect(lang(';;;,,,')).toBe('en');
    expect(lang('vi;q=abc')).toBe('en');
  });

  it('treats q=0 as "not acceptable" (RFC 9110), so vi;q=0 does not select Vietnamese', () => {
    expect(lang('vi;q=0')).toBe('en');
    expect(lang('vi;q=0, fr')).toBe('en');
    expect(lang('en;q=0, vi;q=0.1')).toBe('vi');
  });
});

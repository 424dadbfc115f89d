// The seeded random source of the demo data and the Vietnamese names, places and
// substances it draws from (weighted as they occur, roughly).

/** mulberry32: small, fast, good enough for demo data. */
function prng(initial: number): () => number {
  let state = initial >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Random {
  /** In [0, 1). */
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
}

/** A deterministic random source: the same seed gives the same demo. */
export function seededRandom(seed: number): Random {
  const next = prng(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
    weighted<T>(items: readonly T[], weights: readonly number[]): T {
      let r = next() * weights.reduce((a, b) => a + b, 0);
      for (let i = 0; i < items.length; i++) {
        r -= weights[i] ?? 0;
        if (r < 0) return items[i] as T;
      }
      return items[items.length - 1] as T;
    },
  };
}

export const familyNames = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
// Nguyễn, Trần and Lê are far more common than the rest.
export const familyWeights = [38, 11, 9, 7, 5, 4, 4, 4, 3, 3, 3, 3, 2, 2, 1, 1];
export const middleNames = {
  male: ['Văn', 'Hữu', 'Đức', 'Minh', 'Thanh'],
  female: ['Thị', 'Ngọc', 'Minh', 'Thanh'],
};
export const givenNames = {
  male: [
    'An',
    'Bình',
    'Cường',
    'Dũng',
    'Hải',
    'Hùng',
    'Nam',
    'Phúc',
    'Quang',
    'Sơn',
    'Tâm',
    'Tuấn',
    'Việt',
  ],
  female: ['An', 'Bình', 'Lan', 'Mai', 'Tâm', 'Trang', 'Yến'],
};
export const minorities = ['Tày', 'Thái', 'Mường', "H'Mông", 'Khmer'];
export const communes = ['99001', '99002', '99003', '99004', '99005', '99006'];
export const streets = [
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Nguyễn Huệ',
  'Hai Bà Trưng',
  'Quang Trung',
  'Lý Thường Kiệt',
  'Phan Đình Phùng',
];
export const hamlets = [
  'Thôn Đông',
  'Thôn Tây',
  'Thôn Hạ',
  'Xóm Mới',
  'Ấp Bình Minh',
  'Bản Nà Lừa',
  'Tổ dân phố 3',
];
export const substances = ['methamphetamine', 'heroin', 'MDMA', 'ketamine', 'cannabis'];

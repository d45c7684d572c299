/**
 * Seeded pseudo-random numbers for reproducible fleets and fault runs.
 * mulberry32 (public domain): a 32-bit generator, small and fast; no library offers a seedable PRNG
 * in this repository's dependencies and Math.random cannot be seeded.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks a key of `weights` with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  chance(p: number): boolean;
  /** `n` characters from `alphabet`. */
  chars(n: number, alphabet?: string): string;
}

export function hashString(s: string): number {
  // FNV-1a, 32 bit: turns a textual seed ("fleet/111111111111/us-east-1") into a numeric one.
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRng(seed: number | string): Rng {
  let a = (typeof seed === 'number' ? seed : hashString(seed)) >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (weights) => {
      const entries = Object.entries(weights) as Array<[keyof typeof weights, number]>;
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [k, w] of entries) {
        if ((r -= w) < 0) {
          return k;
        }
      }
      return entries[entries.length - 1][0];
    },
    chance: (p) => next() < p,
    chars: (n, alphabet = '0123456789abcdefghijklmnopqrstuvwxyz') => {
      let s = '';
      for (let i = 0; i < n; i++) {
        s += alphabet[Math.floor(next() * alphabet.length)];
      }
      return s;
    },
  };
  return rng;
}

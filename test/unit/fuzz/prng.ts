/** A tiny seeded PRNG (mulberry32): the same seed gives the same fuzz cases everywhere. */
export interface Rng {
  next(): number;
  /** 0 <= n < max */
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number): number => Math.floor(next() * max);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)] as T;
    },
    chance: (p) => next() < p,
  };
}

/** FUZZ_SEED / FUZZ_SCALE override the fixed seed and case count (e.g. a long local run). */
export function fuzzSettings(defaultSeed: number): { seed: number; scale: number } {
  const seed = Number(process.env['FUZZ_SEED']);
  const scale = Number(process.env['FUZZ_SCALE']);
  return {
    seed: Number.isInteger(seed) ? seed : defaultSeed,
    scale: Number.isFinite(scale) && scale > 0 ? scale : 1,
  };
}

export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  if (s.length === 0) return Number.NaN;
  return s.length % 2 === 1 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export function minMedMax(xs: readonly number[]): { min: number; med: number; max: number } {
  const finite = xs.filter(Number.isFinite);
  if (finite.length === 0) return { min: Number.NaN, med: Number.NaN, max: Number.NaN };
  return { min: Math.min(...finite), med: median(finite), max: Math.max(...finite) };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

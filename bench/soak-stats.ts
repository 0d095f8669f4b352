/** Pure numbers for the soak benchmark: least-squares growth and CPU share. */

export interface Point {
  /** Seconds since the start of the run. */
  tS: number;
  value: number;
}

/** Slope (value per second) of the least-squares line through the points; 0 for fewer than 2. */
export function slopePerSecond(points: readonly Point[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanT = points.reduce((s, p) => s + p.tS, 0) / n;
  const meanV = points.reduce((s, p) => s + p.value, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.tS - meanT) * (p.value - meanV);
    den += (p.tS - meanT) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** Growth in MB per hour of a byte series. */
export function mbPerHour(points: readonly Point[]): number {
  return (slopePerSecond(points) * 3600) / (1024 * 1024);
}

/** CPU used between two samples as a percentage of one core. */
export function cpuPercent(cpuUsDelta: number, wallMsDelta: number): number {
  return wallMsDelta <= 0 ? 0 : (cpuUsDelta / 1000 / wallMsDelta) * 100;
}

export function toMb(bytes: number): number {
  return bytes / (1024 * 1024);
}

import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMemStats, type MemSample } from '../../../src/core/mem-stats.js';

describe('startMemStats', () => {
  it('does nothing without VOICECHAT_MEMSTATS', () => {
    const stop = startMemStats({});
    stop();
  });

  it('writes a JSON line at once and on its interval; a second start is a no-op', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vc-mem-')), 'mem.jsonl');
    const env = { VOICECHAT_MEMSTATS: file, VOICECHAT_MEMSTATS_INTERVAL_MS: '100' };
    const stop = startMemStats(env);
    const again = startMemStats(env);
    await new Promise((r) => setTimeout(r, 250));
    stop();
    again();
    expect(existsSync(file)).toBe(true);
    const samples = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as MemSample);
    expect(samples.length).toBeGreaterThanOrEqual(2);
    expect(samples.length).toBeLessThanOrEqual(4);
    expect(samples[0]!.heapUsed).toBeGreaterThan(0);
    expect(samples[0]!.rss).toBeGreaterThan(samples[0]!.heapUsed / 2);
  });
});

// Preloaded into every Node process of a profiled bench run (NODE_OPTIONS=--import=<this file,
// transpiled to plain JS by bench/lib/evidence.ts>; never in a measured run). Node 20 refuses --cpu-prof in
// NODE_OPTIONS, and the audio hosts inherit the parent's environment, so this reaches the main
// process and every PortAudio host without a change to voicechat. The profile is written in
// slices every SLICE_MS: a player host is SIGKILLed at each barge-in and would otherwise leave
// nothing. Also records the largest process.memoryUsage() seen (heap vs external vs RSS).
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env['BENCH_CPU_PROF_DIR'];
const SLICE_MS = 1000;

if (dir !== undefined && dir !== '') {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  const epochMs = (): number => Math.round(performance.timeOrigin + performance.now());
  let sliceStartMs = epochMs();
  const peak: NodeJS.MemoryUsage = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  const write = (restart: boolean): void => {
    const m = process.memoryUsage();
    if (m.rss > peak.rss) Object.assign(peak, m);
    // the inspector session on the own thread answers synchronously, so this also works in 'exit'
    session.post('Profiler.stop', (error, result) => {
      if (error === null && result !== undefined) {
        // the epoch span in the name lets the bench keep only the slices of its measured window
        const endMs = epochMs();
        writeFileSync(join(dir, `${process.pid}.${sliceStartMs}-${endMs}.cpuprofile`), JSON.stringify(result.profile));
        sliceStartMs = endMs;
      }
      writeFileSync(join(dir, `${process.pid}.memory.json`), JSON.stringify(peak));
      if (restart) session.post('Profiler.start');
    });
  };
  setInterval(() => write(true), SLICE_MS).unref();
  process.on('exit', () => write(false));
}

// Records what the virtual speaker plays (vc_out.monitor) with parec, stamping each block with
// the epoch clock the clients' timing logs use, and finds when audio starts and stops.
import { spawn } from 'node:child_process';

const RATE = 48000;
export const LOUD = 500; // |sample| above this is "not silent" (the tone peaks at 8000)

interface Block {
  /** Epoch ms when the block arrived: its last sample was captured no later than this. */
  atMs: number;
  pcm: Int16Array;
}

export interface Monitor {
  stop(): Promise<void>;
  /** Epoch ms of the last loud sample in [fromMs, toMs], or undefined. */
  lastLoud(fromMs: number, toMs: number): number | undefined;
  /** Epoch ms of the first loud sample in [fromMs, toMs], or undefined. */
  firstLoud(fromMs: number, toMs: number): number | undefined;
}

export function recordMonitor(): Monitor {
  const rec = spawn(
    'parec',
    ['-d', 'vc_out.monitor', '--raw', '--rate=48000', '--channels=1', '--format=s16le', '--latency-msec=5'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const blocks: Block[] = [];
  let carry = Buffer.alloc(0);
  rec.stdout.on('data', (bytes: Buffer) => {
    const atMs = performance.timeOrigin + performance.now();
    const all = carry.length > 0 ? Buffer.concat([carry, bytes]) : bytes;
    const n = all.length >> 1;
    const pcm = new Int16Array(n);
    Buffer.from(pcm.buffer).set(all.subarray(0, n * 2));
    carry = Buffer.from(all.subarray(n * 2));
    blocks.push({ atMs, pcm });
  });
  // sample j of a block was captured at atMs - (len - 1 - j) / 48
  const scan = (fromMs: number, toMs: number, visit: (tMs: number) => boolean): void => {
    for (const b of blocks) {
      const startMs = b.atMs - (b.pcm.length - 1) / (RATE / 1000);
      if (b.atMs < fromMs || startMs > toMs) continue;
      for (let j = 0; j < b.pcm.length; j++) {
        const t = startMs + j / (RATE / 1000);
        if (t < fromMs || t > toMs) continue;
        if (Math.abs(b.pcm[j] ?? 0) > LOUD && visit(t)) return;
      }
    }
  };
  return {
    async stop() {
      if (rec.exitCode !== null) return;
      const exited = new Promise((r) => rec.once('exit', r));
      rec.kill();
      await exited;
    },
    lastLoud(fromMs, toMs) {
      let last: number | undefined;
      scan(fromMs, toMs, (t) => {
        last = t;
        return false;
      });
      return last;
    },
    firstLoud(fromMs, toMs) {
      let first: number | undefined;
      scan(fromMs, toMs, (t) => {
        first = t;
        return true;
      });
      return first;
    },
  };
}

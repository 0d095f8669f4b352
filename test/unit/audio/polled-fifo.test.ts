import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPolledFifo } from '../../../src/audio/backend/polled-fifo.js';

/** A child that makes `writes` separate writes of `bytesEach` bytes, `gapMs` apart, then exits. */
const WRITER = `
const [writes, bytesEach, gapMs] = process.argv.slice(1).map(Number);
let n = 0;
const next = () => {
  if (n === writes) return;
  const chunk = Buffer.alloc(bytesEach, n % 256);
  n++;
  require('node:fs').writeSync(1, chunk);
  setTimeout(next, gapMs);
};
next();
`;

describe('openPolledFifo', () => {
  it('hands over every byte a child writes, in order, batched per poll instead of per write', async () => {
    const parentDir = mkdtempSync(join(tmpdir(), 'vc-fifo-test-'));
    const fifo = await openPolledFifo(parentDir);
    // the FIFO and its directory are gone once both ends are open
    expect(readdirSync(parentDir)).toEqual([]);
    rmSync(parentDir, { recursive: true });
    const writes = 60;
    const bytesEach = 320;
    const child = spawn(process.execPath, ['-e', WRITER, String(writes), String(bytesEach), '2'], {
      stdio: ['ignore', fifo.writeFd, 'inherit'],
    });
    fifo.closeWriteEnd();
    const received: Buffer[] = [];
    const errors: Error[] = [];
    fifo.start(
      20,
      (bytes) => received.push(bytes),
      (error) => errors.push(error),
    );
    await new Promise((resolve) => child.once('exit', resolve));
    // one more poll after the writer is gone: the rest, then EOF reads nothing and throws nothing
    await new Promise((resolve) => setTimeout(resolve, 60));
    fifo.close();

    const all = Buffer.concat(received);
    const expected = Buffer.concat(Array.from({ length: writes }, (_, n) => Buffer.alloc(bytesEach, n % 256)));
    expect(all.equals(expected)).toBe(true);
    // 60 writes ~2-3 ms apart arrive in a handful of polls, not one callback per write
    expect(received.length).toBeLessThan(writes / 3);
    expect(errors).toEqual([]);
  });

  it('polls nothing after close', async () => {
    const fifo = await openPolledFifo();
    const calls: number[] = [];
    fifo.start(
      5,
      () => calls.push(1),
      () => calls.push(2),
    );
    fifo.close();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toEqual([]);
  });
});

import { execFile } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** One read takes everything a pipe can hold (Linux: 64 KiB), so one read per poll drains it. */
const READ_BYTES = 64 * 1024;

export interface PolledFifo {
  /** The write end, for a child's stdout. */
  readonly writeFd: number;
  /** Once the child holds the write end: this process's copy would keep the FIFO from ever ending. */
  closeWriteEnd(): void;
  /**
   * Starts calling `onBytes` every `pollMs` with what arrived since the last poll (if anything);
   * a failed read stops the polling and goes to `onError`.
   */
  start(pollMs: number, onBytes: (bytes: Buffer) => void, onError: (error: Error) => void): void;
  close(): void;
}

/**
 * A named pipe this process reads on its own timer instead of on every write into it. A child's
 * stdout pipe wakes Node's event loop for each write the child makes: parec writes a block every
 * ~6.7 ms (what the source posts), ~150 wake-ups a second, each costing more than the read itself.
 * Polled every frame (20 ms), the same bytes cost 50. The FIFO is unlinked once both ends are
 * open: nothing stays on disk.
 */
export async function openPolledFifo(parentDir: string = tmpdir()): Promise<PolledFifo> {
  const dir = mkdtempSync(join(parentDir, 'vc-fifo-'));
  const path = join(dir, 'capture');
  let readFd: number | undefined;
  let writeFd: number | undefined;
  try {
    await promisify(execFile)('mkfifo', ['-m', '600', path]);
    // the read end first, non-blocking: opening the write end then returns at once
    readFd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    writeFd = openSync(path, constants.O_WRONLY);
  } catch (error) {
    if (readFd !== undefined) closeSync(readFd);
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const fd = readFd;
  const buffer = Buffer.allocUnsafe(READ_BYTES);
  let timer: NodeJS.Timeout | undefined;
  let isClosed = false;
  let isWriteEndOpen = true;
  const closeWriteEnd = (): void => {
    if (!isWriteEndOpen) return;
    isWriteEndOpen = false;
    closeSync(writeFd);
  };

  const poll = (onBytes: (bytes: Buffer) => void, onError: (error: Error) => void): void => {
    let count: number;
    try {
      count = readSync(fd, buffer, 0, READ_BYTES, null);
    } catch (error) {
      // EAGAIN: nothing arrived since the last poll
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return;
      clearInterval(timer);
      onError(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    // 0: the writer closed (the child exited; its exit event reports it)
    if (count > 0) onBytes(Buffer.from(buffer.subarray(0, count)));
  };

  return {
    writeFd,
    closeWriteEnd,
    start(pollMs, onBytes, onError) {
      if (isClosed || timer !== undefined) return;
      timer = setInterval(() => poll(onBytes, onError), pollMs);
    },
    close() {
      if (isClosed) return;
      isClosed = true;
      clearInterval(timer);
      closeWriteEnd();
      closeSync(fd);
    },
  };
}

// Preloaded into the TUI process by `bench/tui-cpu.ts --stats` (node --import): counts the writes
// to the terminal, the Ink frames among them (a frame is the one write with newlines; Ink brackets
// it in two short synchronized-output writes; the meter overlay's writes have no newline) and
// their bytes, and writes the totals to $VC_TUI_STATS_FILE every second.
import { writeFileSync } from 'node:fs';

const file = process.env.VC_TUI_STATS_FILE;
if (file !== undefined && file !== '') {
  const stats = { writes: 0, frames: 0, bytes: 0, atMs: Date.now() };
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    stats.writes++;
    if (String(chunk).includes('\n')) stats.frames++;
    stats.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    return write(chunk, ...rest);
  };
  const flush = () => {
    stats.atMs = Date.now();
    writeFileSync(file, JSON.stringify(stats));
  };
  setInterval(flush, 1000).unref();
}

import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { recordingPaths } from './files.js';

export type WavRepair = 'ok' | 'fixed' | 'missing' | 'unreadable';
export type EventsRepair = 'ok' | 'trimmed' | 'missing';

export interface RepairReport {
  wav: WavRepair;
  events: EventsRepair;
}

export interface WavLayout {
  /** Offset of the data chunk's size field. */
  dataSizeAt: number;
  /** Offset of the first data byte. */
  dataStart: number;
  blockAlign: number;
}

/** Finds the fmt block alignment and the data chunk in a WAV header. Pure; undefined if not a WAV. */
export function locateWavData(head: Buffer): WavLayout | undefined {
  if (head.length < 12 || head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE') {
    return undefined;
  }
  let offset = 12;
  let blockAlign: number | undefined;
  while (offset + 8 <= head.length) {
    const id = head.toString('ascii', offset, offset + 4);
    const size = head.readUInt32LE(offset + 4);
    if (id === 'fmt ' && offset + 8 + 14 <= head.length) blockAlign = head.readUInt16LE(offset + 8 + 12);
    if (id === 'data') {
      return blockAlign === undefined || blockAlign === 0
        ? undefined
        : { dataSizeAt: offset + 4, dataStart: offset + 8, blockAlign };
    }
    offset += 8 + size + (size % 2);
  }
  return undefined;
}

/** What the header should say for a file of `fileBytes`; `keepBytes` drops a torn last frame. Pure. */
export function expectedSizes(layout: WavLayout, fileBytes: number): { dataBytes: number; keepBytes: number } {
  const raw = Math.max(0, fileBytes - layout.dataStart);
  const dataBytes = raw - (raw % layout.blockAlign);
  return { dataBytes, keepBytes: layout.dataStart + dataBytes };
}

/** Makes a WAV's RIFF and data sizes match its length (after a crash between two header updates). */
export function repairWav(path: string): WavRepair {
  if (!existsSync(path)) return 'missing';
  const fd = openSync(path, 'r+');
  try {
    const head = Buffer.alloc(4096);
    const read = readSync(fd, head, 0, head.length, 0);
    const layout = locateWavData(head.subarray(0, read));
    if (layout === undefined) return 'unreadable';
    const fileBytes = fstatSync(fd).size;
    const { dataBytes, keepBytes } = expectedSizes(layout, fileBytes);
    const riffSize = keepBytes - 8;
    if (
      head.readUInt32LE(4) === riffSize &&
      head.readUInt32LE(layout.dataSizeAt) === dataBytes &&
      keepBytes === fileBytes
    ) {
      return 'ok';
    }
    if (keepBytes !== fileBytes) ftruncateSync(fd, keepBytes);
    const field = Buffer.alloc(4);
    field.writeUInt32LE(riffSize);
    writeSync(fd, field, 0, 4, 4);
    field.writeUInt32LE(dataBytes);
    writeSync(fd, field, 0, 4, layout.dataSizeAt);
    return 'fixed';
  } finally {
    closeSync(fd);
  }
}

/** Length of `text` up to and including its last newline. Pure. */
export function lastFullLineEnd(bytes: Buffer): number {
  const at = bytes.lastIndexOf(0x0a);
  return at < 0 ? 0 : at + 1;
}

/** Cuts a JSON Lines file back to its last complete line. */
export function repairEvents(path: string): EventsRepair {
  if (!existsSync(path)) return 'missing';
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    // only the tail can be torn: look at the last 64 KiB, or everything if no line ends there
    let tailBytes = Math.min(size, 65_536);
    const probe = Buffer.alloc(tailBytes);
    readSync(fd, probe, 0, tailBytes, size - tailBytes);
    if (probe.lastIndexOf(0x0a) < 0) tailBytes = size;
    const tail = Buffer.alloc(tailBytes);
    readSync(fd, tail, 0, tailBytes, size - tailBytes);
    if (tailBytes === 0 || tail[tailBytes - 1] === 0x0a) return 'ok';
    const keep = lastFullLineEnd(tail);
    ftruncateSync(fd, size - tailBytes + keep);
    return 'trimmed';
  } finally {
    closeSync(fd);
  }
}

/** Fixes what a crash or kill -9 can leave behind in a recording directory. Idempotent. */
export function repairRecording(dir: string): RepairReport {
  const paths = recordingPaths(dir);
  return { wav: repairWav(paths.wav), events: repairEvents(paths.events) };
}

import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { ConfigError, UsageError } from '../core/errors.js';

/** Minimal RIFF/WAVE encoding for PCM16; the audio engine extends this module. */
export function encodeWavHeader(dataBytes: number, sampleRate: number, channels = 1): Buffer {
  const header = Buffer.alloc(44);
  const blockAlign = channels * 2;
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

export function encodeWav(pcm: Int16Array, sampleRate: number, channels = 1): Buffer {
  const data = Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  return Buffer.concat([encodeWavHeader(data.length, sampleRate, channels), data]);
}

export interface WavAudio {
  sampleRate: number;
  /** Channels in the file; `pcm` is always mono (averaged). */
  channels: number;
  pcm: Int16Array;
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

/** Parses a RIFF/WAVE file (PCM 8/16/24/32-bit or float 32/64, any channels) to mono PCM16. */
export function parseWav(bytes: Buffer, name = 'WAV data'): WavAudio {
  const bad = (why: string): ConfigError =>
    new ConfigError(`${name} is not a usable WAV file: ${why}.`, {
      hint: 'Use a PCM16 or float32 WAV, e.g. `sox in.any -b 16 out.wav`.',
    });
  if (bytes.length < 12 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    throw bad('no RIFF/WAVE header');
  }
  let offset = 12;
  let format: { tag: number; channels: number; sampleRate: number; bits: number } | undefined;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) throw bad('fmt chunk is truncated');
      let tag = bytes.readUInt16LE(body);
      if (tag === FORMAT_EXTENSIBLE && size >= 26 && body + 26 <= bytes.length) tag = bytes.readUInt16LE(body + 24);
      format = {
        tag,
        channels: bytes.readUInt16LE(body + 2),
        sampleRate: bytes.readUInt32LE(body + 4),
        bits: bytes.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (format === undefined) throw bad('data chunk before fmt chunk');
      // streaming writers leave 0 or 0xFFFFFFFF here; anything else beyond the end is a truncated file
      const isOpenEnded = size === 0 || size === 0xffffffff;
      if (!isOpenEnded && body + size > bytes.length) {
        throw bad(`truncated (header says ${size} data bytes, file has ${bytes.length - body})`);
      }
      const end = isOpenEnded ? bytes.length : body + size;
      return {
        sampleRate: format.sampleRate,
        channels: format.channels,
        pcm: decode(bytes.subarray(body, end), format, bad),
      };
    }
    offset = body + size + (size % 2);
  }
  throw bad(format === undefined ? 'no fmt chunk' : 'no data chunk');
}

function decode(
  data: Buffer,
  format: { tag: number; channels: number; sampleRate: number; bits: number },
  bad: (why: string) => ConfigError,
): Int16Array {
  const { tag, channels, sampleRate, bits } = format;
  if (channels < 1 || channels > 32) throw bad(`unsupported channel count ${channels}`);
  if (sampleRate < 1000 || sampleRate > 384000) throw bad(`unsupported sample rate ${sampleRate}`);
  const bytesPerSample = bits / 8;
  let read: (at: number) => number;
  if (tag === FORMAT_PCM && bits === 16) read = (at) => data.readInt16LE(at) / 32768;
  else if (tag === FORMAT_PCM && bits === 8) read = (at) => (data.readUInt8(at) - 128) / 128;
  else if (tag === FORMAT_PCM && bits === 24) read = (at) => data.readIntLE(at, 3) / 8388608;
  else if (tag === FORMAT_PCM && bits === 32) read = (at) => data.readInt32LE(at) / 2147483648;
  else if (tag === FORMAT_FLOAT && bits === 32) read = (at) => data.readFloatLE(at);
  else if (tag === FORMAT_FLOAT && bits === 64) read = (at) => data.readDoubleLE(at);
  else throw bad(`unsupported encoding (format ${tag}, ${bits} bits)`);
  const frameBytes = bytesPerSample * channels;
  const frames = Math.floor(data.length / frameBytes);
  const out = new Int16Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += read(i * frameBytes + c * bytesPerSample);
    const v = Math.round((sum / channels) * 32768);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}

/** Reads a WAV file; a missing file is a UsageError, a bad one a ConfigError, both naming the path. */
export function readWavFile(path: string): WavAudio {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`Cannot read audio file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, {
      cause: error,
      hint: 'Check the path given to --input-file.',
    });
  }
  return parseWav(bytes, path);
}

/** Streams PCM16 mono to a WAV file; sizes in the header are patched on close(). */
export class WavFileWriter {
  readonly #fd: number;
  #dataBytes = 0;
  #isClosed = false;

  constructor(
    readonly path: string,
    readonly sampleRate: number,
  ) {
    try {
      this.#fd = openSync(path, 'w');
      writeSync(this.#fd, encodeWavHeader(0, sampleRate));
    } catch (error) {
      throw new UsageError(
        `Cannot write audio file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
        {
          cause: error,
          hint: 'Check the path given to --audio-out.',
        },
      );
    }
  }

  get writtenSamples(): number {
    return this.#dataBytes / 2;
  }

  write(pcm: Int16Array): void {
    if (this.#isClosed || pcm.length === 0) return;
    writeSync(this.#fd, Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength));
    this.#dataBytes += pcm.byteLength;
  }

  close(): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    writeSync(this.#fd, encodeWavHeader(this.#dataBytes, this.sampleRate), 0, 44, 0);
    closeSync(this.#fd);
  }
}

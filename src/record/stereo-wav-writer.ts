import { closeSync, openSync, writeSync } from 'node:fs';
import { encodeWavHeader } from '../audio/wav.js';

const CHANNELS = 2;
const HEADER_BYTES = 44;

/**
 * A stereo PCM16 WAV written as it grows. `sync()` patches the RIFF and data sizes after every
 * batch, so the file parses even if the process is killed between two batches.
 */
export class StereoWavWriter {
  readonly #fd: number;
  #dataBytes = 0;
  #headerBytes = -1;
  #isClosed = false;

  constructor(
    readonly path: string,
    readonly sampleRate: number,
  ) {
    this.#fd = openSync(path, 'w');
    writeSync(this.#fd, encodeWavHeader(0, sampleRate, CHANNELS));
    this.#headerBytes = 0;
  }

  get writtenFrames(): number {
    return this.#dataBytes / (2 * CHANNELS);
  }

  /** Appends interleaved stereo samples. */
  write(interleaved: Int16Array): void {
    if (this.#isClosed || interleaved.length === 0) return;
    const bytes = Buffer.from(interleaved.buffer, interleaved.byteOffset, interleaved.byteLength);
    writeSync(this.#fd, bytes, 0, bytes.length, HEADER_BYTES + this.#dataBytes);
    this.#dataBytes += bytes.length;
  }

  /** Makes the header match the data written so far. */
  sync(): void {
    if (this.#isClosed || this.#headerBytes === this.#dataBytes) return;
    writeSync(this.#fd, encodeWavHeader(this.#dataBytes, this.sampleRate, CHANNELS), 0, HEADER_BYTES, 0);
    this.#headerBytes = this.#dataBytes;
  }

  close(): void {
    if (this.#isClosed) return;
    this.sync();
    this.#isClosed = true;
    closeSync(this.#fd);
  }
}

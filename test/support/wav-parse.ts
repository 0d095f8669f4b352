/** An independent, strict WAV header reader for tests (not the product's reader). */
export interface ParsedWav {
  format: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataBytes: number;
  data: Buffer;
}

export function parseWav(buf: Buffer): ParsedWav {
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error('not RIFF/WAVE');
  if (buf.readUInt32LE(4) !== buf.length - 8) throw new Error(`RIFF size ${buf.readUInt32LE(4)} != ${buf.length - 8}`);
  let offset = 12;
  let fmt: Omit<ParsedWav, 'dataBytes' | 'data'> | undefined;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      fmt = {
        format: buf.readUInt16LE(body),
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        bitsPerSample: buf.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (fmt === undefined) throw new Error('data before fmt');
      if (body + size > buf.length) throw new Error('data chunk runs past the end');
      return { ...fmt, dataBytes: size, data: buf.subarray(body, body + size) };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('no data chunk');
}

/** Base64 PCM16 little-endian to samples. An odd trailing byte is dropped, never misaligned. */
export function base64ToPcm16(data: string): Int16Array {
  const bytes = Buffer.from(data, 'base64');
  const even = bytes.length - (bytes.length % 2);
  const out = new Int16Array(even / 2);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readInt16LE(i * 2);
  return out;
}

export function pcm16ToBase64(pcm: Int16Array): string {
  return Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).toString('base64');
}

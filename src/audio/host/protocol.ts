import type { ChunkPart } from '../playback-queue.js';

/** A device as the host reports it (PortAudio's view, trimmed). */
export interface DeviceInfo {
  id: number;
  name: string;
  maxInputChannels: number;
  maxOutputChannels: number;
  defaultSampleRate: number;
  hostApi: string;
  isDefaultInput: boolean;
  isDefaultOutput: boolean;
}

export type HostRole = 'capture' | 'player' | 'list';

export interface HostConfig {
  role: HostRole;
  /** Device id or name substring; undefined = the system default. */
  device?: string | undefined;
  sampleRate: number;
  frameMs: number;
  /** Player: the jitter buffer's start threshold. */
  prebufferMs: number;
  /** Player: naudiodon's native queue length in chunks. */
  maxQueue: number;
  /**
   * Player: write silence whenever there is nothing to play, so the device never stalls between
   * replies. Echo cancellation needs it: a stalled output restarts on a new callback phase and
   * buffer fill, which moves the play-to-capture delay AEC3 has learned by up to a buffer. The
   * PortAudio host honours it; the pulse player does not (pacat's stream only restarts once the
   * server's prebuffer, its whole 100 ms target, is full: silence that keeps it running would
   * put 100+ ms in front of every reply).
   */
  keepFed?: boolean;
}

/** Parent -> host. PCM travels as the binary payload of a `pcm` message. */
export type ToHost =
  { type: 'pcm'; responseId: string } | { type: 'end' } | { type: 'mute'; muted: boolean } | { type: 'quit' };

export type HostErrorKind = 'unavailable' | 'device' | 'no-devices' | 'stream';

/** One chunk the output took (naudiodon's write callback, or the pulse pump's write). */
export interface Accept {
  atMs: number;
  chunkSamples: number;
  parts: ChunkPart[];
}

export interface Levels {
  rmsDb: number;
  peakDb: number;
}

/**
 * Host -> parent. `frame` carries capture PCM as its payload (with the meter when one is due);
 * `accepted` carries up to a few chunks' accepts at once (the player batches them, with the
 * meter, instead of one packet per 20 ms chunk).
 */
export type FromHost =
  | { type: 'ready'; deviceName: string }
  | { type: 'heartbeat' }
  | { type: 'frame'; levels?: Levels }
  | { type: 'accepted'; accepts: Accept[]; levels?: Levels }
  /** A measured playback position (the pulse player, from pacat's stream time); see PacatClock. */
  | { type: 'position'; atMs: number; playedSamples: number }
  | { type: 'devices'; devices: DeviceInfo[] }
  | { type: 'error'; kind: HostErrorKind; message: string; validNames?: string[] };

export interface Packet<T> {
  header: T;
  payload: Buffer;
}

/** Wire format: u32 LE length of the rest, u16 LE header length, JSON header, binary payload. */
export function encodePacket(header: object, payload?: Uint8Array): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const payloadBytes = payload?.byteLength ?? 0;
  const out = Buffer.allocUnsafe(6 + json.length + payloadBytes);
  out.writeUInt32LE(2 + json.length + payloadBytes, 0);
  out.writeUInt16LE(json.length, 4);
  json.copy(out, 6);
  if (payload !== undefined) out.set(payload, 6 + json.length);
  return out;
}

/** Reassembles packets from a byte stream cut at arbitrary points. */
export class PacketDecoder<T> {
  private buffer: Buffer = Buffer.alloc(0);

  push(bytes: Buffer): Packet<T>[] {
    this.buffer = this.buffer.length === 0 ? bytes : Buffer.concat([this.buffer, bytes]);
    const packets: Packet<T>[] = [];
    let offset = 0;
    while (this.buffer.length - offset >= 4) {
      const length = this.buffer.readUInt32LE(offset);
      if (this.buffer.length - offset - 4 < length) break;
      const headerBytes = this.buffer.readUInt16LE(offset + 4);
      const headerStart = offset + 6;
      const header = JSON.parse(this.buffer.toString('utf8', headerStart, headerStart + headerBytes)) as T;
      const payload = Buffer.from(this.buffer.subarray(headerStart + headerBytes, offset + 4 + length));
      packets.push({ header, payload });
      offset += 4 + length;
    }
    this.buffer = this.buffer.subarray(offset);
    return packets;
  }
}

/** PCM16 bytes from the wire as samples (copied: the Buffer may be unaligned). */
export function bytesToPcm(bytes: Buffer): Int16Array {
  const pcm = new Int16Array(bytes.length >> 1);
  Buffer.from(pcm.buffer).set(bytes.subarray(0, pcm.length * 2));
  return pcm;
}

export function pcmToBytes(pcm: Int16Array): Buffer {
  return Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
}

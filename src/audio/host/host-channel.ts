import { Socket } from 'node:net';
import { encodePacket, PacketDecoder, type FromHost, type ToHost } from './protocol.js';

/** The host's end of the binary pipe on fd 3 (stdout is ignored: naudiodon printf()s there). */
export interface HostChannel {
  send(message: FromHost, payload?: Uint8Array): void;
  onMessage(listener: (message: ToHost, payload: Buffer) => void): void;
  /** Flushes what was sent, then exits. */
  exit(code: number): void;
}

export function openHostChannel(): HostChannel {
  const socket = new Socket({ fd: 3, readable: true, writable: true });
  const decoder = new PacketDecoder<ToHost>();
  const listeners: ((message: ToHost, payload: Buffer) => void)[] = [];
  socket.on('data', (bytes: Buffer) => {
    for (const packet of decoder.push(bytes)) for (const l of listeners) l(packet.header, packet.payload);
  });
  // the parent is gone: nobody will read or kill us, so leave at once (no quit(): it may drain or hang)
  socket.on('end', () => process.exit(0));
  socket.on('error', () => process.exit(0));
  return {
    send(message, payload) {
      if (!socket.destroyed) socket.write(encodePacket(message, payload));
    },
    onMessage(listener) {
      listeners.push(listener);
    },
    exit(code) {
      socket.end(() => process.exit(code));
      setTimeout(() => process.exit(code), 200).unref();
    },
  };
}

export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

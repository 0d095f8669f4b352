import type { SocketConnector, SocketPort } from '../../../src/providers/socket.js';

/** A socket for fuzzing: frames are delivered by the test, sends are counted, close is simulated. */
export interface FuzzSocket {
  connector: SocketConnector;
  sent: number;
  isConnected(): boolean;
  /** Delivers one text frame (buffered until the client listens). */
  deliver(text: string): void;
  /** The server closes the connection. */
  serverClose(code: number, reason: string): void;
}

export function createFuzzSocket(): FuzzSocket {
  let onMessage: ((data: string, isBinary: boolean) => void) | undefined;
  let onClose: ((code: number, reason: string) => void) | undefined;
  const early: string[] = [];
  let closed = false;
  const fake: FuzzSocket = {
    sent: 0,
    isConnected: () => onMessage !== undefined,
    deliver(text) {
      if (closed) return;
      if (onMessage === undefined) early.push(text);
      else onMessage(text, false);
    },
    serverClose(code, reason) {
      if (closed) return;
      closed = true;
      onClose?.(code, reason);
    },
    connector: () => {
      const port: SocketPort = {
        send() {
          fake.sent += 1;
        },
        close() {
          closed = true;
        },
        onMessage(listener) {
          onMessage = listener;
          for (const frame of early.splice(0)) listener(frame, false);
        },
        onClose(listener) {
          onClose = listener;
        },
        bufferedBytes: () => 0,
      };
      return Promise.resolve(port);
    },
  };
  return fake;
}

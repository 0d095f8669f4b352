import type { Endpoint } from '../../src/core/session.js';
import type { Logger } from '../../src/core/log.js';
import type { SocketConnector, SocketPort } from '../../src/providers/socket.js';

/** A scripted socket for session-level tests: records what the client sends, feeds server frames. */
export interface FakeSocket {
  connector: SocketConnector;
  endpoints: Endpoint[];
  /** Client messages, parsed, in order; server frames pushed are interleaved as `{ '<-': type }`. */
  timeline: Record<string, unknown>[];
  sent(): Record<string, unknown>[];
  /** Delivers one server frame to the client. */
  push(event: Record<string, unknown>): void;
  /** Resolves once the client has sent a message matching. */
  waitForSent(predicate: (m: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  closedWith: { code: number | undefined; reason: string | undefined } | undefined;
}

export function createFakeSocket(): FakeSocket {
  const timeline: Record<string, unknown>[] = [];
  const endpoints: Endpoint[] = [];
  let onMessage: ((data: string, isBinary: boolean) => void) | undefined;
  // frames pushed before the client listens are delivered when it starts (as a network buffers them)
  const early: string[] = [];
  const waiters = new Set<() => void>();
  const fake: FakeSocket = {
    endpoints,
    timeline,
    closedWith: undefined,
    sent: () => timeline.filter((m) => !('<-' in m)),
    push(event) {
      timeline.push({ '<-': event['type'] });
      if (onMessage === undefined) early.push(JSON.stringify(event));
      else onMessage(JSON.stringify(event), false);
    },
    waitForSent(predicate, timeoutMs = 3000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const hit = fake.sent().find(predicate);
          if (hit === undefined) return false;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`waitForSent timed out; sent: ${JSON.stringify(fake.sent().map((m) => m['type']))}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    connector: (endpoint) => {
      endpoints.push(endpoint);
      const port: SocketPort = {
        send(data) {
          timeline.push(JSON.parse(data) as Record<string, unknown>);
          for (const w of [...waiters]) w();
        },
        close(code, reason) {
          fake.closedWith = { code, reason };
        },
        onMessage(listener) {
          onMessage = listener;
          for (const frame of early.splice(0)) listener(frame, false);
        },
        onClose() {},
        bufferedBytes: () => 0,
      };
      return Promise.resolve(port);
    },
  };
  return fake;
}

/** A logger that keeps its lines, to assert on debug messages. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const add =
    (level: string) =>
    (m: string): void => {
      lines.push(`${level} ${m}`);
    };
  return { lines, debug: add('debug'), info: add('info'), warn: add('warn'), error: add('error') };
}

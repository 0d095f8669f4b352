import { TemporaryError, type VoicechatError } from '../../core/errors.js';
import type { Endpoint } from '../../core/session.js';
import type { SocketConnector, SocketPort } from '../socket.js';
import { geminiCloseError } from './close-reasons.js';
import { obj, parseWireMessage, str } from './protocol.js';

/** One set-up connection: the socket, when it has closed, and Vertex's session id. */
export interface Link {
  socket: SocketPort;
  closed: Promise<void>;
  sessionId: string | undefined;
}

export interface OpenLinkInput {
  connect: SocketConnector;
  endpoint: Endpoint;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  setup: Record<string, unknown>;
  credentialHint: string;
  /** False once the session moved on (resumed or closed): this socket's events are then ignored. */
  isCurrent: () => boolean;
  onFrame: (data: string) => void;
  /** A close after setup; a close before it rejects `openLink` with the reading of its reason. */
  onClose: (code: number, reason: string) => void;
}

/**
 * Opens a socket, sends `setup` and waits for `setupComplete` (Gemini reports a bad setup,
 * key or model by closing the socket instead, which becomes the matching error).
 */
export async function openLink(input: OpenLinkInput): Promise<Link> {
  const socket = await input.connect(input.endpoint, { timeoutMs: input.timeoutMs, signal: input.signal });
  let pending:
    { resolve: (sessionId: string | undefined) => void; reject: (error: VoicechatError) => void } | undefined;
  const ready = new Promise<string | undefined>((resolve, reject) => {
    pending = { resolve, reject };
  });
  const settle = (): typeof pending => {
    const current = pending;
    pending = undefined;
    return current;
  };
  const closed = new Promise<void>((resolve) => {
    socket.onClose((code, reason) => {
      resolve();
      const waiting = settle();
      if (waiting !== undefined) {
        waiting.reject(
          geminiCloseError(code, reason, input.credentialHint, 'setup') ??
            new TemporaryError(`The provider closed the connection during setup (code ${code}).`),
        );
        return;
      }
      if (input.isCurrent()) input.onClose(code, reason);
    });
  });
  socket.onMessage((data) => {
    if (pending !== undefined) {
      const parsed = parseWireMessage(data);
      const complete = parsed.ok ? obj(parsed.message, 'setupComplete') : undefined;
      if (complete !== undefined) settle()?.resolve(str(complete, 'sessionId'));
    }
    if (input.isCurrent()) input.onFrame(data);
  });
  socket.send(JSON.stringify(input.setup));
  const timer = setTimeout(() => {
    settle()?.reject(
      new TemporaryError(`The provider did not confirm the session within ${Math.round(input.timeoutMs / 1000)} s.`),
    );
  }, input.timeoutMs);
  try {
    return { socket, closed, sessionId: await ready };
  } catch (error) {
    socket.close(1000, 'setup failed');
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

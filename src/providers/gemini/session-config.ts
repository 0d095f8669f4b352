import type { Logger } from '../../core/log.js';
import type { Endpoint, SessionOptions } from '../../core/session.js';
import type { SocketConnector } from '../socket.js';

export interface GeminiSessionConfig {
  provider: 'gemini' | 'vertex';
  endpoint: Endpoint;
  /** The model as the wire wants it: `models/<id>` or the Vertex resource path. */
  model: string;
  options: SessionOptions;
  connectTimeoutMs: number;
  /** Tells the user which variable or flag holds the credentials (for auth errors). */
  credentialHint: string;
}

export interface SessionDeps {
  connect: SocketConnector;
  log: Logger;
}

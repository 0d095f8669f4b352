import type { Logger } from '../core/log.js';
import type { RealtimeSession, SessionOptions } from '../core/session.js';
import type { Credential } from '../config/credentials.js';
import type { ProviderEntry } from '../config/provider-catalogue.js';
import type { ResolvedSettings } from '../config/settings.js';
import type { ProxyConfig } from '../net/proxy-resolve.js';
import type { SocketConnector } from './socket.js';

export interface CreateSessionInput {
  settings: ResolvedSettings['values'];
  credential: Credential | undefined;
  options: SessionOptions;
  connect: SocketConnector;
  log: Logger;
  /** Proxy rules for requests other than the WebSocket (token fetches); the environment when unset. */
  proxy?: ProxyConfig | undefined;
}

/**
 * What the rest of the program knows about a provider: the catalogue entry config sees (ids,
 * defaults, key variables, provider-only settings, gateway paths) plus the lazy session factory.
 */
export interface ProviderDescriptor extends ProviderEntry {
  createSession(input: CreateSessionInput): Promise<RealtimeSession>;
  /**
   * Where a session would connect and how the key travels, for `--explain` (no socket is opened,
   * no key is read). Absent: the endpoint setting says it all.
   */
  describeConnection?(settings: ResolvedSettings['values']): Promise<ConnectionDescription>;
}

export interface ConnectionDescription {
  url: string;
  /** Where the key goes and why, when the rule is not obvious (e.g. Gemini's header choice). */
  auth?: string | undefined;
}

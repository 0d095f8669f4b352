import type { Logger } from '../core/log.js';
import type { ProviderId, RealtimeSession, SessionOptions } from '../core/session.js';
import type { Credential } from '../config/credentials.js';
import type { PartialSettings, ResolvedSettings, SettingKey } from '../config/settings.js';
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

/** What the rest of the program knows about a provider; the implementation loads lazily. */
export interface ProviderDescriptor {
  id: ProviderId;
  label: string;
  /** Per-provider defaults (model, voice …). */
  defaults: PartialSettings;
  /** Variables that may hold the key, in order of preference. */
  keyEnv: readonly string[];
  /** Other variables read as settings (e.g. an endpoint variable). */
  envSettings: Partial<Record<SettingKey, readonly string[]>>;
  /** True when a missing key is fine (e.g. Vertex with application default credentials). */
  keyOptional: boolean;
  voices: readonly string[];
  models: readonly string[];
  /** Throws a ConfigError/UsageError for settings this provider cannot honour. */
  validate(settings: ResolvedSettings['values']): void;
  createSession(input: CreateSessionInput): Promise<RealtimeSession>;
}

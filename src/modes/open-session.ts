import { ConfigError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { RealtimeSession, SessionOptions, ToolDefinition } from '../core/session.js';
import { credentialNames, resolveCredential } from '../config/credentials.js';
import type { ResolvedSettings } from '../config/settings.js';
import { proxyOverrideFrom } from '../net/proxy-resolve.js';
import { getDescriptor } from '../providers/registry.js';
import type { SocketConnector } from '../providers/socket.js';

export interface OpenSessionInput {
  settings: ResolvedSettings['values'];
  output: 'audio' | 'text';
  /** Duplex audio in: turn on input transcription and VAD. */
  audioIn: boolean;
  tools: ToolDefinition[];
  env: NodeJS.ProcessEnv;
  log: Logger;
  connect?: SocketConnector;
  resumeToken?: string | undefined;
  /** The provider's echo cancellation as the echo plan decided (duplex runs); else from the setting. */
  serverEcho?: boolean | undefined;
}

/** Without a plan (one-shot): `server` asks for it, `off`/`local` turn it off, `auto` leaves the provider's default. */
function serverEchoFrom(setting: ResolvedSettings['values']['echoCancellation']): boolean | undefined {
  if (setting === 'server') return true;
  return setting === 'off' || setting === 'local' ? false : undefined;
}

export function sessionOptionsFrom(input: OpenSessionInput): SessionOptions {
  const s = input.settings;
  return {
    model: s.model,
    voice: s.voice,
    instructions: s.instructions,
    output: input.output,
    vad: {
      mode: s.vad,
      threshold: s.vadThreshold,
      prefixPaddingMs: s.prefixPaddingMs,
      silenceDurationMs: s.silenceDurationMs,
      eagerness: s.eagerness,
    },
    speed: s.speed,
    temperature: s.temperature,
    maxOutputTokens: s.maxOutputTokens,
    transcriptionModel: input.audioIn ? s.transcriptionModel : undefined,
    transcriptionLanguage: input.audioIn ? s.transcriptionLanguage : undefined,
    noiseReduction: s.noiseReduction,
    echoCancellation: input.serverEcho ?? serverEchoFrom(s.echoCancellation),
    tools: input.tools,
    resumeToken: input.resumeToken,
  };
}

/** Validates settings, finds the key and builds (but does not connect) the provider's session. */
export async function createSessionFor(input: OpenSessionInput): Promise<RealtimeSession> {
  const descriptor = getDescriptor(input.settings.provider);
  descriptor.validate(input.settings);
  const proxyOverride = proxyOverrideFrom(input.settings.proxy);
  const credential = await resolveCredential(input.settings, descriptor.keyEnv, input.env);
  if (credential === undefined && !descriptor.keyOptional) {
    const names = credentialNames(input.settings, descriptor.keyEnv);
    throw new ConfigError(`No API key for ${descriptor.label}: set ${names}.`, {
      hint: `export ${names.split(' or ')[0] ?? names}=… (or create a profile: voicechat profile add NAME --provider ${descriptor.id} --api-key-env VAR)`,
    });
  }
  const connect =
    input.connect ?? (await import('../providers/socket.js')).createWebSocketConnector(proxyOverride, input.env);
  return descriptor.createSession({
    settings: input.settings,
    credential,
    options: sessionOptionsFrom(input),
    connect,
    log: input.log,
    proxy: { env: input.env, override: proxyOverride },
  });
}

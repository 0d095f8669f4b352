import { ExitCode, isVoicechatError, TemporaryError } from '../core/errors.js';
import { silentLogger } from '../core/log.js';
import type { RealtimeSession } from '../core/session.js';
import { getDescriptor, PROVIDER_CATALOGUE } from '../providers/registry.js';
import type { SocketConnector } from '../providers/socket.js';
import { credentialNames, resolveCredential, type Credential } from '../config/credentials.js';
import { loadSettings, type LoadedSettings } from '../config/load-settings.js';
import { classifyEndpoint, type DoctorCheck } from './doctor-checks.js';

export interface DoctorTarget {
  /** "profile work", or "environment" for a run without a profile. */
  label: string;
  profile: string | undefined;
}

const messageOf = (error: unknown): string =>
  isVoicechatError(error) ? error.message : error instanceof Error ? error.message : String(error);

function hostOf(url: string | undefined): string {
  if (url === undefined) return 'the default endpoint';
  try {
    return new URL(url).host;
  } catch {
    return 'the endpoint';
  }
}

function describeCredential(credential: Credential): string {
  return credential.source === 'apiKeyCommand' || credential.source === 'profile'
    ? `key from ${credential.source}`
    : `key from $${credential.source}`;
}

/** Settings, key and WebSocket handshake of one profile (or of the environment). */
export async function targetChecks(
  target: DoctorTarget,
  timeoutMs: number,
  env: NodeJS.ProcessEnv,
  proxy?: string,
): Promise<DoctorCheck[]> {
  const name = (what: string): string => `${target.label}: ${what}`;
  let loaded: LoadedSettings;
  try {
    loaded = await loadSettings({
      catalogue: PROVIDER_CATALOGUE,
      flags: { timeoutSeconds: Math.ceil(timeoutMs / 1000), ...(proxy === undefined ? {} : { proxy }) },
      env,
      profile: target.profile,
    });
    getDescriptor(loaded.values.provider).validate(loaded.values);
  } catch (error) {
    const hint = isVoicechatError(error) ? error.hint?.split('\n')[0] : undefined;
    return [
      {
        name: name('settings'),
        status: 'fail',
        detail: messageOf(error),
        fix: hint ?? 'Fix the profile with voicechat profile set, or see voicechat --explain.',
        exitCode: isVoicechatError(error) ? error.exitCode : ExitCode.unexpected,
      },
    ];
  }
  const descriptor = getDescriptor(loaded.values.provider);
  const checks: DoctorCheck[] = [
    {
      name: name('settings'),
      status: 'ok',
      detail: `${descriptor.label}, model ${loaded.values.model || '(default)'}`,
    },
  ];
  const keyFix =
    target.profile === undefined
      ? `export ${credentialNames(loaded.values, descriptor.keyEnv).split(' or ')[0] ?? 'the key variable'}=…`
      : `Set the variable or fix the command: voicechat profile set ${target.profile} apiKeyEnv=VAR (or apiKeyCommand="…")`;
  let credential: Credential | undefined;
  try {
    credential = await resolveCredential(loaded.values, descriptor.keyEnv, env);
  } catch (error) {
    checks.push({
      name: name('key'),
      status: 'fail',
      detail: messageOf(error),
      fix: keyFix,
      exitCode: ExitCode.config,
    });
    return [...checks, { name: name('endpoint'), status: 'skip', detail: 'skipped: no key' }];
  }
  if (credential === undefined && !descriptor.keyOptional) {
    const names = credentialNames(loaded.values, descriptor.keyEnv);
    checks.push({
      name: name('key'),
      status: 'fail',
      detail: `no key: ${names} is not set`,
      fix: keyFix,
      exitCode: ExitCode.config,
    });
    return [...checks, { name: name('endpoint'), status: 'skip', detail: 'skipped: no key' }];
  }
  checks.push({
    name: name('key'),
    status: 'ok',
    detail: credential === undefined ? 'none needed' : describeCredential(credential),
  });
  checks.push(await endpointCheck(name('endpoint'), loaded, timeoutMs, env, keyFix));
  return checks;
}

/** Opens the provider's session with a short timeout; the error class tells auth from unreachable. */
async function endpointCheck(
  name: string,
  loaded: LoadedSettings,
  timeoutMs: number,
  env: NodeJS.ProcessEnv,
  keyFix: string,
): Promise<DoctorCheck> {
  const { createWebSocketConnector } = await import('../providers/socket.js');
  const { describeProxyChoice, proxyOverrideFrom } = await import('../net/proxy-resolve.js');
  const { createSessionFor } = await import('../modes/open-session.js');
  let url: string | undefined;
  let handshakeMs: number | undefined;
  let route: string | undefined;
  let connectWebSocket: SocketConnector | undefined;
  const connect: SocketConnector = async (endpoint, options) => {
    url = endpoint.url;
    const override = proxyOverrideFrom(loaded.values.proxy);
    route = describeProxyChoice(endpoint.url, { env, override });
    connectWebSocket ??= createWebSocketConnector(override, env);
    const started = performance.now();
    const port = await connectWebSocket(endpoint, { ...options, timeoutMs });
    handshakeMs = performance.now() - started;
    return port;
  };
  let session: RealtimeSession | undefined;
  let failure: unknown;
  let timer: NodeJS.Timeout | undefined;
  try {
    session = await createSessionFor({
      settings: loaded.values,
      output: 'text',
      audioIn: false,
      tools: [],
      env,
      log: silentLogger,
      connect,
    });
    const controller = new AbortController();
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new TemporaryError(`No answer within ${Math.round(timeoutMs / 1000)} s.`));
      }, timeoutMs + 2000);
    });
    await Promise.race([session.connect(controller.signal), expired]);
  } catch (error) {
    failure = error;
  } finally {
    clearTimeout(timer);
    await session?.close().catch(() => {});
  }
  const check = classifyEndpoint(name, hostOf(url ?? loaded.values.endpoint), handshakeMs, failure, keyFix);
  return route === undefined ? check : { ...check, detail: `${check.detail}; ${route}` };
}

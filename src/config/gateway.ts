import { assertNever } from '../core/assert-never.js';
import { UsageError } from '../core/errors.js';
import { GATEWAY_PRESETS } from './gateway-presets.js';
import type { ProviderEntry } from './provider-catalogue.js';
import type { AuthStyle } from './settings.js';

export { GATEWAY_PRESETS, type GatewayPreset } from './gateway-presets.js';
const AUTH_STYLES: readonly AuthStyle[] = ['bearer', 'api-key', 'query'];

/** How a profile reaches its provider through a gateway; stored so the endpoint can be rebuilt. */
export type GatewayRecord =
  { preset: 'truefoundry'; url: string; account: string } | { preset: 'custom'; url: string; authStyle: AuthStyle };

function trimUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:', 'ws:', 'wss:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** The endpoint and auth style a gateway gives a provider. Pure. */
export function gatewaySettings(
  gateway: GatewayRecord,
  provider: Pick<ProviderEntry, 'gatewayPaths'>,
): { endpoint: string; authStyle: AuthStyle } {
  switch (gateway.preset) {
    case 'truefoundry': {
      const account = encodeURIComponent(gateway.account);
      return {
        endpoint: `${trimUrl(gateway.url)}${provider.gatewayPaths.truefoundry}/${account}`,
        authStyle: 'bearer',
      };
    }
    case 'custom':
      return { endpoint: trimUrl(gateway.url), authStyle: gateway.authStyle };
    default:
      return assertNever(gateway, 'gateway preset');
  }
}

export interface GatewayFlags {
  gateway?: string | undefined;
  gatewayUrl?: string | undefined;
  gatewayAccount?: string | undefined;
  authStyle?: string | undefined;
}

/** Reads `--gateway …` flags into a record; undefined without `--gateway`. Pure; throws UsageError. */
export function gatewayFromFlags(flags: GatewayFlags): GatewayRecord | undefined {
  if (flags.gateway === undefined) {
    if (flags.gatewayUrl !== undefined || flags.gatewayAccount !== undefined) {
      throw new UsageError('--gateway-url and --gateway-account go with --gateway truefoundry|custom.');
    }
    return undefined;
  }
  const url = flags.gatewayUrl;
  if (url === undefined || !isHttpUrl(url)) {
    throw new UsageError(`--gateway ${flags.gateway} needs --gateway-url with an http(s):// URL.`);
  }
  switch (flags.gateway) {
    case 'truefoundry':
      if (flags.gatewayAccount === undefined || flags.gatewayAccount.trim() === '') {
        throw new UsageError(
          '--gateway truefoundry needs --gateway-account NAME (the provider account in TrueFoundry).',
        );
      }
      if (flags.authStyle !== undefined && flags.authStyle !== 'bearer') {
        throw new UsageError('TrueFoundry takes bearer auth; drop --auth-style.');
      }
      return { preset: 'truefoundry', url: trimUrl(url), account: flags.gatewayAccount.trim() };
    case 'custom': {
      const authStyle = flags.authStyle ?? 'bearer';
      if (!(AUTH_STYLES as readonly string[]).includes(authStyle)) {
        throw new UsageError(`--auth-style must be one of ${AUTH_STYLES.join(', ')} (got "${authStyle}").`);
      }
      return { preset: 'custom', url: trimUrl(url), authStyle: authStyle as AuthStyle };
    }
    default:
      throw new UsageError(`Unknown gateway "${flags.gateway}". Choose one of: ${GATEWAY_PRESETS.join(', ')}.`);
  }
}

/** Checks a stored gateway record; the problem in words, or undefined. Pure. */
export function describeGatewayProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'must be an object';
  const record = value as Record<string, unknown>;
  const url = record['url'];
  if (typeof url !== 'string' || !isHttpUrl(url)) return 'url must be an http(s):// URL';
  switch (record['preset']) {
    case 'truefoundry':
      return typeof record['account'] === 'string' && record['account'] !== '' ? undefined : 'account must be a name';
    case 'custom':
      return AUTH_STYLES.includes(record['authStyle'] as AuthStyle)
        ? undefined
        : `authStyle must be one of ${AUTH_STYLES.join(', ')}`;
    default:
      return `preset must be one of ${GATEWAY_PRESETS.join(', ')}`;
  }
}

/** A short description for `profile show` / `--explain`. */
export function describeGateway(gateway: GatewayRecord): string {
  return gateway.preset === 'truefoundry' ? `gateway truefoundry (${gateway.account})` : 'gateway custom';
}

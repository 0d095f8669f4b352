import { ConfigError } from '../../core/errors.js';
import type { Endpoint } from '../../core/session.js';
import type { Credential } from '../../config/credentials.js';
import type { AuthStyle } from '../../config/settings.js';
import type { ProxyConfig } from '../../net/proxy-resolve.js';
import { getEntraToken } from './entra-token.js';

/** A ready Entra ID access token (e.g. from `az account get-access-token`). */
export const ACCESS_TOKEN_ENV = 'AZURE_ACCESS_TOKEN';

export interface AzureAuthInput {
  credential: Credential | undefined;
  authStyle: AuthStyle | undefined;
  /** A gateway takes its own key as a bearer token (and nothing else). */
  gateway: boolean;
  /** Entra token audience. */
  scope: string;
  /** The variables or flags that could hold a key, for messages. */
  keyNames: string;
  label: string;
  getToken?: (scope: string) => Promise<string>;
  /** The proxy rules the Entra ID sign-in follows (as the WebSocket does). */
  proxy?: ProxyConfig | undefined;
}

export interface AzureAuth {
  headers: Record<string, string>;
  /** Only with authStyle query: the key goes into the URL as `api-key`. */
  queryKey?: string | undefined;
  /** What to check when the credentials are refused. */
  hint: string;
}

/**
 * How the upgrade request carries credentials. Direct Azure: the key in `api-key` (default),
 * or `Authorization: Bearer` for an Entra token. Gateway: only `Authorization: Bearer <gateway key>`.
 * An explicit authStyle wins. With no key, `--auth-style bearer` signs in with Entra ID.
 */
export async function resolveAzureAuth(input: AzureAuthInput): Promise<AzureAuth> {
  const credential = input.credential;
  if (credential !== undefined && credential.source === ACCESS_TOKEN_ENV) {
    return {
      headers: { Authorization: `Bearer ${credential.value}` },
      hint: `The token in ${ACCESS_TOKEN_ENV} may have expired: az account get-access-token --scope ${input.scope}`,
    };
  }
  if (credential !== undefined) {
    const hint = `Check the key in ${credential.source}.`;
    const style: AuthStyle = input.authStyle ?? (input.gateway ? 'bearer' : 'api-key');
    switch (style) {
      case 'api-key':
        return { headers: { 'api-key': credential.value }, hint };
      case 'bearer':
        return { headers: { Authorization: `Bearer ${credential.value}` }, hint };
      case 'query':
        return { headers: {}, queryKey: credential.value, hint };
    }
  }
  if (input.authStyle === 'bearer' && !input.gateway) {
    const token = await (input.getToken ?? ((scope: string) => getEntraToken(scope, input.proxy)))(input.scope);
    return {
      headers: { Authorization: `Bearer ${token}` },
      hint: 'Check your Entra ID sign-in (az login) and its role on the resource (Cognitive Services User).',
    };
  }
  const first = input.keyNames.split(' or ')[0] ?? input.keyNames;
  throw new ConfigError(
    input.gateway
      ? `No gateway key for ${input.label}: set ${input.keyNames}.`
      : `No credentials for ${input.label}: set ${input.keyNames}, or sign in with Entra ID (--auth-style bearer).`,
    {
      hint: `export ${first}=… (or ${ACCESS_TOKEN_ENV}=$(az account get-access-token --scope ${input.scope} --query accessToken -o tsv))`,
    },
  );
}

/** The WebSocket endpoint with credentials applied. */
export function withAuth(url: string, auth: AzureAuth): Endpoint {
  if (auth.queryKey === undefined) return { url, headers: auth.headers };
  const withKey = new URL(url);
  withKey.searchParams.set('api-key', auth.queryKey);
  return { url: withKey.toString(), headers: auth.headers };
}

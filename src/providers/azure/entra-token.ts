import { AuthError, ConfigError } from '../../core/errors.js';
import { registerSecret } from '../../core/secrets.js';
import { azureProxyOptions } from '../../net/proxy-agent.js';
import { resolveProxy, type ProxyConfig } from '../../net/proxy-resolve.js';

/** Token audiences: Azure OpenAI (Cognitive Services) and Voice Live (Foundry). */
export const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';
export const AI_FOUNDRY_SCOPE = 'https://ai.azure.com/.default';

/** The slice of `@azure/identity` used here, so the optional package needs no types at build time. */
interface AzureIdentityLike {
  DefaultAzureCredential: new (options: { proxyOptions?: ReturnType<typeof azureProxyOptions> }) => {
    getToken(scope: string): Promise<{ token: string } | null>;
  };
}

/** Loads the optional package only now, for Entra sign-in without a token. */
async function loadAzureIdentity(scope: string): Promise<AzureIdentityLike> {
  // a variable specifier: `npm ci --omit=optional` leaves no types for tsc to find
  const specifier = '@azure/identity';
  try {
    const module = (await import(specifier)) as Partial<AzureIdentityLike>;
    if (typeof module.DefaultAzureCredential !== 'function') throw new Error('DefaultAzureCredential export missing');
    return module as AzureIdentityLike;
  } catch (cause) {
    throw new ConfigError('Entra ID sign-in needs the optional package @azure/identity, which is not installed.', {
      cause,
      hint: `Install it (npm install -g @azure/identity), or set AZURE_ACCESS_TOKEN from: az account get-access-token --scope ${scope} --query accessToken -o tsv`,
    });
  }
}

/**
 * Signs in with Microsoft Entra ID through `@azure/identity` (an optional dependency, loaded
 * only here): environment service principal, managed identity, or the `az login` session.
 * The token is registered as a secret before it is returned.
 */
export async function getEntraToken(scope: string, proxy?: ProxyConfig): Promise<string> {
  const identity = await loadAzureIdentity(scope);
  let token;
  try {
    // @azure/identity reads HTTPS_PROXY/NO_PROXY itself; we pass ours so --proxy and ALL_PROXY count too
    const proxyUrl =
      proxy === undefined ? undefined : resolveProxy('https://login.microsoftonline.com/', proxy).proxyUrl;
    const options = proxyUrl === undefined ? {} : { proxyOptions: azureProxyOptions(proxyUrl) };
    token = await new identity.DefaultAzureCredential(options).getToken(scope);
  } catch (cause) {
    const why = cause instanceof Error ? (cause.message.split('\n')[0] ?? '') : String(cause);
    throw new AuthError(`Could not get a Microsoft Entra ID token for ${scope}: ${why}`, {
      cause,
      hint: 'Run az login (or set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET), or set AZURE_ACCESS_TOKEN.',
    });
  }
  if (token === null || token.token === '') {
    throw new AuthError(`Microsoft Entra ID returned no token for ${scope}.`, {
      hint: 'Run az login, or set AZURE_ACCESS_TOKEN.',
    });
  }
  registerSecret(token.token);
  return token.token;
}

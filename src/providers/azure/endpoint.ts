import { ConfigError } from '../../core/errors.js';
import { buildRealtimeUrl } from '../openai-ga/endpoint.js';
import { toWebSocketUrl } from '../ws-url.js';

/**
 * Which Azure OpenAI surface a URL reaches: the GA `/openai/v1/realtime`, the preview
 * `/openai/realtime?api-version`, or an OpenAI-style gateway that keeps its own path.
 */
export type AzureOpenAiRoute = 'ga' | 'preview' | 'gateway';

export interface AzureOpenAiTarget {
  route: AzureOpenAiRoute;
  /** ws(s) URL without credentials. */
  url: string;
}

/**
 * Parses what a user gives as an Azure endpoint: a resource name (`my-res`), a host, or an
 * http(s)/ws(s) URL. A bare name becomes `https://<name><hostSuffix>`. Returns a ws(s) URL.
 */
export function parseAzureEndpoint(raw: string, hostSuffix: string, example: string): URL {
  const text = raw.trim().replace(/\/+$/, '');
  let withScheme = text;
  if (!text.includes('://')) {
    withScheme = /^[a-z0-9-]+$/i.test(text) ? `https://${text}${hostSuffix}` : `https://${text}`;
  }
  const url = toWebSocketUrl(withScheme, example);
  return url;
}

const AZURE_OPENAI_EXAMPLE = 'https://my-resource.openai.azure.com';
/** Path endings that mark an Azure OpenAI resource (or a proxy that mirrors its layout). */
const RESOURCE_SUFFIX = /(\/openai(\/v1)?)?$/;

export interface AzureOpenAiUrlInput {
  endpoint: string;
  deployment: string;
  /** Set: the preview endpoint and the beta protocol. Unset: the GA endpoint. */
  apiVersion?: string | undefined;
}

/**
 * GA: `/openai/v1/realtime?model=<deployment>` (never an api-version, which makes GA answer 401).
 * Preview: `/openai/realtime?api-version=…&deployment=…`. A full `…/realtime` URL is kept, with the
 * missing model/deployment added. Any other path is a gateway base (`/live/<account>`, `/v1`):
 * kept, `/realtime?model=<deployment>` appended, as the OpenAI SDK does.
 */
export function buildAzureOpenAiUrl(input: AzureOpenAiUrlInput): AzureOpenAiTarget {
  const url = parseAzureEndpoint(input.endpoint, '.openai.azure.com', AZURE_OPENAI_EXAMPLE);
  const path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith('/openai/v1/realtime')) {
    if (!url.searchParams.has('model')) url.searchParams.set('model', input.deployment);
    return { route: 'ga', url: url.toString() };
  }
  if (path.endsWith('/openai/realtime')) {
    if (!url.searchParams.has('api-version')) {
      throw new ConfigError('The Azure OpenAI preview endpoint needs an API version.', {
        hint: 'Pass --api-version (e.g. 2025-04-01-preview), or use the GA endpoint https://<resource>.openai.azure.com',
      });
    }
    if (!url.searchParams.has('deployment')) url.searchParams.set('deployment', input.deployment);
    return { route: 'preview', url: url.toString() };
  }
  const prefix = path.replace(RESOURCE_SUFFIX, '');
  const isResource = path === '' || prefix !== path;
  if (!isResource) {
    return { route: 'gateway', url: buildRealtimeUrl(url.toString(), input.deployment) };
  }
  url.search = '';
  if (input.apiVersion !== undefined) {
    url.pathname = `${prefix}/openai/realtime`;
    url.searchParams.set('api-version', input.apiVersion);
    url.searchParams.set('deployment', input.deployment);
    return { route: 'preview', url: url.toString() };
  }
  url.pathname = `${prefix}/openai/v1/realtime`;
  url.searchParams.set('model', input.deployment);
  return { route: 'ga', url: url.toString() };
}

import { parseAzureEndpoint } from '../azure/endpoint.js';

export const VOICE_LIVE_DEFAULT_API_VERSION = '2026-07-15';
const VOICE_LIVE_PATH = '/voice-live/realtime';
const EXAMPLE = 'https://my-resource.services.ai.azure.com';

export interface VoiceLiveUrlInput {
  endpoint: string;
  model: string;
  apiVersion?: string | undefined;
}

export interface VoiceLiveTarget {
  /** A path other than the resource's own: a gateway base such as `/live/<account>`. */
  gateway: boolean;
  /** ws(s) URL without credentials. */
  url: string;
}

/**
 * `wss://<resource>.services.ai.azure.com/voice-live/realtime?api-version=…&model=…`. Like the
 * Python SDK (not the JS one, which overwrites the path) a base path is kept and
 * `/voice-live/realtime` appended, so a gateway prefix works. A URL already ending in
 * `/realtime` is used as it is, with api-version and model added when missing.
 */
export function buildVoiceLiveUrl(input: VoiceLiveUrlInput): VoiceLiveTarget {
  const url = parseAzureEndpoint(input.endpoint, '.services.ai.azure.com', EXAMPLE);
  const path = url.pathname.replace(/\/+$/, '');
  const complete = path.endsWith('/realtime');
  const prefix = path.endsWith(VOICE_LIVE_PATH) ? path.slice(0, -VOICE_LIVE_PATH.length) : path;
  const gateway = prefix !== '';
  const query = url.searchParams;
  const extra = [...query.entries()].filter(([name]) => name !== 'api-version' && name !== 'model');
  const apiVersion = query.get('api-version') ?? input.apiVersion ?? VOICE_LIVE_DEFAULT_API_VERSION;
  const model = query.get('model') ?? (query.has('agent-name') || query.has('agent-id') ? undefined : input.model);
  url.pathname = complete ? path : `${path}${VOICE_LIVE_PATH}`;
  // the official SDKs put api-version first, then model, then anything else
  url.search = '';
  url.searchParams.set('api-version', apiVersion);
  if (model !== undefined) url.searchParams.set('model', model);
  for (const [name, value] of extra) url.searchParams.append(name, value);
  return { gateway, url: url.toString() };
}

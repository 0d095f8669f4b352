import { ConfigError } from '../../core/errors.js';
import type { Endpoint } from '../../core/session.js';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * Turns a base URL into the realtime WebSocket URL the way the official SDKs do: http(s) -> ws(s),
 * trailing slashes dropped, `/realtime` appended unless present, `model` added unless the URL
 * already names a model, deployment or call. A gateway base keeps its path.
 */
export function buildRealtimeUrl(baseUrl: string, model: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch (cause) {
    throw new ConfigError(`Invalid endpoint URL "${baseUrl}".`, {
      cause,
      hint: 'Pass an http(s):// or ws(s):// URL, e.g. --endpoint https://api.openai.com/v1',
    });
  }
  switch (url.protocol) {
    case 'https:':
      url.protocol = 'wss:';
      break;
    case 'http:':
      url.protocol = 'ws:';
      break;
    case 'wss:':
    case 'ws:':
      break;
    default:
      throw new ConfigError(`Unsupported endpoint scheme "${url.protocol}" in ${url.host}.`, {
        hint: 'Use http(s):// or ws(s)://',
      });
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/realtime') ? path : `${path}/realtime`;
  const query = url.searchParams;
  if (!query.has('model') && !query.has('deployment') && !query.has('call_id')) {
    query.set('model', model);
  }
  return url.toString();
}

export interface OpenAiEndpointInput {
  baseUrl?: string | undefined;
  model: string;
  apiKey: string;
}

/** OpenAI and OpenAI-style gateways: bearer auth, GA path. */
export function buildOpenAiEndpoint(input: OpenAiEndpointInput): Endpoint {
  return {
    url: buildRealtimeUrl(input.baseUrl ?? OPENAI_DEFAULT_BASE_URL, input.model),
    headers: { Authorization: `Bearer ${input.apiKey}` },
  };
}

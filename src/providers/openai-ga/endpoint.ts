import { toWebSocketUrl } from '../ws-url.js';
import type { Endpoint } from '../../core/session.js';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * Turns a base URL into the realtime WebSocket URL the way the official SDKs do: http(s) -> ws(s),
 * trailing slashes dropped, `/realtime` appended unless present, `model` added unless the URL
 * already names a model, deployment or call. A gateway base keeps its path.
 */
export function buildRealtimeUrl(baseUrl: string, model: string): string {
  const url = toWebSocketUrl(baseUrl, 'https://api.openai.com/v1');
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

import { assertNever } from '../../core/assert-never.js';
import { ConfigError } from '../../core/errors.js';
import type { AuthStyle } from '../../config/settings.js';
import type { Endpoint } from '../../core/session.js';
import { toWebSocketUrl } from '../ws-url.js';
import { geminiAuthRule } from './auth-placement.js';

export const GEMINI_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';
export const GEMINI_API_VERSIONS = ['v1beta', 'v1alpha', 'v1'] as const;
export const GEMINI_DEFAULT_API_VERSION = 'v1beta';
export const VERTEX_API_VERSIONS = ['v1beta1', 'v1'] as const;
export const VERTEX_DEFAULT_API_VERSION = 'v1beta1';

/** Every handshake carries it, as the official SDK does. */
const BASE_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'application/json' };

/**
 * Joins a base URL and the `/ws/…` method path the way the SDK does, minus its `//ws`:
 * http(s) -> ws(s), the base path kept (gateways), one slash between. A base that already
 * names the method (`…/ws/google.…`) is used as is.
 */
export function joinWebSocketUrl(baseUrl: string, methodPath: string): URL {
  const url = toWebSocketUrl(baseUrl, 'https://gw.example.com/api/llm/live/my-account');
  if (!url.pathname.includes('/ws/google.')) {
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${methodPath}`;
  }
  return url;
}

function checkVersion(version: string, allowed: readonly string[], label: string): string {
  if (!allowed.includes(version)) {
    throw new ConfigError(`${label} does not know API version "${version}" (use ${allowed.join(', ')}).`, {
      hint: 'Set --api-version, or leave it unset for the default.',
    });
  }
  return version;
}

export interface GeminiEndpointInput {
  /** Gateway or private base URL; the Google host when unset. */
  baseUrl?: string | undefined;
  apiVersion?: string | undefined;
  apiKey: string;
  /** Default `x-goog-api-key` for any endpoint; a gateway preset or `--auth-style` sets another. */
  authStyle?: AuthStyle | undefined;
}

/** Gemini API (Google AI), directly or through a gateway that keeps the native protocol. */
export function buildGeminiEndpoint(input: GeminiEndpointInput): Endpoint {
  const version = checkVersion(input.apiVersion ?? GEMINI_DEFAULT_API_VERSION, GEMINI_API_VERSIONS, 'Gemini Live');
  const url = joinWebSocketUrl(
    input.baseUrl ?? GEMINI_DEFAULT_BASE_URL,
    `/ws/google.ai.generativelanguage.${version}.GenerativeService.BidiGenerateContent`,
  );
  const headers: Record<string, string> = { ...BASE_HEADERS };
  const { placement } = geminiAuthRule({ baseUrl: input.baseUrl, authStyle: input.authStyle });
  switch (placement) {
    case 'x-goog-api-key':
      headers['x-goog-api-key'] = input.apiKey;
      break;
    case 'authorization-bearer':
      headers['Authorization'] = `Bearer ${input.apiKey}`;
      break;
    case 'query-key':
      url.searchParams.set('key', input.apiKey);
      break;
    default:
      return assertNever(placement, 'key placement');
  }
  return { url: url.toString(), headers };
}

/** The API host of a Vertex location, as the SDK picks it. */
export function vertexHost(location: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(location)) {
    throw new ConfigError(`Invalid Google Cloud location "${location}".`, {
      hint: 'For example --location us-central1',
    });
  }
  if (location === 'global') return 'aiplatform.googleapis.com';
  if (location === 'us' || location === 'eu') return `aiplatform.${location}.rep.googleapis.com`;
  return `${location}-aiplatform.googleapis.com`;
}

export interface VertexEndpointInput {
  baseUrl?: string | undefined;
  apiVersion?: string | undefined;
  location: string;
  /** OAuth access token, or the gateway key when `baseUrl` points at a gateway. */
  token: string;
  /** `api-key` sends the key as `x-goog-api-key` (Vertex express mode); default bearer. */
  authStyle?: AuthStyle | undefined;
}

/** Vertex AI Live, directly or through a gateway. */
export function buildVertexEndpoint(input: VertexEndpointInput): Endpoint {
  const version = checkVersion(input.apiVersion ?? VERTEX_DEFAULT_API_VERSION, VERTEX_API_VERSIONS, 'Vertex AI Live');
  const url = joinWebSocketUrl(
    input.baseUrl ?? `https://${vertexHost(input.location)}`,
    `/ws/google.cloud.aiplatform.${version}.LlmBidiService/BidiGenerateContent`,
  );
  const headers: Record<string, string> = { ...BASE_HEADERS };
  switch (input.authStyle ?? 'bearer') {
    case 'bearer':
      headers['Authorization'] = `Bearer ${input.token}`;
      break;
    case 'api-key':
      headers['x-goog-api-key'] = input.token;
      break;
    case 'query':
      throw new ConfigError('Vertex AI Live takes its credentials in a header, not the URL (authStyle query).');
  }
  return { url: url.toString(), headers };
}

/** `models/<id>` for the Gemini API; `models/` and `tunedModels/` prefixes are kept. */
export function geminiModelName(model: string): string {
  const trimmed = model.trim();
  checkModelId(trimmed);
  return trimmed.startsWith('models/') || trimmed.startsWith('tunedModels/') ? trimmed : `models/${trimmed}`;
}

/** The full Vertex resource path `projects/{p}/locations/{l}/publishers/google/models/{m}`. */
export function vertexModelPath(model: string, project: string, location: string): string {
  const trimmed = model.trim();
  checkModelId(trimmed);
  if (trimmed.startsWith('projects/')) return trimmed;
  let publisherPath: string;
  if (trimmed.startsWith('publishers/')) publisherPath = trimmed;
  else if (trimmed.startsWith('models/')) publisherPath = `publishers/google/${trimmed}`;
  else if (trimmed.includes('/')) {
    const [publisher, ...rest] = trimmed.split('/');
    publisherPath = `publishers/${publisher ?? 'google'}/models/${rest.join('/')}`;
  } else publisherPath = `publishers/google/models/${trimmed}`;
  return `projects/${project}/locations/${location}/${publisherPath}`;
}

function checkModelId(model: string): void {
  if (model === '' || model.includes('..') || model.includes('?') || model.includes('&')) {
    throw new ConfigError(`Invalid model name "${model}".`, {
      hint: 'For example --model gemini-2.5-flash-native-audio-preview-12-2025',
    });
  }
}

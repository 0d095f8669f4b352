import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildGeminiEndpoint,
  buildVertexEndpoint,
  geminiModelName,
  joinWebSocketUrl,
  vertexHost,
  vertexModelPath,
} from '../../../../src/providers/gemini/endpoint.js';
import { geminiAuthRule } from '../../../../src/providers/gemini/auth-placement.js';
import { gatewaySettings } from '../../../../src/config/gateway.js';
import { PROVIDER_CATALOGUE } from '../../../../src/providers/registry.js';

interface UpgradeEntry {
  kind: 'upgrade';
  url: string;
  headers: Record<string, string>;
}
const reference = JSON.parse(
  readFileSync(new URL('../../../fixtures/official-sdk-handshakes.json', import.meta.url), 'utf8'),
) as Record<string, [UpgradeEntry, ...unknown[]]>;
const upgradeOf = (name: string): UpgradeEntry => reference[name]![0];

/** The SDK writes `//ws`; we join with one slash (both work at Google, a gateway may not like two). */
const singleSlash = (path: string): string => path.replace(/^\/\/ws\//, '/ws/');
const pathAndQuery = (url: string): string => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

describe('Gemini API endpoint against the official SDK handshake', () => {
  it('direct with the key in the query (authStyle query) gives the SDK URL and content-type header', () => {
    const ref = upgradeOf('gemini');
    const endpoint = buildGeminiEndpoint({ apiKey: 'K123456', apiVersion: 'v1', authStyle: 'query' });
    expect(endpoint.url.startsWith('wss://generativelanguage.googleapis.com/ws/')).toBe(true);
    expect(pathAndQuery(endpoint.url).replace('K123456', '<redacted>')).toBe(singleSlash(ref.url));
    expect(endpoint.headers).toEqual(ref.headers);
  });

  it('direct by default: the key travels in x-goog-api-key, never in the URL, v1beta by default', () => {
    const endpoint = buildGeminiEndpoint({ apiKey: 'K123456' });
    expect(endpoint.url).toBe(
      'wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent',
    );
    expect(endpoint.headers).toEqual({ 'content-type': 'application/json', 'x-goog-api-key': 'K123456' });
  });

  it('gateway: keeps the base path, adds /ws/…, bearer auth and content-type as the SDK reference', () => {
    const ref = upgradeOf('gemini-gateway');
    const gateway = gatewaySettings(
      { preset: 'truefoundry', url: 'https://gw.example.com', account: 'my-gemini-account' },
      PROVIDER_CATALOGUE.get('gemini'),
    );
    const endpoint = buildGeminiEndpoint({
      baseUrl: gateway.endpoint,
      authStyle: gateway.authStyle,
      apiKey: 'tfy-gateway-key',
      apiVersion: 'v1',
    });
    expect(endpoint.url.startsWith('wss://gw.example.com/')).toBe(true);
    // the SDK also appended ?key=; we keep the key out of URLs (they end up in gateway logs)
    expect(pathAndQuery(endpoint.url)).toBe(ref.url.replace(/\?key=.*$/, ''));
    const headers = Object.fromEntries(Object.entries(endpoint.headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(headers).toEqual(ref.headers);
  });

  it.each([
    ['https://gw.example/api/x/', 'wss://gw.example/api/x/ws/'],
    ['http://127.0.0.1:8080', 'ws://127.0.0.1:8080/ws/'],
    ['ws://127.0.0.1:8080/base', 'ws://127.0.0.1:8080/base/ws/'],
    ['wss://gw.example/p?tenant=a', 'wss://gw.example/p/ws/'],
  ])('joins %s without doubling slashes', (base, prefix) => {
    const url = joinWebSocketUrl(base, '/ws/google.ai.x');
    expect(url.toString().startsWith(prefix)).toBe(true);
  });

  it('uses a base that already names the method as is', () => {
    const base = 'wss://gw.example/ws/google.ai.generativelanguage.v1.GenerativeService.BidiGenerateContent';
    expect(buildGeminiEndpoint({ baseUrl: base, apiKey: 'k123456' }).url).toBe(base);
  });

  it.each([['ftp://x'], ['not a url']])('refuses %s with a ConfigError', (base) => {
    expect(() => buildGeminiEndpoint({ baseUrl: base, apiKey: 'k' })).toThrow(/endpoint/i);
  });

  it('refuses an unknown API version', () => {
    expect(() => buildGeminiEndpoint({ apiKey: 'k', apiVersion: 'v2' })).toThrow(/v1beta, v1alpha, v1/);
  });

  it.each([
    ['gemini-2.5-flash-native-audio-preview-12-2025', 'models/gemini-2.5-flash-native-audio-preview-12-2025'],
    ['models/gemini-3.8-live', 'models/gemini-3.8-live'],
    ['tunedModels/abc', 'tunedModels/abc'],
  ])('model %s -> %s', (model, wire) => {
    expect(geminiModelName(model)).toBe(wire);
  });
});

describe('Vertex AI endpoint against the official SDK handshake', () => {
  it('regional host, v1beta1 path, bearer token and content-type', () => {
    const ref = upgradeOf('vertex');
    const endpoint = buildVertexEndpoint({ location: 'us-central1', token: 'ya29.test-token' });
    expect(endpoint.url).toBe(`wss://us-central1-aiplatform.googleapis.com${singleSlash(ref.url)}`);
    const headers = Object.fromEntries(Object.entries(endpoint.headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(headers).toEqual(ref.headers);
  });

  it('gateway: the base path is kept and the Vertex method appended', () => {
    const endpoint = buildVertexEndpoint({
      baseUrl: 'https://gw.example/api/llm/live/acct',
      location: 'us-central1',
      token: 'tfy',
    });
    expect(endpoint.url).toBe(
      'wss://gw.example/api/llm/live/acct/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent',
    );
    expect(endpoint.headers['Authorization']).toBe('Bearer tfy');
  });

  it.each([
    ['us-central1', 'us-central1-aiplatform.googleapis.com'],
    ['global', 'aiplatform.googleapis.com'],
    ['eu', 'aiplatform.eu.rep.googleapis.com'],
  ])('host of %s is %s', (location, host) => {
    expect(vertexHost(location)).toBe(host);
  });

  it('refuses a location that could change the host', () => {
    expect(() => vertexHost('evil.com/x')).toThrow(/location/);
  });

  it.each([
    [
      'gemini-live-2.5-flash-native-audio',
      'projects/my-project/locations/us-central1/publishers/google/models/gemini-live-2.5-flash-native-audio',
    ],
    [
      'google/gemini-live-2.5-flash',
      'projects/my-project/locations/us-central1/publishers/google/models/gemini-live-2.5-flash',
    ],
    ['publishers/google/models/m', 'projects/my-project/locations/us-central1/publishers/google/models/m'],
    ['projects/o/locations/l/publishers/google/models/m', 'projects/o/locations/l/publishers/google/models/m'],
  ])('model %s -> %s', (model, path) => {
    expect(vertexModelPath(model, 'my-project', 'us-central1')).toBe(path);
  });
});

describe('where the Gemini API key goes (issue #16 item 5: match the SDK, bearer only for gateways)', () => {
  const KEY = 'AIzaSyTESTKEY123456';
  const tfy = gatewaySettings(
    { preset: 'truefoundry', url: 'https://gw.example.com', account: 'acct' },
    PROVIDER_CATALOGUE.get('gemini'),
  );
  const custom = gatewaySettings(
    { preset: 'custom', url: 'https://gw.example.com/live', authStyle: 'bearer' },
    PROVIDER_CATALOGUE.get('gemini'),
  );
  it.each([
    ['no endpoint', undefined, undefined, 'x-goog-api-key'],
    ['explicit Google base URL', 'https://generativelanguage.googleapis.com', undefined, 'x-goog-api-key'],
    [
      'Google base URL with a trailing slash',
      'https://generativelanguage.googleapis.com/',
      undefined,
      'x-goog-api-key',
    ],
    ['a private mirror', 'https://gemini-mirror.corp.example', undefined, 'x-goog-api-key'],
    ['a local test server', 'http://127.0.0.1:8080', undefined, 'x-goog-api-key'],
    ['gateway preset truefoundry', tfy.endpoint, tfy.authStyle, 'authorization-bearer'],
    ['gateway preset custom (bearer)', custom.endpoint, custom.authStyle, 'authorization-bearer'],
    ['--auth-style bearer on a custom endpoint', 'https://proxy.example', 'bearer', 'authorization-bearer'],
    ['--auth-style bearer on Google', undefined, 'bearer', 'authorization-bearer'],
    ['--auth-style query', 'https://generativelanguage.googleapis.com', 'query', 'query-key'],
    ['--auth-style api-key on a gateway URL', tfy.endpoint, 'api-key', 'x-goog-api-key'],
  ] as const)('%s -> %s', (_name, baseUrl, authStyle, placement) => {
    expect(geminiAuthRule({ baseUrl, authStyle }).placement).toBe(placement);
    const endpoint = buildGeminiEndpoint({ baseUrl, authStyle, apiKey: KEY });
    const headers = Object.fromEntries(Object.entries(endpoint.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const url = new URL(endpoint.url);
    switch (placement) {
      case 'x-goog-api-key':
        expect(headers['x-goog-api-key']).toBe(KEY);
        expect(headers['authorization']).toBeUndefined();
        expect(url.search).toBe('');
        break;
      case 'authorization-bearer':
        expect(headers['authorization']).toBe(`Bearer ${KEY}`);
        expect(headers['x-goog-api-key']).toBeUndefined();
        expect(url.search).toBe('');
        break;
      case 'query-key':
        expect(url.searchParams.get('key')).toBe(KEY);
        expect(headers['authorization']).toBeUndefined();
        expect(headers['x-goog-api-key']).toBeUndefined();
        break;
    }
  });

  it.each([
    [{}, /x-goog-api-key header \(the SDK's default for Google/],
    [{ baseUrl: 'http://127.0.0.1:1' }, /x-goog-api-key header .*any endpoint without a gateway preset/],
    [
      { baseUrl: tfy.endpoint, authStyle: 'bearer', gatewayPreset: 'truefoundry' },
      /Authorization: Bearer \(set by gateway truefoundry\)/,
    ],
    [{ authStyle: 'query' }, /\?key= query parameter \(set by --auth-style\)/],
  ] as const)('explains %o for --explain', (input, line) => {
    expect(geminiAuthRule(input).explanation).toMatch(line);
  });
});

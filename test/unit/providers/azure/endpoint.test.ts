import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/core/errors.js';
import { buildAzureOpenAiUrl, type AzureOpenAiRoute } from '../../../../src/providers/azure/endpoint.js';

interface RefEntry {
  kind: string;
  url?: string;
  headers?: Record<string, string>;
}
const reference = JSON.parse(
  readFileSync(new URL('../../../fixtures/official-sdk-handshakes.json', import.meta.url), 'utf8'),
) as Record<string, RefEntry[]>;
const azureRef = reference['azure-openai']![0]!.url!;
const gatewayRef = reference['openai-gateway']![0]!.url!;

function pathAndQuery(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

const GA = 'wss://my-res.openai.azure.com/openai/v1/realtime?model=gpt-realtime';
const PREVIEW = 'wss://my-res.openai.azure.com/openai/realtime?api-version=2025-04-01-preview&deployment=gpt-realtime';

const cases: { name: string; endpoint: string; apiVersion?: string; url: string; route: AzureOpenAiRoute }[] = [
  { name: 'resource URL', endpoint: 'https://my-res.openai.azure.com', url: GA, route: 'ga' },
  { name: 'trailing slash', endpoint: 'https://my-res.openai.azure.com/', url: GA, route: 'ga' },
  { name: 'bare resource name', endpoint: 'my-res', url: GA, route: 'ga' },
  { name: 'host without scheme', endpoint: 'my-res.openai.azure.com', url: GA, route: 'ga' },
  { name: 'SDK-style base /openai', endpoint: 'https://my-res.openai.azure.com/openai', url: GA, route: 'ga' },
  { name: 'SDK-style base /openai/v1', endpoint: 'https://my-res.openai.azure.com/openai/v1/', url: GA, route: 'ga' },
  {
    name: 'a stray query is dropped (api-version on GA means 401)',
    endpoint: 'https://my-res.openai.azure.com/openai/v1?api-version=2024-10-21',
    url: GA,
    route: 'ga',
  },
  {
    name: 'full GA URL gets its model',
    endpoint: 'wss://my-res.openai.azure.com/openai/v1/realtime',
    url: GA,
    route: 'ga',
  },
  {
    name: 'api-version selects the preview endpoint',
    endpoint: 'https://my-res.openai.azure.com',
    apiVersion: '2025-04-01-preview',
    url: PREVIEW,
    route: 'preview',
  },
  {
    name: 'preview from an /openai base',
    endpoint: 'https://my-res.openai.azure.com/openai',
    apiVersion: '2025-04-01-preview',
    url: PREVIEW,
    route: 'preview',
  },
  {
    name: 'full preview URL is kept',
    endpoint: `${PREVIEW.replace('&deployment=gpt-realtime', '')}`,
    url: PREVIEW,
    route: 'preview',
  },
  {
    name: 'APIM-style prefix before /openai',
    endpoint: 'https://apim.example.com/team-a/openai',
    url: 'wss://apim.example.com/team-a/openai/v1/realtime?model=gpt-realtime',
    route: 'ga',
  },
  {
    name: 'gateway base keeps its path',
    endpoint: 'https://gw.example.com/live/my-openai-account',
    url: 'wss://gw.example.com/live/my-openai-account/realtime?model=gpt-realtime',
    route: 'gateway',
  },
  {
    name: 'gateway ignores api-version',
    endpoint: 'https://gw.example.com/live/my-openai-account',
    apiVersion: '2025-04-01-preview',
    url: 'wss://gw.example.com/live/my-openai-account/realtime?model=gpt-realtime',
    route: 'gateway',
  },
  {
    name: 'LiteLLM-style /v1',
    endpoint: 'http://localhost:4000/v1',
    url: 'ws://localhost:4000/v1/realtime?model=gpt-realtime',
    route: 'gateway',
  },
  {
    name: 'local server without a path is a resource',
    endpoint: 'http://127.0.0.1:8080',
    url: 'ws://127.0.0.1:8080/openai/v1/realtime?model=gpt-realtime',
    route: 'ga',
  },
];

describe('buildAzureOpenAiUrl', () => {
  it.each(cases)('$name', ({ endpoint, apiVersion, url, route }) => {
    expect(buildAzureOpenAiUrl({ endpoint, deployment: 'gpt-realtime', apiVersion })).toEqual({ url, route });
  });

  it('GA matches the official SDK capture (azure-openai)', () => {
    const { url } = buildAzureOpenAiUrl({ endpoint: 'https://my-res.openai.azure.com', deployment: 'gpt-realtime' });
    expect(pathAndQuery(url)).toBe(azureRef);
  });

  it('a gateway matches the official SDK capture (openai-gateway)', () => {
    const { url } = buildAzureOpenAiUrl({
      endpoint: 'https://gw.example.com/live/my-openai-account',
      deployment: 'gpt-realtime',
    });
    expect(pathAndQuery(url)).toBe(gatewayRef);
  });

  it.each(['ftp://my-res.openai.azure.com', 'my res', 'wss://my-res.openai.azure.com/openai/realtime'])(
    'refuses %s with a config error',
    (endpoint) => {
      expect(() => buildAzureOpenAiUrl({ endpoint, deployment: 'd' })).toThrow(ConfigError);
    },
  );
});

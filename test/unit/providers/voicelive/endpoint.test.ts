import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildVoiceLiveUrl } from '../../../../src/providers/voicelive/endpoint.js';

interface RefEntry {
  kind: string;
  url?: string;
}
const reference = JSON.parse(
  readFileSync(new URL('../../../fixtures/official-sdk-handshakes.json', import.meta.url), 'utf8'),
) as Record<string, RefEntry[]>;

const DIRECT = 'wss://my-res.services.ai.azure.com/voice-live/realtime?api-version=2026-07-15&model=gpt-realtime';

const cases: { name: string; endpoint: string; apiVersion?: string; url: string; gateway: boolean }[] = [
  { name: 'resource URL', endpoint: 'https://my-res.services.ai.azure.com', url: DIRECT, gateway: false },
  { name: 'bare resource name', endpoint: 'my-res', url: DIRECT, gateway: false },
  { name: 'trailing slash', endpoint: 'https://my-res.services.ai.azure.com/', url: DIRECT, gateway: false },
  {
    name: 'legacy cognitiveservices host',
    endpoint: 'https://my-res.cognitiveservices.azure.com',
    url: 'wss://my-res.cognitiveservices.azure.com/voice-live/realtime?api-version=2026-07-15&model=gpt-realtime',
    gateway: false,
  },
  {
    name: 'api-version is configurable',
    endpoint: 'https://my-res.services.ai.azure.com',
    apiVersion: '2025-10-01',
    url: 'wss://my-res.services.ai.azure.com/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime',
    gateway: false,
  },
  {
    name: 'a full URL keeps its own api-version',
    endpoint: 'wss://my-res.services.ai.azure.com/voice-live/realtime?api-version=2026-04-10',
    url: 'wss://my-res.services.ai.azure.com/voice-live/realtime?api-version=2026-04-10&model=gpt-realtime',
    gateway: false,
  },
  {
    name: 'agent sessions carry no model',
    endpoint: 'wss://my-res.services.ai.azure.com/voice-live/realtime?agent-name=a&agent-project-name=p',
    url: 'wss://my-res.services.ai.azure.com/voice-live/realtime?api-version=2026-07-15&agent-name=a&agent-project-name=p',
    gateway: false,
  },
  {
    name: 'a gateway base keeps its path and gets the Voice Live suffix (Python SDK rule)',
    endpoint: 'https://gw.example.com/live/my-account',
    url: 'wss://gw.example.com/live/my-account/voice-live/realtime?api-version=2026-07-15&model=gpt-realtime',
    gateway: true,
  },
  {
    name: 'a gateway URL ending in /realtime is used as given',
    endpoint: 'https://gw.example.com/live/my-account/realtime',
    url: 'wss://gw.example.com/live/my-account/realtime?api-version=2026-07-15&model=gpt-realtime',
    gateway: true,
  },
];

describe('buildVoiceLiveUrl', () => {
  it.each(cases)('$name', ({ endpoint, apiVersion, url, gateway }) => {
    expect(buildVoiceLiveUrl({ endpoint, model: 'gpt-realtime', apiVersion })).toEqual({ url, gateway });
  });

  it('matches the official SDK capture, except that the key stays out of the URL', () => {
    const ref = new URL(`wss://x${reference['voicelive']![0]!.url!}`);
    expect(ref.searchParams.get('api-key')).not.toBeNull();
    ref.searchParams.delete('api-key');
    const ours = new URL(buildVoiceLiveUrl({ endpoint: 'https://x', model: 'gpt-realtime' }).url);
    expect(`${ours.pathname}${ours.search}`).toBe(`${ref.pathname}${ref.search}`);
    expect(ours.searchParams.has('api-key')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { replayServer } from '../support/replay-per-test.js';
import { leaks, runCli } from '../support/run-cli.js';
import { AZURE_REPLAY, azureGaTrace, voiceLiveTrace, reference } from '../support/azure-traces.js';

describe('Azure handshakes match the official SDK captures', () => {
  it('azure-openai (GA): /openai/v1/realtime?model=<deployment>, api-key header, no api-version', async () => {
    const ref = reference['azure-openai']!;
    const server = await replayServer({ trace: azureGaTrace, ...AZURE_REPLAY });
    const result = await runCli(
      [
        '--provider',
        'azure-openai',
        '--endpoint',
        server.httpBase,
        '--deployment',
        'gpt-realtime',
        '--text',
        'Hello',
        '--no-tools',
      ],
      {
        env: { AZURE_OPENAI_API_KEY: 'azure-key-123' },
      },
    );
    expect(result.code).toBe(0);
    const upgrade = server.upgrades[0]!;
    expect(upgrade.url).toBe(ref[0]!.url);
    expect(upgrade.headers['api-key']).toBe(ref[0]!.headers!['api-key']);
    expect(upgrade.headers['authorization']).toBeUndefined();
    expect(upgrade.headers['openai-beta']).toBeUndefined();
  });

  it('voicelive: URL (the key stays out of the query), api-key header, session.update', async () => {
    const ref = reference['voicelive']!;
    const server = await replayServer({ trace: voiceLiveTrace, ...AZURE_REPLAY });
    const result = await runCli(
      [
        '--provider',
        'azure-voicelive',
        '--endpoint',
        server.httpBase,
        '--voice',
        'en-US-AvaNeural',
        '--instructions',
        'Be brief.',
        '--no-echo-cancellation',
        '--no-tools',
        '--text',
        'Hello',
        '--audio-out',
        '/dev/null',
      ],
      { env: { AZURE_VOICELIVE_API_KEY: 'vl-key-456' } },
    );
    expect(result.code).toBe(0);
    const upgrade = server.upgrades[0]!;
    const refUrl = new URL(`ws://x${ref[0]!.url!}`);
    refUrl.searchParams.delete('api-key');
    expect(upgrade.url).toBe(`${refUrl.pathname}${refUrl.search}`);
    expect(upgrade.url).not.toContain('vl-key-456');
    expect(upgrade.headers['api-key']).toBe(ref[0]!.headers!['api-key']);
    expect(upgrade.headers['authorization']).toBeUndefined();
    const refFrame = ref[1]!.json!;
    const update = server.received[0]!.json!;
    expect(update['event_id']).toMatch(/^evt_\d+_[0-9a-z]{9}$/);
    expect({ ...update, event_id: refFrame['event_id'] }).toEqual(refFrame);
  });
});

describe('an OpenAI-style gateway in front of each OpenAI-style provider', () => {
  const ref = reference['openai-gateway']![0]!;
  const env = { TFY_KEY: 'tfy-gateway-key', AZURE_OPENAI_API_KEY: 'azure-key-should-not-be-sent' };

  it('azure-openai account: keeps the account path, /realtime?model=, bearer gateway key only (matches openai-gateway)', async () => {
    const server = await replayServer({ trace: azureGaTrace, ...AZURE_REPLAY });
    const result = await runCli(
      [
        '--provider',
        'azure-openai',
        '--endpoint',
        `${server.httpBase}/live/my-openai-account`,
        '--api-key-env',
        'TFY_KEY',
        '--text',
        'Hello',
        '--no-tools',
      ],
      { env },
    );
    expect(result.code).toBe(0);
    const upgrade = server.upgrades[0]!;
    expect(upgrade.url).toBe(ref.url);
    expect(upgrade.headers['authorization']).toBe(ref.headers!['authorization']);
    expect(upgrade.headers['api-key']).toBeUndefined();
    expect(leaks(result, 'tfy-gateway-key')).toBe(false);
  });

  it('azure-openai account behind a LiteLLM-style /v1 base', async () => {
    const server = await replayServer({ trace: azureGaTrace, ...AZURE_REPLAY });
    const result = await runCli(
      [
        '--provider',
        'azure-openai',
        '--endpoint',
        `${server.httpBase}/v1`,
        '--api-key-env',
        'TFY_KEY',
        '--text',
        'Hello',
        '--no-tools',
      ],
      { env },
    );
    expect(result.code).toBe(0);
    expect(server.upgrades[0]!.url).toBe('/v1/realtime?model=gpt-realtime');
    expect(server.upgrades[0]!.headers['authorization']).toBe('Bearer tfy-gateway-key');
  });

  it('azure-voicelive account: keeps the path, appends the Voice Live suffix, bearer gateway key only', async () => {
    const server = await replayServer({ trace: voiceLiveTrace, ...AZURE_REPLAY });
    const result = await runCli(
      [
        '--provider',
        'azure-voicelive',
        '--endpoint',
        `${server.httpBase}/live/my-voicelive-account`,
        '--api-key-env',
        'TFY_KEY',
        '--text',
        'Hello',
      ],
      { env },
    );
    expect(result.code).toBe(0);
    const upgrade = server.upgrades[0]!;
    expect(upgrade.url).toBe(
      '/live/my-voicelive-account/voice-live/realtime?api-version=2026-07-15&model=gpt-realtime',
    );
    expect(upgrade.headers['authorization']).toBe('Bearer tfy-gateway-key');
    expect(upgrade.headers['api-key']).toBeUndefined();
  });

  it('--auth-style api-key overrides the gateway default', async () => {
    const server = await replayServer({ trace: azureGaTrace, ...AZURE_REPLAY });
    const result = await runCli(
      [
        '--provider',
        'azure-openai',
        '--endpoint',
        `${server.httpBase}/live/acct`,
        '--api-key-env',
        'TFY_KEY',
        '--auth-style',
        'api-key',
        '--text',
        'Hello',
        '--no-tools',
      ],
      { env },
    );
    expect(result.code).toBe(0);
    expect(server.upgrades[0]!.headers['api-key']).toBe('tfy-gateway-key');
    expect(server.upgrades[0]!.headers['authorization']).toBeUndefined();
  });
});

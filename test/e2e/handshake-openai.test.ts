import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayServer } from '../support/replay-per-test.js';
import { loadBidiTrace } from '../support/traces.js';
import { runCli } from '../support/run-cli.js';

interface RefEntry {
  kind: 'upgrade' | 'frame';
  url?: string;
  headers?: Record<string, string>;
  json?: Record<string, unknown>;
}
const reference = JSON.parse(
  readFileSync(new URL('../fixtures/official-sdk-handshakes.json', import.meta.url), 'utf8'),
) as Record<string, RefEntry[]>;
const trace = loadBidiTrace('openai-beta__text-in__audio-out__full-response');

describe('what goes on the wire matches the official SDK', () => {
  it('OpenAI: upgrade URL, bearer header, session.update, text turn', async () => {
    const ref = reference['openai']!;
    const server = await replayServer({ trace, dialect: 'openai' });
    const result = await runCli(
      [
        '--endpoint',
        `${server.httpBase}/v1`,
        '--instructions',
        'hi',
        '--voice',
        'marin',
        '--text',
        'Hello',
        '--audio-out',
        '/dev/null',
        '--no-tools',
      ],
      { env: { OPENAI_API_KEY: 'sk-test-openai' } },
    );
    expect(result.code).toBe(0);
    const upgrade = server.upgrades[0]!;
    expect(upgrade.url).toBe(ref[0]!.url);
    expect(upgrade.headers['authorization']).toBe(ref[0]!.headers!['authorization']);
    expect(upgrade.headers['openai-beta']).toBeUndefined();
    const sent = server.received.map((m) => m.json);
    expect(sent.slice(0, 3)).toEqual(ref.slice(1).map((e) => e.json));
  });

  it('OpenAI-style gateway: keeps the account path, bearer gateway key', async () => {
    const ref = reference['openai-gateway']!;
    const server = await replayServer({ trace, dialect: 'openai' });
    const result = await runCli(
      [
        '--endpoint',
        `${server.httpBase}/live/my-openai-account`,
        '--api-key-env',
        'TFY_KEY',
        '--text',
        'Hello',
        '--no-tools',
      ],
      { env: { TFY_KEY: 'tfy-gateway-key' } },
    );
    expect(result.code).toBe(0);
    expect(server.upgrades[0]!.url).toBe(ref[0]!.url);
    expect(server.upgrades[0]!.headers['authorization']).toBe(ref[0]!.headers!['authorization']);
  });
});

describe('startup', () => {
  it('--help and --version are fast and load neither ink, ws nor audio code', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/vc-imports-`);
    for (const args of [['--help'], ['--version']]) {
      const record = `${dir}/${args[0]}.txt`;
      const result = await runCli(args, {
        env: { RECORD_IMPORTS: record },
        nodeArgs: ['--import', new URL('../support/record-imports.mjs', import.meta.url).pathname],
      });
      expect(result.code).toBe(0);
      const loaded = readFileSync(record, 'utf8');
      for (const forbidden of [
        '/node_modules/ink/',
        '/node_modules/ws/',
        '/node_modules/react/',
        'naudiodon',
        '/dist/audio/',
        '/node_modules/conf/',
      ]) {
        expect(loaded).not.toContain(forbidden);
      }
      const plain = await runCli(args);
      expect(plain.durationMs).toBeLessThan(500);
    }
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

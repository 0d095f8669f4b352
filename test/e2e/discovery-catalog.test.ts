import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { loadBidiTrace } from '../support/traces.js';
import { capturedOutput, runCli } from '../support/run-cli.js';

const KEYS = ['sk-discovery-OPENAI-31337', 'AIzaSy-discovery-GEMINI-31337'];
const configEnv = (): Record<string, string> => ({
  VOICECHAT_CONFIG_DIR: join(mkdtempSync(join(tmpdir(), 'vc-disc-')), 'cfg'),
});

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => {
  const all = capturedOutput.join('\n');
  for (const key of KEYS) expect(all).not.toContain(key);
});

describe('discovery', () => {
  it('with nothing configured, explains how to set a key or create a profile (exit 78)', async () => {
    const result = await runCli(['--text', 'hi'], { env: configEnv() });
    expect(result.code).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('No provider is configured');
    expect(result.stderr).toContain('export OPENAI_API_KEY=');
    expect(result.stderr).toContain('export GEMINI_API_KEY=');
    expect(result.stderr).toContain('voicechat profile add');
    expect(result.stderr.split('\n').length).toBeLessThan(16);
  });

  it('picks the first provider with a key and says which on stderr', async () => {
    const trace = loadBidiTrace('openai-ga__error-invalid_value__then-text-response');
    server = await startReplayServer({ trace, dialect: 'openai' });
    const result = await runCli(['--endpoint', `${server.httpBase}/v1`, '--text', 'hi'], {
      env: { ...configEnv(), OPENAI_API_KEY: KEYS[0]!, GEMINI_API_KEY: KEYS[1]! },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('voicechat: using OpenAI Realtime (found OPENAI_API_KEY)');
  });

  it('does not print the notice in --json runs, and explains the pick', async () => {
    const env = { ...configEnv(), GEMINI_API_KEY: KEYS[1]! };
    const explain = await runCli(['--explain', '--json'], { env });
    const rows = (
      JSON.parse(explain.stdout) as { settings: { key: string; value: unknown; origin: string; detail?: string }[] }
    ).settings;
    expect(rows.find((r) => r.key === 'provider')).toMatchObject({
      value: 'gemini',
      origin: 'env',
      detail: 'discovered from GEMINI_API_KEY',
    });
  });

  it('a default profile wins over discovery', async () => {
    const env = { ...configEnv(), OPENAI_API_KEY: KEYS[0]! };
    await runCli(['profile', 'add', 'g', '--provider', 'gemini', '--api-key-env', 'MY_GEMINI'], { env });
    await runCli(['profile', 'use', 'g'], { env });
    const explain = await runCli(['--explain'], { env });
    expect(explain.stdout).toMatch(/provider\s+"gemini"\s+<- profile \(g\)/);
    expect(explain.stdout).not.toContain('using OpenAI');
  });
});

describe('voicechat providers', () => {
  it('lists every provider and whether it is configured (text and --json)', async () => {
    const env = { ...configEnv(), GEMINI_API_KEY: KEYS[1]! };
    await runCli(['profile', 'add', 'az', '--provider', 'azure-openai', '--api-key-env', 'MY_AZURE'], { env });
    const text = await runCli(['providers'], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^\*\s+gemini\s+Gemini Live\s+✔ configured\s+GEMINI_API_KEY/m);
    expect(text.stdout).toMatch(/^\s+openai\s+OpenAI Realtime\s+✘ not configured\s+set OPENAI_API_KEY/m);
    expect(text.stdout).toMatch(/azure-openai.*✔ configured\s+profile az/);
    const json = JSON.parse((await runCli(['providers', '--json'], { env })).stdout) as {
      id: string;
      configured: boolean;
      isDefault: boolean;
    }[];
    expect(json.map((p) => p.id)).toEqual(['openai', 'gemini', 'azure-openai', 'azure-voicelive', 'vertex']);
    expect(json.find((p) => p.id === 'gemini')).toMatchObject({ configured: true, isDefault: true });
    expect(json.find((p) => p.id === 'openai')).toMatchObject({ configured: false, isDefault: false });
  });
});

describe('voicechat voices / models', () => {
  it('lists the voices of one provider, default marked', async () => {
    const result = await runCli(['voices', '--provider', 'openai'], { env: configEnv() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('OpenAI Realtime (openai):');
    expect(result.stdout).toContain('  marin  (default)');
    expect(result.stdout).toContain('  cedar');
  });

  it('--json for all providers, read from the descriptors', async () => {
    const voices = JSON.parse((await runCli(['voices', '--json'], { env: configEnv() })).stdout) as {
      provider: string;
      voices: string[];
    }[];
    expect(voices.map((v) => v.provider)).toEqual(['openai', 'gemini', 'azure-openai', 'azure-voicelive', 'vertex']);
    expect(voices[0]!.voices).toContain('alloy');
    const models = JSON.parse(
      (await runCli(['models', '--provider', 'openai', '--json'], { env: configEnv() })).stdout,
    ) as { provider: string; default: string; models: string[] }[];
    expect(models).toHaveLength(1);
    expect(models[0]).toMatchObject({ provider: 'openai', default: 'gpt-realtime' });
    expect(models[0]!.models).toContain('gpt-realtime-mini');
  });

  it('refuses an unknown provider', async () => {
    const result = await runCli(['models', '--provider', 'nope'], { env: configEnv() });
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('Unknown provider "nope"');
  });
});

import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { loadBidiTrace } from '../support/traces.js';
import { capturedOutput, runCli } from '../support/run-cli.js';
import { AZURE_GA_TRACE, VOICE_LIVE_TRACE, replyTranscript } from '../support/azure-traces.js';
import {
  GEMINI_TOOL_TRACE,
  VERTEX_TEXT_TRACE,
  outputTranscript,
} from '../unit/providers/gemini/support/gemini-traces.js';

const KEYS = {
  openaiEnv: 'sk-prof-oneshot-ENV-0123456789',
  openaiCmd: 'sk-prof-oneshot-CMD-9876543210',
  geminiEnv: 'AIzaSy-prof-oneshot-ENV-424242',
  geminiCmd: 'AIzaSy-prof-oneshot-CMD-737373',
  azureEnv: 'azure-prof-oneshot-ENV-111111',
  azureCmd: 'azure-prof-oneshot-CMD-222222',
  voiceLiveCmd: 'azure-prof-oneshot-VL-333333',
  vertexEnv: 'ya29.prof-oneshot-VERTEX-444444',
  gatewayEnv: 'tfy-prof-oneshot-GATEWAY-555555',
};

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => {
  const all = capturedOutput.join('\n');
  for (const key of Object.values(KEYS)) expect(all).not.toContain(key);
});

function setup(): { env: Record<string, string>; keyCommand: (key: string) => string } {
  const root = mkdtempSync(join(tmpdir(), 'vc-prof-run-'));
  const keyCommand = (key: string): string => {
    const file = join(root, `key-${key.slice(-6)}.txt`);
    writeFileSync(file, `${key}\n`);
    chmodSync(file, 0o600);
    return `cat ${file}`;
  };
  return { env: { VOICECHAT_CONFIG_DIR: join(root, 'cfg') }, keyCommand };
}

async function addProfile(env: Record<string, string>, args: string[]): Promise<void> {
  const result = await runCli(['profile', 'add', ...args], { env });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}

describe('--profile one-shot runs, OpenAI', () => {
  const trace = loadBidiTrace('openai-ga__error-invalid_value__then-text-response');
  const reply = trace
    .filter((l) => l.event['type'] === 'response.output_text.delta')
    .map((l) => l.event['delta'] as string)
    .join('');

  it('key through apiKeyEnv', async () => {
    server = await startReplayServer({ trace, dialect: 'openai' });
    const { env } = setup();
    await addProfile(env, [
      'o',
      '--provider',
      'openai',
      '--endpoint',
      `${server.httpBase}/v1`,
      '--api-key-env',
      'VC_TEST_OPENAI',
    ]);
    const result = await runCli(['--profile', 'o', '--text', 'hi'], {
      env: { ...env, VC_TEST_OPENAI: KEYS.openaiEnv },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${reply}\n`);
    expect(server.upgrades[0]?.headers['authorization']).toBe(`Bearer ${KEYS.openaiEnv}`);
  });

  it('key through apiKeyCommand, as the default profile (no --profile)', async () => {
    server = await startReplayServer({ trace, dialect: 'openai' });
    const { env, keyCommand } = setup();
    await addProfile(env, [
      'o',
      '--provider',
      'openai',
      '--endpoint',
      `${server.httpBase}/v1`,
      '--api-key-command',
      keyCommand(KEYS.openaiCmd),
    ]);
    expect((await runCli(['profile', 'use', 'o'], { env })).code).toBe(0);
    const result = await runCli(['--text', 'hi', '--json'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"response.done"');
    expect(server.upgrades[0]?.headers['authorization']).toBe(`Bearer ${KEYS.openaiCmd}`);
  });

  it('a missing key variable names it (exit 78)', async () => {
    const { env } = setup();
    await addProfile(env, [
      'o',
      '--provider',
      'openai',
      '--endpoint',
      'http://127.0.0.1:1/v1',
      '--api-key-env',
      'VC_TEST_UNSET',
    ]);
    const result = await runCli(['--profile', 'o', '--text', 'hi'], { env });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('VC_TEST_UNSET');
  });
});

describe('--profile one-shot runs, Gemini', () => {
  const trace = loadBidiTrace(GEMINI_TOOL_TRACE);
  it.each([
    ['apiKeyEnv', KEYS.geminiEnv],
    ['apiKeyCommand', KEYS.geminiCmd],
  ])('key through %s', async (how, key) => {
    server = await startReplayServer({ trace, dialect: 'gemini', binaryFrames: true });
    const { env, keyCommand } = setup();
    const keyArgs = how === 'apiKeyEnv' ? ['--api-key-env', 'VC_TEST_GEMINI'] : ['--api-key-command', keyCommand(key)];
    await addProfile(env, ['g', '--provider', 'gemini', '--endpoint', server.httpBase, ...keyArgs]);
    const result = await runCli(['--profile', 'g', '--text', 'What is the weather in London?'], {
      env: how === 'apiKeyEnv' ? { ...env, VC_TEST_GEMINI: key } : env,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${outputTranscript(trace)}\n`);
    const upgrade = server.upgrades[0];
    expect(JSON.stringify(upgrade)).toContain(key);
  });
});

describe('--profile one-shot runs, Azure OpenAI', () => {
  const trace = loadBidiTrace(AZURE_GA_TRACE);
  it.each([
    ['apiKeyEnv', KEYS.azureEnv],
    ['apiKeyCommand', KEYS.azureCmd],
  ])('key through %s', async (how, key) => {
    server = await startReplayServer({ trace, dialect: 'openai', audioGateMs: 0, gateTimeoutMs: 2000 });
    const { env, keyCommand } = setup();
    const keyArgs = how === 'apiKeyEnv' ? ['--api-key-env', 'VC_TEST_AZURE'] : ['--api-key-command', keyCommand(key)];
    await addProfile(env, [
      'a',
      '--provider',
      'azure-openai',
      '--endpoint',
      server.httpBase,
      '--deployment',
      'gpt-realtime',
      ...keyArgs,
    ]);
    const result = await runCli(['--profile', 'a', '--text', 'Hello, my name is Marcelo.'], {
      env: how === 'apiKeyEnv' ? { ...env, VC_TEST_AZURE: key } : env,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${replyTranscript(trace)}\n`);
    expect(server.upgrades[0]?.headers['api-key']).toBe(key);
  });
});

describe('--profile one-shot runs, the other family members and a gateway', () => {
  it('Voice Live, key through apiKeyCommand', async () => {
    const trace = loadBidiTrace(VOICE_LIVE_TRACE);
    server = await startReplayServer({ trace, dialect: 'openai', audioGateMs: 0, gateTimeoutMs: 2000 });
    const { env, keyCommand } = setup();
    await addProfile(env, [
      'vl',
      '--provider',
      'azure-voicelive',
      '--endpoint',
      server.httpBase,
      '--api-key-command',
      keyCommand(KEYS.voiceLiveCmd),
    ]);
    const result = await runCli(['--profile', 'vl', '--text', 'Hello, my name is Marcelo.'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${replyTranscript(trace)}\n`);
    expect(server.upgrades[0]?.headers['api-key']).toBe(KEYS.voiceLiveCmd);
  });

  it('Vertex, token through apiKeyEnv, project and location from the profile', async () => {
    const trace = loadBidiTrace(VERTEX_TEXT_TRACE);
    server = await startReplayServer({ trace, dialect: 'gemini', binaryFrames: true });
    const { env } = setup();
    await addProfile(env, [
      'vx',
      '--provider',
      'vertex',
      '--project',
      'p1',
      '--location',
      'europe-west4',
      '--endpoint',
      server.httpBase,
      '--api-key-env',
      'VC_TEST_VERTEX',
    ]);
    const result = await runCli(['--profile', 'vx', '--text', 'hi'], {
      env: { ...env, VC_TEST_VERTEX: KEYS.vertexEnv },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Hello there!\n');
    expect(server.upgrades[0]?.headers['authorization']).toBe(`Bearer ${KEYS.vertexEnv}`);
  });

  it('a TrueFoundry gateway profile reaches {url}/api/llm/live/{account} with bearer auth (Gemini)', async () => {
    const trace = loadBidiTrace(GEMINI_TOOL_TRACE);
    server = await startReplayServer({ trace, dialect: 'gemini', binaryFrames: true });
    const { env } = setup();
    await addProfile(env, [
      'tf',
      '--provider',
      'gemini',
      '--gateway',
      'truefoundry',
      '--gateway-url',
      server.httpBase,
      '--gateway-account',
      'google-main',
      '--api-key-env',
      'TFY_API_KEY',
    ]);
    const result = await runCli(['--profile', 'tf', '--text', 'What is the weather in London?'], {
      env: { ...env, TFY_API_KEY: KEYS.gatewayEnv },
    });
    expect(result.code).toBe(0);
    expect(server.upgrades[0]?.url).toMatch(/^\/api\/llm\/live\/google-main\//);
    expect(server.upgrades[0]?.headers['authorization']).toBe(`Bearer ${KEYS.gatewayEnv}`);
  });
});

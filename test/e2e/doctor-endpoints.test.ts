import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { loadBidiTrace } from '../support/traces.js';
import { capturedOutput, runCli } from '../support/run-cli.js';

const KEY = 'sk-doctor-test-KEY-8675309';
const trace = loadBidiTrace('openai-ga__error-invalid_value__then-text-response');
const servers: ReplayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => {
  expect(capturedOutput.join('\n')).not.toContain(KEY);
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface Check {
  name: string;
  status: string;
  detail: string;
  fix?: string;
}

describe('voicechat doctor', () => {
  it('tells a working endpoint, one that rejects auth and one that is down apart', async () => {
    const ok = await startReplayServer({ trace, dialect: 'openai' });
    const rejecting = await startReplayServer({
      trace,
      dialect: 'openai',
      rejectUpgrade: { status: 401, body: '{"error":{"message":"Incorrect API key"}}' },
    });
    servers.push(ok, rejecting);
    const down = await closedPort();
    const env = { VOICECHAT_CONFIG_DIR: join(mkdtempSync(join(tmpdir(), 'vc-doctor-')), 'cfg'), VC_DOCTOR_KEY: KEY };
    for (const [name, url] of [
      ['good', `${ok.httpBase}/v1`],
      ['badkey', `${rejecting.httpBase}/v1`],
      ['down', `http://127.0.0.1:${down}/v1`],
    ] as const) {
      const add = await runCli(
        ['profile', 'add', name, '--provider', 'openai', '--endpoint', url, '--api-key-env', 'VC_DOCTOR_KEY'],
        { env },
      );
      expect(add.code).toBe(0);
    }
    await runCli(
      [
        'profile',
        'add',
        'nokey',
        '--provider',
        'openai',
        '--endpoint',
        `${ok.httpBase}/v1`,
        '--api-key-env',
        'VC_UNSET_VAR',
      ],
      { env },
    );

    const result = await runCli(['doctor', '--skip-audio', '--json', '--timeout', '3'], { env });
    expect(result.code).not.toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; checks: Check[] };
    expect(report.ok).toBe(false);
    const check = (name: string): Check => report.checks.find((c) => c.name === name)!;
    expect(check('node').status).toBe('ok');
    expect(check('audio').status).toBe('skip');
    expect(check('profile good: endpoint')).toMatchObject({ status: 'ok' });
    expect(check('profile good: endpoint').detail).toContain('handshake ok');
    expect(check('profile badkey: endpoint')).toMatchObject({ status: 'fail' });
    expect(check('profile badkey: endpoint').detail).toContain('auth rejected');
    expect(check('profile down: endpoint')).toMatchObject({ status: 'fail' });
    expect(check('profile down: endpoint').detail).toContain('unreachable');
    expect(check('profile nokey: key')).toMatchObject({ status: 'fail' });
    expect(check('profile nokey: key').detail).toContain('VC_UNSET_VAR');
    expect(check('profile nokey: endpoint').status).toBe('skip');
    for (const failed of report.checks.filter((c) => c.status === 'fail')) expect(failed.fix, failed.name).toBeTruthy();
    expect(ok.upgrades[0]?.headers['authorization']).toBe(`Bearer ${KEY}`);

    const text = await runCli(['doctor', '--skip-audio', '--timeout', '3'], { env });
    expect(text.stdout).toMatch(/✔\s+profile good: endpoint\s+127\.0\.0\.1:\d+ handshake ok/);
    expect(text.stdout).toMatch(/✘\s+profile badkey: endpoint\s+auth rejected/);
    expect(text.stdout).toMatch(/✘\s+profile down: endpoint\s+unreachable/);
    expect(text.stdout).toContain('fix: ');
    expect(text.stdout).toMatch(/\d checks failed\./);
  });

  it('exits 0 when everything works; --profile checks one profile', async () => {
    const ok = await startReplayServer({ trace, dialect: 'openai' });
    servers.push(ok);
    const env = { VOICECHAT_CONFIG_DIR: join(mkdtempSync(join(tmpdir(), 'vc-doctor-')), 'cfg'), VC_DOCTOR_KEY: KEY };
    await runCli(
      [
        'profile',
        'add',
        'good',
        '--provider',
        'openai',
        '--endpoint',
        `${ok.httpBase}/v1`,
        '--api-key-env',
        'VC_DOCTOR_KEY',
      ],
      { env },
    );
    await runCli(['profile', 'add', 'other', '--provider', 'openai', '--endpoint', 'http://127.0.0.1:1/v1'], { env });
    const result = await runCli(['doctor', '--skip-audio', '--profile', 'good'], { env });
    expect(result.stdout).toContain('All checks passed.');
    expect(result.stdout).not.toContain('profile other');
    expect(result.code).toBe(0);
  });

  it('reports a corrupt config file and nothing configured', async () => {
    const env = { VOICECHAT_CONFIG_DIR: join(mkdtempSync(join(tmpdir(), 'vc-doctor-')), 'cfg') };
    const result = await runCli(['doctor', '--skip-audio', '--json'], { env });
    const report = JSON.parse(result.stdout) as { checks: Check[] };
    expect(report.checks.find((c) => c.name === 'environment: settings')).toMatchObject({ status: 'fail' });
    expect(result.code).toBe(78);

    const { mkdirSync, writeFileSync, readFileSync } = await import('node:fs');
    mkdirSync(env.VOICECHAT_CONFIG_DIR, { recursive: true });
    const file = join(env.VOICECHAT_CONFIG_DIR, 'config.json');
    writeFileSync(file, '{\n  "profiles": {\n');
    const corrupt = await runCli(['doctor', '--skip-audio'], { env });
    expect(corrupt.code).toBe(78);
    expect(corrupt.stdout).toMatch(/✘\s+config file\s+The config file .*config\.json is not valid JSON: line 3/);
    expect(readFileSync(file, 'utf8')).toBe('{\n  "profiles": {\n');
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayServer } from '../support/replay-per-test.js';
import { leaks, runCli, type CliResult } from '../support/run-cli.js';
import { AZURE_REPLAY, azureGaTrace, voiceLiveTrace, setupScript } from '../support/azure-traces.js';

const KEY = 'azure-FAILURE-KEY-5f1e2d3c4b5a';

const providers = [
  { id: 'azure-openai', keyVar: 'AZURE_OPENAI_API_KEY', trace: azureGaTrace },
  { id: 'azure-voicelive', keyVar: 'AZURE_VOICELIVE_API_KEY', trace: voiceLiveTrace },
] as const;

function run(id: string, keyVar: string, endpoint: string, extra: string[] = []): Promise<CliResult> {
  return runCli(['--provider', id, '--endpoint', endpoint, '--text', 'hi', ...extra], { env: { [keyVar]: KEY } });
}

describe.each(providers)('$id: failures a user understands', ({ id, keyVar, trace }) => {
  it('wrong key (HTTP 401 on the upgrade): exit 77, the host and the variable, no key', async () => {
    const server = await replayServer({
      trace,
      ...AZURE_REPLAY,
      rejectUpgrade: {
        status: 401,
        body: JSON.stringify({
          error: { code: '401', message: `Access denied due to invalid subscription key ${KEY}.` },
        }),
      },
    });
    const result = await run(id, keyVar, server.httpBase);
    expect(result.code).toBe(77);
    expect(result.stderr).toContain(`127.0.0.1:${server.port}`);
    expect(result.stderr).toContain('HTTP 401');
    expect(result.stderr).toContain(keyVar);
    expect(leaks(result, KEY)).toBe(false);
  });

  for (const [status, body] of [
    [404, { error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist.' } }],
    [
      400,
      {
        error: {
          code: 'OperationNotSupported',
          message: 'The realtime operation does not work with the specified model.',
        },
      },
    ],
  ] as const) {
    it(`wrong deployment or model (HTTP ${status}): exit 78 with the provider's reason`, async () => {
      const server = await replayServer({
        trace,
        ...AZURE_REPLAY,
        rejectUpgrade: { status, body: JSON.stringify(body) },
      });
      const result = await run(id, keyVar, server.httpBase);
      expect(result.code).toBe(78);
      expect(result.stderr).toContain(`HTTP ${status}`);
      expect(result.stderr).toContain(body.error.message);
      expect(result.stderr).toMatch(/deployment/i);
      expect(leaks(result, KEY)).toBe(false);
    });
  }

  it('unknown voice (error event during setup): exit 78 with the provider message', async () => {
    const script = setupScript(trace, [
      {
        dir: 's2c',
        event: {
          type: 'error',
          event_id: 'event_x',
          error: {
            type: 'invalid_request_error',
            code: 'invalid_value',
            message: "Invalid value: 'en-US-NobodyNeural'. Supported voices are: alloy, ash.",
            param: 'session.voice',
            event_id: null,
          },
        },
      },
    ]);
    const server = await replayServer({ trace: script, ...AZURE_REPLAY });
    const result = await run(id, keyVar, server.httpBase, ['--voice', 'en-US-NobodyNeural']);
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('en-US-NobodyNeural');
    expect(result.stderr).toContain('--voice');
    expect(leaks(result, KEY)).toBe(false);
  });

  it('no endpoint: exit 78 naming the variable', async () => {
    const result = await runCli(['--provider', id, '--text', 'hi'], { env: { [keyVar]: KEY } });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(id === 'azure-openai' ? /AZURE_OPENAI_ENDPOINT/ : /AZURE_VOICELIVE_ENDPOINT/);
  });

  it('no key: exit 78 naming the variables and the Entra ID option', async () => {
    const result = await runCli(['--provider', id, '--endpoint', 'https://my-res.example.com', '--text', 'hi']);
    expect(result.code).toBe(78);
    expect(result.stderr).toContain(keyVar);
    expect(result.stderr).toContain('--auth-style bearer');
  });

  it('no secret in stdout, stderr or the debug log, even with the key in the query', async () => {
    const server = await replayServer({ trace, ...AZURE_REPLAY });
    const log = join(mkdtempSync(join(tmpdir(), 'vc-azure-secret-')), 'debug.log');
    const result = await run(id, keyVar, server.httpBase, [
      '--auth-style',
      'query',
      '--debug',
      '--log-file',
      log,
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(server.upgrades[0]!.url).toContain('api-key=');
    const logText = readFileSync(log, 'utf8');
    expect(logText).toContain('api-key=***');
    expect(logText).not.toContain(KEY);
    expect(leaks(result, KEY)).toBe(false);
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayServer } from '../support/replay-per-test.js';
import { loadBidiTrace, type TraceLine } from '../support/traces.js';
import { leaks, runCli } from '../support/run-cli.js';

const KEY = 'sk-test-FAILURE-KEY-987654321';
const env = { OPENAI_API_KEY: KEY };
const textTrace = loadBidiTrace('openai-ga__error-invalid_value__then-text-response');
const sessionCreated = textTrace[0]!;

/** A free port with nothing listening on it. */
async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('failures a user understands', () => {
  it('missing key: exit 78 naming the variable to set', async () => {
    const result = await runCli(['--provider', 'openai', '--text', 'hi']);
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('OPENAI_API_KEY');
    expect(result.stdout).toBe('');
  });

  it('--api-key-env names a variable that is empty: exit 78 naming that variable', async () => {
    const result = await runCli(['--provider', 'openai', '--api-key-env', 'MY_KEY', '--text', 'hi'], { env });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('MY_KEY');
    expect(leaks(result, KEY)).toBe(false);
  });

  for (const status of [401, 403]) {
    it(`HTTP ${status} on the upgrade: exit 77, the host, no key`, async () => {
      const server = await replayServer({
        trace: textTrace,
        dialect: 'openai',
        rejectUpgrade: { status, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}` } }) },
      });
      const result = await runCli(['--endpoint', `${server.httpBase}/v1`, '--text', 'hi'], { env });
      expect(result.code).toBe(77);
      expect(result.stderr).toContain(`127.0.0.1:${server.port}`);
      expect(result.stderr).toContain(`HTTP ${status}`);
      expect(result.stderr).toContain('OPENAI_API_KEY');
      expect(leaks(result, KEY)).toBe(false);
    });
  }

  it('an auth error event during setup: exit 77', async () => {
    const trace: TraceLine[] = [
      sessionCreated,
      { dir: 'c2s', event: { type: 'session.update' } },
      {
        dir: 's2c',
        event: {
          type: 'error',
          event_id: 'event_1',
          error: {
            type: 'invalid_request_error',
            code: 'invalid_api_key',
            message: 'Incorrect API key provided.',
            param: null,
            event_id: null,
          },
        },
      },
    ];
    const server = await replayServer({ trace, dialect: 'openai' });
    const result = await runCli(['--endpoint', `${server.httpBase}/v1`, '--text', 'hi'], { env });
    expect(result.code).toBe(77);
    expect(result.stderr).toContain('Incorrect API key provided');
    expect(leaks(result, KEY)).toBe(false);
  });

  it('connection refused: exit 75 with the host', async () => {
    const port = await deadPort();
    const result = await runCli(['--endpoint', `http://127.0.0.1:${port}/v1`, '--text', 'hi'], { env });
    expect(result.code).toBe(75);
    expect(result.stderr).toContain(`127.0.0.1:${port}`);
    expect(result.stderr).toContain('connection refused');
    expect(leaks(result, KEY)).toBe(false);
  });

  it('DNS failure: exit 75 naming the host', async () => {
    const result = await runCli(['--endpoint', 'https://no-such-host.invalid/v1', '--text', 'hi'], { env });
    expect(result.code).toBe(75);
    expect(result.stderr).toContain('no-such-host.invalid');
  });

  it('a slow upgrade: exit 75 after --timeout', async () => {
    const server = await replayServer({ trace: textTrace, dialect: 'openai', upgradeDelayMs: 5000 });
    const result = await runCli(['--endpoint', `${server.httpBase}/v1`, '--text', 'hi', '--timeout', '1'], { env });
    expect(result.code).toBe(75);
    expect(result.stderr).toContain('Timed out');
    expect(result.durationMs).toBeLessThan(4000);
  });

  it('a fatal server error event: message with code and text, exit 1', async () => {
    const trace: TraceLine[] = [
      ...textTrace.slice(0, 4),
      {
        dir: 's2c',
        event: {
          type: 'error',
          event_id: 'event_2',
          error: {
            type: 'invalid_request_error',
            code: 'session_expired',
            message: 'Your session hit the maximum duration of 60 minutes.',
            param: null,
            event_id: null,
          },
        },
      },
    ];
    const server = await replayServer({ trace, dialect: 'openai' });
    const result = await runCli(['--endpoint', `${server.httpBase}/v1`, '--text', 'hi'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('session_expired');
    expect(result.stderr).toContain('maximum duration of 60 minutes');
  });

  it('malformed frames and unknown event types are reported or ignored, not crashes', async () => {
    const trace = textTrace;
    const server = await replayServer({
      trace,
      dialect: 'openai',
      injections: [
        { beforeS2c: 3, payload: '{"type": "response.output_text.delta", "delta": ' },
        { beforeS2c: 4, payload: JSON.stringify({ type: 'response.brand_new_event', foo: 1 }) },
        { beforeS2c: 5, payload: '[1,2,3]' },
        // a reply delta without the response it belongs to: malformed, not keyed on an invented id
        { beforeS2c: 6, payload: JSON.stringify({ type: 'response.output_text.delta', delta: 'ORPHAN' }) },
      ],
    });
    const result = await runCli(['--endpoint', `${server.httpBase}/v1`, '--text', 'hi'], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('malformed JSON frame');
    expect(result.stderr).toContain('response.output_text.delta frame without response_id');
    expect(result.stdout).not.toContain('ORPHAN');
    expect(result.stderr).not.toContain('brand_new_event');
    expect(result.stdout.length).toBeGreaterThan(20);
  });

  it('the connection dropping mid-reply: exit 75', async () => {
    const index = textTrace
      .filter((l) => l.dir === 's2c')
      .findIndex((l) => l.event['type'] === 'response.output_text.delta');
    const server = await replayServer({
      trace: textTrace,
      dialect: 'openai',
      closeBeforeS2c: { index: index + 3, code: 1011, reason: 'upstream failure' },
    });
    const result = await runCli(['--endpoint', `${server.httpBase}/v1`, '--text', 'hi'], { env });
    expect(result.code).toBe(75);
    expect(result.stderr).toContain('1011');
  });

  it('writes no secret to an audio file or log file either', async () => {
    const server = await replayServer({ trace: textTrace, dialect: 'openai' });
    const dir = mkdtempSync(join(tmpdir(), 'vc-secret-'));
    const log = join(dir, 'debug.log');
    const result = await runCli(['--endpoint', `${server.httpBase}/v1`, '--text', 'hi', '--debug', '--log-file', log], {
      env,
    });
    expect(result.code).toBe(0);
    expect(readFileSync(log, 'utf8')).not.toContain(KEY);
    expect(leaks(result, KEY)).toBe(false);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { loadBidiTrace } from '../support/traces.js';
import { leaks, runCli } from '../support/run-cli.js';
import { GEMINI_TOOL_TRACE, VERTEX_TEXT_TRACE } from '../unit/providers/gemini/support/gemini-traces.js';

const KEY = 'AIzaSy-test-VERYSECRET-0123456789';
const TOKEN = 'ya29.test-VERYSECRET-token-0123456789';
let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const trace = loadBidiTrace(GEMINI_TOOL_TRACE);

/** The service answers a bad setup by closing the socket instead of sending setupComplete. */
async function closedAtSetup(code: number, reason: string, args: string[] = []) {
  server = await startReplayServer({
    trace,
    dialect: 'gemini',
    binaryFrames: true,
    closeBeforeS2c: { index: 0, code, reason },
  });
  const result = await runCli(['--provider', 'gemini', '--endpoint', server.httpBase, '--text', 'hi', ...args], {
    env: { GEMINI_API_KEY: KEY },
  });
  expect(leaks(result, KEY)).toBe(false);
  expect(result.stdout).toBe('');
  return result;
}

describe('Gemini close codes and credentials end to end', () => {
  it('1007 invalid argument: an invalid setup field, exit 78', async () => {
    const result = await closedAtSetup(1007, 'Request contains an invalid argument.');
    expect(result.stderr).toContain('invalid setup field');
    expect(result.stderr).toContain('close 1007');
    expect(result.stderr).toContain('Request contains an invalid argument.');
    expect(result.code).toBe(78);
  });

  it('1008 model not found for this API version: exit 78 with a model hint', async () => {
    const result = await closedAtSetup(
      1008,
      'models/gemini-nope is not found for API version v1beta, or is not supported for bidiGenerateContent. Call ListModels',
      ['--model', 'gemini-nope'],
    );
    expect(result.stderr).toContain('Model not found for this API version');
    expect(result.stderr).toContain('--api-version');
    expect(result.code).toBe(78);
  });

  it('1008 with an invalid API key: exit 77, the key never printed', async () => {
    const result = await closedAtSetup(1008, 'API key not valid. Please pass a valid API key.');
    expect(result.stderr).toContain('rejected the credentials');
    expect(result.stderr).toContain('GEMINI_API_KEY');
    expect(result.code).toBe(77);
  });

  it('1011 quota exceeded: exit 75', async () => {
    const result = await closedAtSetup(
      1011,
      'You exceeded your current quota, please check your plan and billing details.',
    );
    expect(result.stderr).toContain('quota is exhausted');
    expect(result.code).toBe(75);
  });

  it('1011 internal error: exit 75', async () => {
    const result = await closedAtSetup(1011, 'Internal error occurred.');
    expect(result.stderr).toContain('internal error (close 1011)');
    expect(result.code).toBe(75);
  });

  it('a gateway that refuses the key with HTTP 401: exit 77', async () => {
    server = await startReplayServer({
      trace,
      dialect: 'gemini',
      rejectUpgrade: { status: 401, body: JSON.stringify({ error: { message: 'invalid gateway key' } }) },
    });
    const result = await runCli(['--provider', 'gemini', '--endpoint', server.httpBase, '--text', 'hi'], {
      env: { GEMINI_API_KEY: KEY },
    });
    expect(result.stderr).toContain('rejected the credentials (HTTP 401)');
    expect(result.code).toBe(77);
    expect(leaks(result, KEY)).toBe(false);
  });

  it('a missing key: exit 78 naming the variables', async () => {
    const result = await runCli(['--provider', 'gemini', '--text', 'hi']);
    expect(result.stderr).toContain('GEMINI_API_KEY or GOOGLE_API_KEY');
    expect(result.code).toBe(78);
  });

  it('the key in the query (authStyle query) stays out of every message', async () => {
    const result = await closedAtSetup(1008, 'API key not valid. Please pass a valid API key.', [
      '--auth-style',
      'query',
    ]);
    expect(server?.upgrades[0]?.url).toContain(`?key=${KEY}`);
    expect(result.code).toBe(77);
  });
});

describe('Vertex credentials end to end', () => {
  it('no token and no application default credentials: exit 77 explaining how to log in', async () => {
    const result = await runCli(['--provider', 'vertex', '--project', 'p', '--text', 'hi'], {
      env: { GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/adc.json', METADATA_SERVER_DETECTION: 'none' },
    });
    expect(result.stderr).toContain('gcloud auth application-default login');
    expect(result.code).toBe(77);
  });

  it('no project: exit 78', async () => {
    const result = await runCli(['--provider', 'vertex', '--text', 'hi'], { env: { VERTEX_ACCESS_TOKEN: TOKEN } });
    expect(result.stderr).toContain('--project');
    expect(result.code).toBe(78);
    expect(leaks(result, TOKEN)).toBe(false);
  });

  it('an expired token (1008 at setup): exit 77', async () => {
    server = await startReplayServer({
      trace: loadBidiTrace(VERTEX_TEXT_TRACE),
      dialect: 'gemini',
      binaryFrames: true,
      closeBeforeS2c: {
        index: 0,
        code: 1008,
        reason: 'Request had invalid authentication credentials. Expected OAuth 2 access token.',
      },
    });
    const result = await runCli(
      ['--provider', 'vertex', '--project', 'p', '--endpoint', server.httpBase, '--text', 'hi'],
      {
        env: { VERTEX_ACCESS_TOKEN: TOKEN },
      },
    );
    expect(result.stderr).toContain('VERTEX_ACCESS_TOKEN');
    expect(result.code).toBe(77);
    expect(leaks(result, TOKEN)).toBe(false);
  });
});

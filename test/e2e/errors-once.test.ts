import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { loadBidiTrace } from '../support/traces.js';
import { leaks, runCli } from '../support/run-cli.js';
import { GEMINI_TOOL_TRACE } from '../unit/providers/gemini/support/gemini-traces.js';

const KEY = 'AIzaSy-test-ONCE-0123456789';
const HELLO = new URL('../fixtures/audio/hello.wav', import.meta.url).pathname;
const REASON = 'Request contains an invalid argument.';
let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const count = (text: string, part: string): number => text.split(part).length - 1;

/** Gemini accepts the setup (setupComplete is s2c frame 0), then closes with 1007 on the next turn. */
async function closedAfterSetup(args: string[]) {
  server = await startReplayServer({
    trace: loadBidiTrace(GEMINI_TOOL_TRACE),
    dialect: 'gemini',
    binaryFrames: true,
    closeBeforeS2c: { index: 1, code: 1007, reason: REASON },
  });
  const result = await runCli(['--provider', 'gemini', '--endpoint', server.httpBase, ...args], {
    env: { GEMINI_API_KEY: KEY },
    timeoutMs: 30_000,
  });
  expect(leaks(result, KEY)).toBe(false);
  return result;
}

describe('a 1007 after setup (issue #16 item 6): worded for mid-conversation, printed once, the reason intact', () => {
  it.each([
    ['one-shot', ['--text', 'hi']],
    [
      'headless duplex',
      ['--no-tui', '--input-file', HELLO, '--audio-out', join(mkdtempSync(join(tmpdir(), 'vc-once-')), 'r.wav')],
    ],
  ])('%s', async (_mode, args) => {
    const result = await closedAfterSetup(args);
    expect(result.stderr).toContain(`during the conversation (close 1007): ${REASON}`);
    expect(result.stderr).not.toContain('invalid setup field');
    expect(count(result.stderr, '(close 1007)')).toBe(1);
    expect(count(result.stderr, REASON)).toBe(1);
    expect(count(result.stderr, 'so --model and --voice are fine')).toBe(1);
    expect(result.code).toBe(1);
  });
});

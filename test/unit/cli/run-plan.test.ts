import { describe, expect, it } from 'vitest';
import { completeRunPlan, runIntentFrom } from '../../../src/cli/run-plan.js';
import type { RunOptions } from '../../../src/cli/run-options.js';
import type { LoadedSettings } from '../../../src/config/load-settings.js';
import { UsageError } from '../../../src/core/errors.js';

const intent = (options: RunOptions, env: NodeJS.ProcessEnv = {}, tty = true) => runIntentFrom(options, env, tty);

describe('runIntentFrom: every run option parsed and cross-checked once', () => {
  it.each([
    [{}, true, { kind: 'conversation', ui: 'tui' }],
    [{}, false, { kind: 'conversation', ui: 'plain' }],
    [{ tui: false }, true, { kind: 'conversation', ui: 'plain' }],
    [{ inputFile: 'a.wav' }, true, { kind: 'conversation', ui: 'plain' }],
    [{ text: 'hi', json: true }, true, { kind: 'oneshot', text: 'hi', json: true, speak: false }],
    [{ explain: true, json: true, speak: true }, true, { kind: 'explain', json: true }],
  ] as const)('%j (tty %s) -> %j', (options, tty, mode) => {
    expect(intent(options, {}, tty).mode).toEqual(mode);
  });

  it.each([
    [{ json: true }, '--json goes with --text (one-shot mode).'],
    [{ speak: true }, '--speak goes with --text; a conversation always speaks.'],
    [{ text: 'hi', inputFile: 'a.wav' }, '--input-file and --text cannot be combined.'],
    [{ turns: '0' }, '--turns expects a whole number >= 1 (got "0").'],
    [{ turns: '1.5' }, '--turns expects a whole number >= 1 (got "1.5").'],
    [{ reconnectAttempts: 'x' }, '--reconnect-attempts expects a positive number (got "x").'],
    [{ sessionCap: '-1' }, '--session-cap expects a positive number (got "-1").'],
  ] as const)('refuses %j', (options, message) => {
    expect(() => intent(options)).toThrow(new UsageError(message));
  });

  it('turns: 1 with an input file, else until Ctrl+C; an explicit value wins', () => {
    expect(intent({}).turns).toBe(Infinity);
    expect(intent({ inputFile: 'a.wav' }).turns).toBe(1);
    expect(intent({ inputFile: 'a.wav', turns: '3' }).turns).toBe(3);
  });

  it('reconnect policy, tools, files and debug', () => {
    const plan = intent({ reconnectAttempts: '2.6', sessionCap: '30', tools: false, logFile: 'l', audioOut: 'o' });
    expect(plan.reconnect).toEqual({ maxAttempts: 3, sessionCapMs: 30_000 });
    expect(intent({}).reconnect).toEqual({ maxAttempts: undefined, sessionCapMs: undefined });
    expect(plan.tools).toBe(false);
    expect(plan.files).toEqual({ inputFile: undefined, audioOut: 'o', logFile: 'l' });
    expect(intent({}).debug).toBe(false);
    expect(intent({ debug: true }).debug).toBe(true);
    expect(intent({}, { VOICECHAT_DEBUG: '1' }).debug).toBe(true);
  });
});

describe('completeRunPlan', () => {
  const settings = { values: { provider: 'openai' } } as unknown as LoadedSettings;
  const stdin = (text: string) => () => Promise.resolve(text);

  it('reads a "-" prompt from stdin, trimmed', async () => {
    const plan = await completeRunPlan(intent({ text: '-' }), settings, stdin('  hello \n'));
    expect(plan.mode).toEqual({ kind: 'oneshot', prompt: 'hello', json: false, speak: false });
    expect(plan.settings).toBe(settings);
  });

  it('refuses an empty prompt', async () => {
    await expect(completeRunPlan(intent({ text: '-' }), settings, stdin(' \n'))).rejects.toThrow(
      '--text needs a prompt',
    );
    await expect(completeRunPlan(intent({ text: ' ' }), settings, stdin('x'))).rejects.toThrow(UsageError);
  });

  it('leaves stdin alone outside a "-" prompt', async () => {
    const never = (): Promise<string> => Promise.reject(new Error('read stdin'));
    await expect(completeRunPlan(intent({}), settings, never)).resolves.toMatchObject({ turns: Infinity });
  });
});

import { describe, expect, it } from 'vitest';
import { createPlainLog } from '../../../src/ui/plain-log.js';

describe('plain log', () => {
  it('writes notices, engine errors and session errors to stderr, each its own way', () => {
    const out: string[] = [];
    const err: string[] = [];
    const log = createPlainLog({ write: (l) => out.push(l), writeError: (l) => err.push(l) }).onEvent;
    log({ type: 'notice', message: 'Dropped 1.2 s of microphone audio captured while disconnected.' });
    log({ type: 'engine.error', message: 'The audio output kept failing.', final: true, exitCode: 69 });
    log({ type: 'error', error: { code: 'invalid_value', message: 'Invalid value', fatal: false } });
    expect(out).toEqual([]);
    expect(err).toEqual([
      'Dropped 1.2 s of microphone audio captured while disconnected.',
      'error (audio): The audio output kept failing.',
      'error (invalid_value): Invalid value',
    ]);
  });

  it('prints a reply once heard, so an interruption after its generation ended still shows', () => {
    const out: string[] = [];
    const { onEvent } = createPlainLog({ write: (l) => out.push(l), writeError: () => {} });
    onEvent({ type: 'response.text.delta', responseId: 'r1', delta: 'abcdefghij' });
    onEvent({ type: 'response.done', responseId: 'r1', status: 'completed' });
    expect(out).toEqual([]);
    onEvent({ type: 'interrupted', responseId: 'r1', heardMs: 400, receivedMs: 1000, cause: 'user-speech' });
    onEvent({ type: 'playback.finished', responseId: 'r1' });
    onEvent({ type: 'response.text.delta', responseId: 'r2', delta: 'Sure.' });
    onEvent({ type: 'response.done', responseId: 'r2', status: 'completed' });
    onEvent({ type: 'playback.finished', responseId: 'r2' });
    expect(out).toEqual(['assistant: abcd… [interrupted after 40% of its audio]', 'assistant: Sure.']);
  });

  it('a reply still playing when the run stops is printed by flushPending, once', () => {
    const out: string[] = [];
    const log = createPlainLog({ write: (l) => out.push(l), writeError: () => {} });
    log.onEvent({ type: 'response.text.delta', responseId: 'r1', delta: 'Hello there.' });
    log.onEvent({ type: 'response.done', responseId: 'r1', status: 'completed' });
    log.onEvent({ type: 'response.text.delta', responseId: 'r2', delta: 'still generating' });
    log.flushPending();
    log.flushPending();
    expect(out).toEqual(['assistant: Hello there.']);
  });
});

import { describe, expect, it } from 'vitest';
import type { ControllerEvent } from '../../../src/core/controller-events.js';
import { initialState, reduce, type ConversationState } from '../../../src/ui/state/conversation.js';

const info = { provider: 'OpenAI Realtime', model: 'gpt-realtime', voice: 'marin', vad: 'server' as const };
/** Everything shown, settled (scrollback) first, then the live entries. */
const all = (s: ConversationState) => [...s.settled, ...s.transcript];
const run = (events: ControllerEvent[], from: ConversationState = initialState(info, 0)): ConversationState =>
  events.reduce((s, event, i) => reduce(s, { type: 'event', event, atMs: i * 10 }), from);

describe('conversation reducer', () => {
  it('shows a notice as a notice, and an engine failure as an audio error', () => {
    const s = run([
      { type: 'notice', message: 'Dropped 1.2 s of microphone audio captured while disconnected.' },
      { type: 'engine.error', message: 'The audio player process exited unexpectedly.', final: false, exitCode: 69 },
      { type: 'error', error: { code: 'invalid_value', message: 'Invalid value', fatal: false } },
    ]);
    expect(all(s).map((e) => [e.role, e.text])).toEqual([
      ['notice', 'Dropped 1.2 s of microphone audio captured while disconnected.'],
      ['error', '[audio] The audio player process exited unexpectedly.'],
      ['error', '[invalid_value] Invalid value'],
    ]);
  });

  it('builds user and assistant turns from partial text, in speaking order', () => {
    const s = run([
      { type: 'input.speech_started', itemId: 'u1' },
      { type: 'response.text.delta', responseId: 'r1', delta: 'Hello' },
      { type: 'input.transcript.delta', itemId: 'u1', delta: 'Hi the' },
      { type: 'response.text.delta', responseId: 'r1', delta: ', Marcelo' },
      { type: 'input.transcript.done', itemId: 'u1', text: 'Hi there.' },
    ]);
    expect(all(s).map((e) => [e.role, e.text, e.partial])).toEqual([
      ['user', 'Hi there.', false],
      ['assistant', 'Hello, Marcelo', true],
    ]);
    const done = run([{ type: 'response.done', responseId: 'r1', status: 'completed' }], s);
    // generated, not yet heard: an interruption can still mark it
    expect(done.transcript.map((e) => e.text)).toEqual(['Hello, Marcelo']);
    const heard = run([{ type: 'playback.finished', responseId: 'r1' }], done);
    expect(heard.transcript).toEqual([]);
    expect(heard.settled.map((e) => e.text)).toEqual(['Hi there.', 'Hello, Marcelo']);
  });

  it('marks a reply interrupted after its text and response were done, before it was printed', () => {
    const s = run([
      { type: 'response.text.delta', responseId: 'r1', delta: 'abcdefghij' },
      { type: 'response.text.done', responseId: 'r1', text: 'abcdefghij' },
      { type: 'response.done', responseId: 'r1', status: 'completed' },
      { type: 'interrupted', responseId: 'r1', heardMs: 500, receivedMs: 1000, cause: 'user-speech' },
      { type: 'playback.finished', responseId: 'r1' },
    ]);
    expect(s.transcript).toEqual([]);
    expect(s.settled).toHaveLength(1);
    expect(s.settled[0]?.heardFraction).toBeCloseTo(0.5);
  });

  it('prints a reply once when its final text comes again after it was printed (OpenAI: transcript.done, then output_item.done)', () => {
    const s = run([
      { type: 'response.text.delta', responseId: 'r1', delta: 'Hello, Marcelo!' },
      { type: 'response.text.done', responseId: 'r1', text: 'Hello, Marcelo!' },
      { type: 'response.done', responseId: 'r1', status: 'completed' },
      { type: 'playback.finished', responseId: 'r1' },
      { type: 'response.text.done', responseId: 'r1', text: 'Hello, Marcelo!' },
    ]);
    expect(all(s).map((e) => e.text)).toEqual(['Hello, Marcelo!']);
  });

  it('marks an interrupted reply with the share that was heard', () => {
    const s = run([
      { type: 'response.text.delta', responseId: 'r1', delta: 'abcdefghij' },
      { type: 'interrupted', responseId: 'r1', heardMs: 300, receivedMs: 1000, cause: 'user-speech' },
    ]);
    expect(all(s)[0]?.heardFraction).toBeCloseTo(0.3);
  });

  it.each<[ControllerEvent, (s: ConversationState) => boolean]>([
    [{ type: 'status', status: 'reconnecting', attempt: 2 }, (s: ConversationState) => s.connection.attempt === 2],
    [{ type: 'turn', state: 'thinking' }, (s: ConversationState) => s.turn === 'thinking'],
    [{ type: 'mic', muted: true, recording: false }, (s: ConversationState) => s.muted],
    [
      { type: 'error', error: { code: 'x', message: 'boom', fatal: false } },
      (s: ConversationState) => all(s)[0]?.text === '[x] boom',
    ],
    [
      {
        type: 'tool.finished',
        call: {
          callId: 'c',
          modelName: 'get_current_time',
          source: 'builtin',
          toolName: 'get_current_time',
          arguments: '{}',
        },
        outcome: 'ok',
        output: '{}',
        durationMs: 1,
        sentToModel: true,
      },
      (s: ConversationState) => all(s)[0]?.role === 'tool' && all(s)[0]?.text === 'get_current_time({}) → {}',
    ],
  ])('applies %j', (event, check) => {
    expect(check(run([event]))).toBe(true);
  });

  it('leaves levels to the MeterBoard: a level event never changes the App state (no re-render)', () => {
    const s = run([{ type: 'status', status: 'connected' }]);
    const same = reduce(s, {
      type: 'event',
      event: { type: 'levels', input: { rmsDb: -20.3, peakDb: -10 }, output: { rmsDb: -100, peakDb: -100 } },
      atMs: 20,
    });
    expect(same).toBe(s);
  });

  it('typing mode edits a draft and leaves it on send', () => {
    let s = reduce(initialState(info, 0), { type: 'typing.start' });
    s = reduce(s, { type: 'typing.draft', text: 'hey' });
    expect(s.draft).toBe('hey');
    s = run([{ type: 'user.text', text: 'hey' }], s);
    expect(s.typing).toBe(false);
    expect(all(s)[0]).toMatchObject({ role: 'user', text: 'hey' });
  });

  it('a streaming or awaited entry holds back the ones after it, so scrollback keeps speaking order', () => {
    const s = run([
      { type: 'input.speech_started', itemId: 'u1' },
      { type: 'response.text.delta', responseId: 'r1', delta: 'Sure.' },
      { type: 'response.text.done', responseId: 'r1', text: 'Sure.' },
    ]);
    expect(s.settled).toEqual([]);
    const later = run(
      [
        { type: 'input.transcript.done', itemId: 'u1', text: 'Can you help?' },
        { type: 'playback.finished', responseId: 'r1' },
      ],
      s,
    );
    expect(later.settled.map((e) => e.text)).toEqual(['Can you help?', 'Sure.']);
  });

  it('a user turn that never got a transcript is dropped when the reply completes', () => {
    const s = run([
      { type: 'input.speech_started', itemId: 'u1' },
      { type: 'response.text.delta', responseId: 'r1', delta: 'Hello!' },
      { type: 'response.done', responseId: 'r1', status: 'completed' },
      { type: 'playback.finished', responseId: 'r1' },
    ]);
    expect(s.settled.map((e) => [e.role, e.text])).toEqual([['assistant', 'Hello!']]);
    expect(s.transcript).toEqual([]);
  });
});

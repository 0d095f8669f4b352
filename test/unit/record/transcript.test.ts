import { describe, expect, it } from 'vitest';
import type { ControllerEvent } from '../../../src/core/controller-events.js';
import { formatEventLine, parseEventLines, type EventLine } from '../../../src/record/event-line.js';
import { formatReplay } from '../../../src/record/replay-format.js';
import { renderTranscriptMd } from '../../../src/record/transcript-md.js';
import { OPENAI_REALTIME_PRICES } from '../../../src/providers/openai-ga/prices.js';
import { buildTranscript, heardPrefix } from '../../../src/record/transcript-model.js';
import { registerSecret } from '../../../src/core/secrets.js';

const at = (tMs: number, event: ControllerEvent): EventLine => ({ tMs, event });

const conversation: EventLine[] = [
  at(100, { type: 'input.speech_started', itemId: 'u1' }),
  at(900, { type: 'input.speech_stopped', itemId: 'u1' }),
  at(1000, { type: 'response.started', responseId: 'r1' }),
  at(1100, { type: 'response.text.delta', responseId: 'r1', delta: 'Hello there, ' }),
  at(1200, { type: 'input.transcript.done', itemId: 'u1', text: 'Hi!' }),
  at(1300, {
    type: 'latency',
    turn: { firstAudioMs: 300, firstPlayedMs: 420 },
    summary: { turns: 1, p50Ms: 420, p95Ms: 420, last: undefined },
  }),
  at(1400, { type: 'response.text.done', responseId: 'r1', text: 'Hello there, how can I help?' }),
  at(2000, { type: 'response.done', responseId: 'r1', status: 'completed' }),
  at(3000, { type: 'user.text', text: 'Tell me a long story' }),
  at(3100, { type: 'response.started', responseId: 'r2' }),
  at(3200, { type: 'response.text.delta', responseId: 'r2', delta: 'Once upon a time there was a fox who' }),
  at(4000, { type: 'interrupted', responseId: 'r2', heardMs: 500, receivedMs: 1000, cause: 'user-speech' }),
  at(4050, { type: 'response.done', responseId: 'r2', status: 'cancelled' }),
  at(5000, { type: 'response.started', responseId: 'r3' }),
  at(5100, { type: 'tool.call', responseId: 'r3', callId: 'c1', name: 'get_time', arguments: '{"tz":"Asia/Tokyo"}' }),
  at(5105, {
    type: 'tool.decided',
    call: {
      callId: 'c1',
      modelName: 'get_time',
      source: 'clock',
      toolName: 'get_time',
      arguments: '{"tz":"Asia/Tokyo"}',
    },
    decision: 'run',
    reason: 'allow-list',
  }),
  at(5110, {
    type: 'tool.finished',
    call: {
      callId: 'c1',
      modelName: 'get_time',
      source: 'clock',
      toolName: 'get_time',
      arguments: '{"tz":"Asia/Tokyo"}',
    },
    outcome: 'ok',
    output: '10:00',
    durationMs: 5,
    sentToModel: true,
  }),
  at(5200, { type: 'response.done', responseId: 'r3', status: 'completed' }),
  at(6000, { type: 'response.started', responseId: 'r4' }),
  at(6100, { type: 'response.text.delta', responseId: 'r4', delta: 'It is ten' }),
];

describe('TranscriptBuilder', () => {
  it('folds events into ordered user, assistant and tool turns with latency and what was heard', () => {
    const t = buildTranscript(conversation);
    expect(t.turns.map((x) => x.kind)).toEqual(['user', 'assistant', 'user', 'assistant', 'tool']);
    expect(t.turns[0]).toMatchObject({ kind: 'user', tMs: 100, text: 'Hi!', via: 'speech' });
    expect(t.turns[1]).toMatchObject({
      kind: 'assistant',
      text: 'Hello there, how can I help?',
      latency: { firstPlayedMs: 420 },
    });
    expect(t.turns[3]).toMatchObject({
      kind: 'assistant',
      status: 'cancelled',
      interrupted: { heardMs: 500, heardText: 'Once upon a time' },
    });
    expect(t.turns[4]).toMatchObject({
      kind: 'tool',
      name: 'clock/get_time',
      output: '10:00',
      arguments: '{"tz":"Asia/Tokyo"}',
      ok: true,
      outcome: 'ok',
      decision: 'on the allow list',
    });
    expect(t.openReplies).toEqual([{ responseId: 'r4', tMs: 6000, text: 'It is ten' }]);
  });

  it('survives events with wrong field types (a foreign or damaged file)', () => {
    const junk = [
      { tMs: 1, event: { type: 'response.text.delta', responseId: 'x', delta: 42 } },
      { tMs: 2, event: { type: 'interrupted', responseId: 'x', heardMs: 'a', receivedMs: null } },
      { tMs: 3, event: { type: 'response.done', responseId: 'x', status: 'cancelled' } },
      { tMs: 4, event: { type: 'unknown.future.event' } },
    ] as unknown as EventLine[];
    expect(() => buildTranscript(junk)).not.toThrow();
  });

  it('heardPrefix cuts at a word boundary', () => {
    expect(heardPrefix('one two three four', 0.5)).toBe('one two');
    expect(heardPrefix('abc', 0)).toBe('');
    expect(heardPrefix('abc', 2)).toBe('abc');
  });
});

describe('event lines', () => {
  it('round-trip, drop nothing but bad lines, and never carry a registered secret', () => {
    registerSecret('sk-test-RECORDING-SECRET-42');
    const lines = [
      '{"recording":{"version":1,"startedAt":"2026-01-01T00:00:00.000Z","sampleRate":24000,"inputSampleRate":24000}}\n',
      formatEventLine({ type: 'error', error: { message: 'bad key sk-test-RECORDING-SECRET-42', fatal: true } }, 12.4),
      formatEventLine({ type: 'notice', message: 'hi' }, 20),
      '{"tMs":30,"eve',
    ].join('');
    expect(lines).not.toContain('RECORDING-SECRET');
    const parsed = parseEventLines(lines);
    expect(parsed.header?.sampleRate).toBe(24000);
    expect(parsed.events.map((e) => e.tMs)).toEqual([12, 20]);
    expect(parsed.skipped).toBe(1);
  });
});

describe('renderers', () => {
  it('transcript.md has every completed turn, typed/interrupted marks, latency, escaped text', () => {
    const t = buildTranscript([...conversation, at(7000, { type: 'user.text', text: '# not a heading *really*' })]);
    const md = renderTranscriptMd({ startedAt: '2026-01-01T00:00:00.000Z', turns: t.turns });
    expect(md).toContain('**You** (00:00.1): Hi!');
    expect(md).toContain('**Assistant** (00:01.0, latency 420 ms): Hello there, how can I help?');
    expect(md).toContain('*interrupted: heard 500 ms of 1.0 s received — about “Once upon a time…”*');
    expect(md).toContain('**Tool** (00:05.1, on the allow list): `clock/get_time({"tz":"Asia/Tokyo"})` → `10:00`');
    expect(md).toContain('**You** (00:07.0, typed): \\# not a heading \\*really\\*');
  });

  it("transcript.md shows each reply's tokens, its cost when the model is priced, and the session total", () => {
    const usage = { inputTokens: 41, outputTokens: 37, totalTokens: 78, inputAudioTokens: 27, outputAudioTokens: 24 };
    const lines = [
      at(1000, { type: 'response.started', responseId: 'u1' }),
      at(1100, { type: 'response.text.done', responseId: 'u1', text: 'Priced reply.' }),
      at(1200, { type: 'response.done', responseId: 'u1', status: 'completed', usage }),
    ];
    const turns = buildTranscript(lines).turns;
    const price = OPENAI_REALTIME_PRICES['gpt-realtime-2'];
    const priced = renderTranscriptMd({ startedAt: undefined, turns, model: 'gpt-realtime-2', price });
    expect(priced).toContain('**Assistant** (00:01.0, 78 tok $0.003): Priced reply.');
    expect(priced).toMatch(
      /usage: 1 reply, tokens 41 in \(27 audio, 0 cached\), 37 out \(24 audio\); estimated \$0\.003/,
    );
    const unpriced = renderTranscriptMd({ startedAt: undefined, turns, model: 'gpt-realtime' });
    expect(unpriced).toContain('**Assistant** (00:01.0, 78 tok): Priced reply.');
    expect(unpriced).toContain('no price known for gpt-realtime');
  });

  it('a damaged usage report is ignored, not rendered as NaN', () => {
    const lines = [
      { tMs: 1000, event: { type: 'response.started', responseId: 'u1' } },
      { tMs: 1100, event: { type: 'response.text.done', responseId: 'u1', text: 'x' } },
      {
        tMs: 1200,
        event: { type: 'response.done', responseId: 'u1', status: 'completed', usage: { inputTokens: 'many' } },
      },
    ] as unknown as EventLine[];
    const md = renderTranscriptMd({ startedAt: undefined, turns: buildTranscript(lines).turns });
    expect(md).toContain('x');
    expect(md).not.toMatch(/NaN|tok|usage:/);
  });

  it('replay text lists turns with timings', () => {
    const t = buildTranscript(conversation);
    const text = formatReplay({
      startedAt: undefined,
      durationMs: 6100,
      turns: t.turns,
      open: t.openReplies,
      skippedLines: 0,
    });
    expect(text).toContain('recording: 6.1 s, 5 turns');
    expect(text).toContain(
      '[00:01.0] assistant (first audio played after 420 ms, took 1.0 s): Hello there, how can I help?',
    );
    expect(text).toContain('[interrupted: heard 500 ms of 1.0 s — "Once upon a time…"]');
    expect(text).toContain('[00:06.0] assistant (unfinished): It is ten');
  });
});

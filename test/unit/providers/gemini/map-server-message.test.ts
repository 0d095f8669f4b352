import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../../src/core/events.js';
import { mapServerMessage, type ServerSignal } from '../../../../src/providers/gemini/map-server-message.js';
import { initialTurnState, type TurnState } from '../../../../src/providers/gemini/turn-state.js';
import { loadBidiTrace, type TraceLine } from '../../../support/traces.js';
import {
  GEMINI_BARGE_IN_TRACE,
  GEMINI_TOOL_TRACE,
  VERTEX_TEXT_TRACE,
  outputAudioBytes,
  outputTranscript,
} from './support/gemini-traces.js';

function replay(
  lines: readonly TraceLine[],
  dropAudio = false,
): { events: SessionEvent[]; signals: ServerSignal[]; state: TurnState } {
  let state = initialTurnState();
  const events: SessionEvent[] = [];
  const signals: ServerSignal[] = [];
  for (const line of lines) {
    if (line.dir !== 's2c') continue;
    const mapped = mapServerMessage(state, line.event, { dropAudio });
    state = mapped.state;
    events.push(...mapped.events);
    signals.push(...mapped.signals);
  }
  return { events, signals, state };
}

const of = <T extends SessionEvent['type']>(events: SessionEvent[], type: T): Extract<SessionEvent, { type: T }>[] =>
  events.filter((e): e is Extract<SessionEvent, { type: T }> => e.type === type);
const textOf = (events: SessionEvent[], responseId?: string): string =>
  of(events, 'response.text.delta')
    .filter((e) => responseId === undefined || e.responseId === responseId)
    .map((e) => e.delta)
    .join('');
const audioBytes = (events: SessionEvent[], responseId?: string): number =>
  of(events, 'response.audio')
    .filter((e) => responseId === undefined || e.responseId === responseId)
    .reduce((n, e) => n + e.pcm.length * 2, 0);

describe('Gemini 3.1 trace: tool call, resumption handle, audio answer', () => {
  const trace = loadBidiTrace(GEMINI_TOOL_TRACE);
  const { events, signals } = replay(trace);

  it('ends the calling response at the toolCall and answers in a second one', () => {
    expect(events.map((e) => e.type).filter((t) => t !== 'response.audio' && t !== 'response.text.delta')).toEqual([
      'response.started',
      'tool.call',
      'response.done',
      'response.started',
      'response.audio.done',
      'response.text.done',
      'response.done',
    ]);
    expect(of(events, 'tool.call')[0]).toEqual({
      type: 'tool.call',
      responseId: 'gemini-response-1',
      callId: 'fc_3880303533621599938',
      name: 'get_weather',
      arguments: '{"city":"London"}',
    });
  });

  it('reply text is the output transcription; all audio passes; usage is read', () => {
    expect(textOf(events)).toBe(outputTranscript(trace));
    expect(audioBytes(events, 'gemini-response-2')).toBe(outputAudioBytes(trace));
    expect(of(events, 'response.done')[1]).toMatchObject({
      status: 'completed',
      usage: { inputTokens: 482, outputTokens: 69, totalTokens: 551, outputAudioTokens: 57 },
    });
  });

  it('reports setupComplete and the resumption handle', () => {
    expect(signals).toContainEqual({ kind: 'setupComplete', sessionId: undefined });
    expect(signals).toContainEqual({
      kind: 'resumption',
      handle: '95e91930-b35b-482b-8880-17efc49ec2f2',
      resumable: true,
    });
  });

  it('text-only output drops the audio but keeps the transcript', () => {
    const textOnly = replay(trace, true).events;
    expect(audioBytes(textOnly)).toBe(0);
    expect(textOf(textOnly)).toBe('It is foggy and 12 degrees in London.');
  });
});

describe('Gemini 2.5 barge-in trace', () => {
  const trace = loadBidiTrace(GEMINI_BARGE_IN_TRACE);
  const { events } = replay(trace);

  it('the first reply is interrupted after generationComplete and ends cancelled; the second completes', () => {
    const summary = events
      .filter((e) =>
        ['response.started', 'response.audio.done', 'response.interrupted', 'response.done'].includes(e.type),
      )
      .map(
        (e) => `${e.type}:${'responseId' in e ? e.responseId : ''}${e.type === 'response.done' ? `:${e.status}` : ''}`,
      );
    expect(summary).toEqual([
      'response.started:gemini-response-1',
      'response.audio.done:gemini-response-1',
      'response.interrupted:gemini-response-1',
      'response.done:gemini-response-1:cancelled',
      'response.started:gemini-response-2',
      'response.audio.done:gemini-response-2',
      'response.done:gemini-response-2:completed',
    ]);
  });

  it('never passes thought text; input transcripts are per user turn, trimmed', () => {
    expect(JSON.stringify(events)).not.toContain('Acknowledg');
    expect(textOf(events, 'gemini-response-1')).toBe("Hello Marcelo, it's nice to meet you. How can I help you today?");
    expect(textOf(events, 'gemini-response-2')).toBe('Hello again, Marcelo.');
    expect(of(events, 'input.transcript.done').map((e) => [e.itemId, e.text])).toEqual([
      ['gemini-input-1', 'Hello, my name is Marcelo.'],
      ['gemini-input-2', 'Hello, my name is Marcelo.'],
    ]);
    expect(of(events, 'input.speech_started')).toEqual([]);
  });

  it('drops the rest of an interrupted turn', () => {
    const interrupted = { serverContent: { interrupted: true } };
    const audio = {
      serverContent: { modelTurn: { parts: [{ inlineData: { mimeType: 'audio/pcm;rate=24000', data: 'AAAAAA==' } }] } },
    };
    const transcript = { serverContent: { outputTranscription: { text: ' more' } } };
    const lines: TraceLine[] = [audio, interrupted, audio, transcript, { serverContent: { turnComplete: true } }].map(
      (event) => ({
        dir: 's2c',
        event,
      }),
    );
    const out = replay(lines).events;
    expect(of(out, 'response.audio')).toHaveLength(1);
    expect(textOf(out)).toBe('');
    expect(of(out, 'response.done')[0]?.status).toBe('cancelled');
  });

  it('an interrupted after turnComplete still flushes the last reply, once', () => {
    const lines: TraceLine[] = [
      { serverContent: { outputTranscription: { text: 'Hi' } } },
      { serverContent: { turnComplete: true } },
      { serverContent: { interrupted: true } },
      { serverContent: { interrupted: true } },
    ].map((event) => ({ dir: 's2c', event }));
    expect(of(replay(lines).events, 'response.interrupted')).toEqual([
      { type: 'response.interrupted', responseId: 'gemini-response-1' },
    ]);
  });
});

describe('Vertex trace: sessionId, rate-less audio/pcm, finished marker, candidates usage', () => {
  const trace = loadBidiTrace(VERTEX_TEXT_TRACE);
  const { events, signals } = replay(trace);

  it('maps every field', () => {
    expect(signals[0]).toEqual({ kind: 'setupComplete', sessionId: '59181e20-0903-43d9-901a-e08c2ece07e3' });
    expect(textOf(events)).toBe('Hello there!');
    expect(audioBytes(events)).toBe(outputAudioBytes(trace));
    expect(of(events, 'response.done')).toEqual([
      {
        type: 'response.done',
        responseId: 'gemini-response-1',
        status: 'completed',
        usage: { inputTokens: 16, outputTokens: 28, totalTokens: 44, outputAudioTokens: 25 },
      },
    ]);
  });
});

describe('other server messages', () => {
  const map = (event: Record<string, unknown>) => mapServerMessage(initialTurnState(), event, { dropAudio: false });

  it('goAway -> session.expiring with the time left', () => {
    const out = map({ goAway: { timeLeft: '50s' } });
    expect(out.events).toEqual([{ type: 'session.expiring', timeLeftMs: 50_000 }]);
    expect(out.signals).toEqual([{ kind: 'goAway', timeLeftMs: 50_000 }]);
  });

  it('toolCallCancellation -> tool.cancelled', () => {
    expect(map({ toolCallCancellation: { ids: ['a', 'b'] } }).events).toEqual([
      { type: 'tool.cancelled', callIds: ['a', 'b'] },
    ]);
  });

  it('empty serverContent and unknown keys produce no events', () => {
    expect(map({ serverContent: {} }).events).toEqual([]);
    const unknown = map({ somethingNew: {} });
    expect(unknown.events).toEqual([]);
    expect(unknown.signals).toEqual([{ kind: 'skipped', what: 'unknown message key somethingNew' }]);
  });

  it('an unresumable update carries no handle', () => {
    expect(map({ sessionResumptionUpdate: { newHandle: '', resumable: false } }).signals).toEqual([
      { kind: 'resumption', handle: undefined, resumable: false },
    ]);
  });

  it('text parts answer when there is no transcript (TEXT models); non-PCM inline data is skipped', () => {
    const out = map({
      serverContent: {
        modelTurn: { parts: [{ text: 'Hi' }, { inlineData: { mimeType: 'image/png', data: 'AA==' } }] },
      },
    });
    expect(textOf(out.events)).toBe('Hi');
    expect(of(out.events, 'response.audio')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../../src/core/events.js';
import {
  mapServerEvent,
  type MappedServerEvent,
  type ServerSignal,
} from '../../../../src/providers/openai-ga/map-server-event.js';
import type { WireEvent } from '../../../../src/providers/openai-ga/protocol.js';
import { loadBidiTrace, type TraceLine } from '../../../support/traces.js';

const GA_AUDIO = 'openai-ga__audio-in-server-vad__input-transcription__full-audio-response';
const GA_BARGE_IN = 'openai-ga__barge-in__speech-started__truncate__response-cancelled-turn_detected';
const GA_ERROR = 'openai-ga__error-invalid_value__then-text-response';
const BETA_TEXT = 'openai-beta__text-in__audio-out__full-response';
const AZURE_GA = 'azure-openai-ga__audio-in__transcription__function-call__audio-answer';
const VOICE_LIVE = 'azure-voicelive__audio-in-server-vad__transcription__audio-response';

const serverEvents = (lines: readonly TraceLine[]): WireEvent[] =>
  lines.filter((l) => l.dir === 's2c').map((l) => l.event as WireEvent);

function replay(name: string): { wire: WireEvent[]; events: SessionEvent[]; signals: ServerSignal[] } {
  const wire = serverEvents(loadBidiTrace(name));
  const mapped = wire.map((e) => mapServerEvent(e));
  return { wire, events: mapped.flatMap((m) => m.events), signals: mapped.flatMap((m) => m.signals) };
}

const of = <T extends SessionEvent['type']>(events: SessionEvent[], type: T): Extract<SessionEvent, { type: T }>[] =>
  events.filter((e): e is Extract<SessionEvent, { type: T }> => e.type === type);
/** What the wire says, read independently of the mapper. */
const wireOf = (wire: WireEvent[], ...types: string[]): WireEvent[] => wire.filter((e) => types.includes(e.type));
const wireAudioBytes = (wire: WireEvent[]): number =>
  wireOf(wire, 'response.output_audio.delta', 'response.audio.delta').reduce(
    (n, e) => n + (Buffer.from(e['delta'] as string, 'base64').length & ~1),
    0,
  );
const wireResponseIds = (wire: WireEvent[]): string[] =>
  wireOf(wire, 'response.created').map((e) => (e['response'] as { id: string }).id);
const noMalformed = (signals: ServerSignal[]): ServerSignal[] => signals.filter((s) => s.kind === 'malformed');

describe('every OpenAI-style trace maps without a malformed frame', () => {
  it.each([GA_AUDIO, GA_BARGE_IN, GA_ERROR, BETA_TEXT, AZURE_GA, VOICE_LIVE])('%s', (name) => {
    const { wire, events, signals } = replay(name);
    expect(noMalformed(signals)).toEqual([]);
    // every response the wire opened is started and finished, with the wire's id
    expect(of(events, 'response.started').map((e) => e.responseId)).toEqual(wireResponseIds(wire));
    expect(of(events, 'response.done').map((e) => e.responseId)).toEqual(wireResponseIds(wire));
    // all audio passes, decoded, under a real response id
    const audio = of(events, 'response.audio');
    expect(audio.reduce((n, e) => n + e.pcm.length * 2, 0)).toBe(wireAudioBytes(wire));
    for (const e of audio) expect(wireResponseIds(wire)).toContain(e.responseId);
    // no id anywhere is invented
    for (const e of events) {
      if ('responseId' in e) expect(e.responseId).not.toBe('');
      if ('itemId' in e && e.itemId !== undefined) expect(e.itemId).not.toBe('');
    }
  });
});

describe('OpenAI GA trace: server VAD, input transcription, full audio reply', () => {
  const { wire, events, signals } = replay(GA_AUDIO);

  it('yields the turn in order', () => {
    const order = events.map((e) => e.type).filter((t) => !t.endsWith('.delta') && t !== 'response.audio');
    expect(order).toEqual([
      'input.speech_started',
      'input.speech_stopped',
      'input.committed',
      'response.started',
      'input.transcript.done',
      'response.audio.done',
      'response.text.done',
      // the finished message item repeats the transcript (the only text some services send)
      'response.text.done',
      'response.done',
    ]);
  });

  it('a finished message item yields its text, keyed by the item, equal to the transcript', () => {
    const item = wireOf(wire, 'response.output_item.done')[0]!['item'] as Record<string, unknown>;
    const done = of(events, 'response.text.done');
    expect(done).toHaveLength(2);
    expect(done[1]).toMatchObject({ itemId: item['id'], text: done[0]!.text });
    expect(done[1]!.text).not.toBe('');
  });

  it('the user transcript and the reply transcript are the wire text', () => {
    const transcript = wireOf(wire, 'conversation.item.input_audio_transcription.completed')[0]!;
    expect(of(events, 'input.transcript.done')).toEqual([
      { type: 'input.transcript.done', itemId: transcript['item_id'], text: transcript['transcript'] },
    ]);
    const replyDeltas = wireOf(wire, 'response.output_audio_transcript.delta').map((e) => e['delta'] as string);
    expect(
      of(events, 'response.text.delta')
        .map((e) => e.delta)
        .join(''),
    ).toBe(replyDeltas.join(''));
  });

  it('reads session.created and usage', () => {
    expect(signals.find((s) => s.kind === 'session.created')).toMatchObject({ kind: 'session.created', shape: 'ga' });
    const done = of(events, 'response.done')[0]!;
    expect(done.status).toBe('completed');
    expect(done.usage?.totalTokens).toBeGreaterThan(0);
    expect(done.usage?.outputAudioTokens).toBeGreaterThan(0);
  });

  it('tracks audio items for truncation, one signal per audio delta', () => {
    const items = signals.filter((s) => s.kind === 'audio.item');
    expect(items).toHaveLength(wireOf(wire, 'response.output_audio.delta').length);
  });
});

describe('OpenAI GA barge-in trace', () => {
  const { events } = replay(GA_BARGE_IN);
  it('the cut-off response ends cancelled with the turn_detected reason; the next completes', () => {
    expect(of(events, 'response.done').map((e) => [e.status, e.reason])).toEqual([
      ['cancelled', 'turn_detected'],
      ['completed', undefined],
    ]);
  });
});

describe('Azure GA trace: a function call', () => {
  const { wire, events } = replay(AZURE_GA);
  it('maps the call with its response, call id, name and arguments', () => {
    const call = wireOf(wire, 'response.function_call_arguments.done')[0]!;
    expect(of(events, 'tool.call')).toEqual([
      {
        type: 'tool.call',
        responseId: call['response_id'],
        callId: 'call_42LHxWvnwPP9TAch',
        name: 'remember_name',
        arguments: call['arguments'],
      },
    ]);
  });
});

describe('beta trace: beta event names are normalised', () => {
  const { events, signals } = replay(BETA_TEXT);
  it('audio, transcript and done arrive as the GA names would', () => {
    expect(signals.find((s) => s.kind === 'session.created')).toMatchObject({ shape: 'beta' });
    expect(of(events, 'response.audio').length).toBeGreaterThan(0);
    expect(of(events, 'response.audio.done')).toHaveLength(1);
    expect(of(events, 'response.text.done')[0]!.text).not.toBe('');
  });
});

describe('error events', () => {
  it('the trace invalid_value is reported, not fatal, with its param', () => {
    const { events, signals } = replay(GA_ERROR);
    expect(of(events, 'error')).toEqual([
      {
        type: 'error',
        error: {
          code: 'invalid_value',
          message: "Invalid value: 'text'. Value must be 'output_text'.",
          param: 'item.content[0].type',
          fatal: false,
        },
      },
    ]);
    expect(signals).toContainEqual(expect.objectContaining({ kind: 'error', errorType: 'invalid_request_error' }));
  });

  const error = (code: string): SessionEvent =>
    mapServerEvent({ type: 'error', error: { type: 'invalid_request_error', code, message: 'm' } }).events[0]!;

  it.each([
    // code, fatal, retryable (marked here so core never reads a vendor code)
    ['session_expired', true, true],
    ['invalid_api_key', true, undefined],
    ['insufficient_quota', true, undefined],
    ['invalid_value', false, undefined],
  ] as const)('%s: fatal %s, retryable %s', (code, fatal, retryable) => {
    const e = error(code);
    expect(e.type === 'error' && e.error.fatal).toBe(fatal);
    expect(e.type === 'error' ? e.error.retryable : 'not an error').toBe(retryable);
  });

  it('a retryable error keeps exit code 1 for a run that cannot reconnect', () => {
    expect(error('session_expired')).toMatchObject({ error: { exitCode: 1 } });
  });
});

describe('an event without the id it needs is a malformed frame, never an invented id', () => {
  const AUDIO = Buffer.from(new Int16Array([1, 2]).buffer).toString('base64');
  it.each<[string, WireEvent, string]>([
    ['transcript delta', { type: 'conversation.item.input_audio_transcription.delta', delta: 'hi' }, 'item_id'],
    ['transcript done', { type: 'conversation.item.input_audio_transcription.completed', transcript: 'hi' }, 'item_id'],
    ['response.created', { type: 'response.created', response: { status: 'in_progress' } }, 'response.id'],
    ['audio delta', { type: 'response.output_audio.delta', item_id: 'i', delta: AUDIO }, 'response_id'],
    ['beta audio delta', { type: 'response.audio.delta', item_id: 'i', delta: AUDIO }, 'response_id'],
    ['audio done', { type: 'response.output_audio.done', item_id: 'i' }, 'response_id'],
    ['text delta', { type: 'response.output_text.delta', delta: 'x' }, 'response_id'],
    ['transcript delta (reply)', { type: 'response.output_audio_transcript.delta', delta: 'x' }, 'response_id'],
    ['text done', { type: 'response.output_text.done', text: 'x' }, 'response_id'],
    ['transcript done (reply)', { type: 'response.output_audio_transcript.done', transcript: 'x' }, 'response_id'],
    [
      'tool call without response',
      { type: 'response.function_call_arguments.done', call_id: 'c', name: 'n', arguments: '{}' },
      'response_id',
    ],
    [
      'tool call without call id',
      { type: 'response.function_call_arguments.done', response_id: 'r', name: 'n', arguments: '{}' },
      'call_id',
    ],
    [
      'tool call without name',
      { type: 'response.function_call_arguments.done', response_id: 'r', call_id: 'c', arguments: '{}' },
      'name',
    ],
    ['response.done', { type: 'response.done', response: { status: 'completed' } }, 'response.id'],
    ['wrong type of id', { type: 'response.output_text.delta', response_id: 7, delta: 'x' }, 'response_id'],
  ])('%s', (_name, event, missing) => {
    const mapped: MappedServerEvent = mapServerEvent(event);
    expect(mapped).toEqual({ events: [], signals: [{ kind: 'malformed', type: event.type, missing }] });
  });

  it('the same events with their ids map normally', () => {
    expect(
      mapServerEvent({ type: 'response.output_text.delta', response_id: 'r', item_id: 'i', delta: 'x' }).events,
    ).toEqual([{ type: 'response.text.delta', responseId: 'r', itemId: 'i', delta: 'x' }]);
  });
});

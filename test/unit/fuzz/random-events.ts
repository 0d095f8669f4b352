import type { ControllerEvent } from '../../../src/core/controller-events.js';
import type { SessionEvent } from '../../../src/core/events.js';
import type { Rng } from './prng.js';

const RESPONSES = ['r1', 'r2', 'r3', ''];
const ITEMS = ['i1', 'i2', ''];
const CALLS = ['c1', 'c2'];
const TEXTS = ['', 'hello', ' world', '# heading', 'ünïcödé 🙂', 'x'.repeat(500), '\n\n', '`code`'];

/** A random, well-typed session event over a small pool of ids (so sequences interact). */
export function randomSessionEvent(rng: Rng): SessionEvent {
  const responseId = rng.pick(RESPONSES);
  const itemId = rng.pick(ITEMS);
  switch (rng.int(19)) {
    case 0:
      return {
        type: 'status',
        status: rng.pick(['connecting', 'connected', 'reconnecting', 'closed', 'error'] as const),
        attempt: rng.int(4),
      };
    case 1:
      return { type: 'session.ready', sessionId: 's', expiresAtMs: rng.pick([undefined, 0, Date.now() + 1000]) };
    case 2:
      return { type: 'input.speech_started', itemId };
    case 3:
      return { type: 'input.speech_stopped', itemId };
    case 4:
      return { type: 'input.committed', itemId };
    case 5:
      return { type: 'input.transcript.delta', itemId, delta: rng.pick(TEXTS) };
    case 6:
      return { type: 'input.transcript.done', itemId, text: rng.pick(TEXTS) };
    case 7:
      return { type: 'response.started', responseId };
    case 8:
      return { type: 'response.audio', responseId, itemId, pcm: new Int16Array(rng.pick([0, 1, 480, 4800])) };
    case 9:
      return { type: 'response.text.delta', responseId, delta: rng.pick(TEXTS) };
    case 10:
      return { type: 'response.text.done', responseId, text: rng.pick(TEXTS) };
    case 11:
      return { type: 'response.audio.done', responseId };
    case 12:
      return {
        type: 'response.done',
        responseId,
        status: rng.pick(['completed', 'cancelled', 'incomplete', 'failed'] as const),
      };
    case 13:
      return { type: 'response.interrupted', responseId };
    case 14:
      return {
        type: 'tool.call',
        responseId,
        callId: rng.pick(CALLS),
        name: rng.pick(['get_time', 'nope', '']),
        arguments: rng.pick(['{}', '{"tz":"Asia/Tokyo"}', 'not json', '']),
      };
    case 15:
      return { type: 'tool.cancelled', callIds: [rng.pick(CALLS)] };
    case 16:
      return { type: 'rate_limits', limits: [{ name: 'tokens', limit: 10, remaining: rng.int(10), resetSeconds: 1 }] };
    case 17:
      return { type: 'session.expiring', timeLeftMs: rng.int(10_000) };
    default:
      return {
        type: 'error',
        error: {
          message: rng.pick(TEXTS),
          fatal: rng.chance(0.2),
          retryable: rng.chance(0.5),
          code: rng.pick([undefined, 'x']),
        },
      };
  }
}

/** A random controller event: a session event (without audio) or one the controller derives. */
export function randomControllerEvent(rng: Rng): ControllerEvent {
  const responseId = rng.pick(RESPONSES);
  switch (rng.int(10)) {
    case 0:
      return {
        type: 'turn',
        state: rng.pick(['listening', 'user-speaking', 'thinking', 'assistant-speaking', 'interrupted'] as const),
      };
    case 1:
      return {
        type: 'levels',
        input: { rmsDb: -rng.int(100), peakDb: -rng.int(100) },
        output: { rmsDb: -rng.int(100), peakDb: -rng.int(100) },
      };
    case 2:
      return {
        type: 'latency',
        turn: { firstAudioMs: rng.int(2000), firstPlayedMs: rng.int(2000) },
        summary: { turns: 1, p50Ms: rng.int(900), p95Ms: undefined, last: undefined },
      };
    case 3:
      return {
        type: 'interrupted',
        responseId,
        heardMs: rng.int(3000),
        receivedMs: rng.int(3000),
        cause: 'user-speech',
      };
    case 4:
      return {
        type: 'tool.finished',
        call: {
          callId: rng.pick(CALLS),
          modelName: 'get_time',
          source: rng.pick(['builtin', 'fs']),
          toolName: 'get_time',
          arguments: rng.pick(TEXTS),
        },
        outcome: rng.pick(['ok', 'error', 'cancelled', 'refused'] as const),
        output: rng.pick(TEXTS),
        durationMs: rng.int(3000),
        sentToModel: rng.chance(0.8),
      };
    case 5:
      return { type: 'mic', muted: rng.chance(0.3), recording: rng.chance(0.5) };
    case 6:
      return { type: 'user.text', text: rng.pick(TEXTS) };
    case 7:
      return rng.chance(0.5)
        ? { type: 'notice', message: rng.pick(TEXTS) }
        : { type: 'engine.error', message: rng.pick(TEXTS), final: rng.chance(0.2), exitCode: 69 };
    case 8:
      return { type: 'playback.finished', responseId };
    default: {
      const event = randomSessionEvent(rng);
      return event.type === 'response.audio' ? { type: 'response.audio.done', responseId: event.responseId } : event;
    }
  }
}

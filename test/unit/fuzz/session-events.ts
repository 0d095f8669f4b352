import type { SessionEvent } from '../../../src/core/events.js';

const TYPES: ReadonlySet<string> = new Set<SessionEvent['type']>([
  'status',
  'session.ready',
  'input.speech_started',
  'input.speech_stopped',
  'input.committed',
  'input.transcript.delta',
  'input.transcript.done',
  'response.started',
  'response.audio',
  'response.text.delta',
  'response.text.done',
  'response.audio.done',
  'response.done',
  'response.interrupted',
  'tool.call',
  'tool.cancelled',
  'rate_limits',
  'session.expiring',
  'notice',
  'error',
]);

const isStr = (v: unknown): boolean => typeof v === 'string';

/** What is wrong with an event a session emitted from a mutated frame, or undefined. */
export function eventProblem(event: SessionEvent): string | undefined {
  if (!TYPES.has(event.type)) return `unknown event type ${String(event.type)}`;
  switch (event.type) {
    case 'response.audio':
      if (!(event.pcm instanceof Int16Array)) return 'audio without Int16Array pcm';
      return isStr(event.responseId) ? undefined : 'audio without a string responseId';
    case 'response.text.delta':
    case 'input.transcript.delta':
      return isStr(event.delta) ? undefined : `${event.type} delta is ${typeof event.delta}`;
    case 'response.text.done':
    case 'input.transcript.done':
      return isStr(event.text) ? undefined : `${event.type} text is ${typeof event.text}`;
    case 'response.started':
    case 'response.done':
    case 'response.audio.done':
    case 'response.interrupted':
      return isStr(event.responseId) ? undefined : `${event.type} responseId is ${typeof event.responseId}`;
    case 'tool.call':
      return isStr(event.callId) && isStr(event.name) && isStr(event.arguments)
        ? undefined
        : 'tool.call with non-string fields';
    case 'error':
      return isStr(event.error.message) ? undefined : 'error without a message';
    case 'notice':
      return isStr(event.message) ? undefined : 'notice without a message';
    case 'session.expiring':
      return Number.isFinite(event.timeLeftMs) ? undefined : 'session.expiring with a non-finite time';
    case 'status':
    case 'session.ready':
    case 'input.speech_started':
    case 'input.speech_stopped':
    case 'input.committed':
    case 'tool.cancelled':
    case 'rate_limits':
      return undefined;
  }
}

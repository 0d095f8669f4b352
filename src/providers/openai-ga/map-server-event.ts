import type { ResponseStatus, SessionEvent, Usage } from '../../core/events.js';
import { ExitCode } from '../../core/errors.js';
import { base64ToPcm16 } from '../../core/pcm-codec.js';
import {
  FATAL_ERROR_CODES,
  RETRYABLE_ERROR_CODES,
  arr,
  normaliseEventName,
  num,
  obj,
  str,
  type WireEvent,
} from './protocol.js';

/** What a server event tells the session adapter besides the neutral events it yields. */
export type ServerSignal =
  | { kind: 'session.created'; shape: 'ga' | 'beta'; sessionId?: string | undefined; expiresAtMs?: number | undefined }
  | { kind: 'session.updated' }
  | { kind: 'response.created'; responseId: string }
  | { kind: 'response.done'; responseId: string }
  | { kind: 'audio.item'; responseId: string; itemId: string; contentIndex: number; samples: number }
  | {
      kind: 'error';
      code: string | undefined;
      param: string | undefined;
      message: string;
      /** `invalid_request_error`, `server_error` … */
      errorType?: string | undefined;
    }
  | { kind: 'ignored'; type: string }
  /** The event lacks an id it cannot be used without: a malformed frame, reported as such. */
  | { kind: 'malformed'; type: string; missing: string };

export interface MappedServerEvent {
  events: SessionEvent[];
  signals: ServerSignal[];
}

function readUsage(raw: Record<string, unknown> | undefined): Usage | undefined {
  if (raw === undefined) return undefined;
  const inputDetails = obj(raw, 'input_token_details');
  const outputDetails = obj(raw, 'output_token_details');
  const usage: Usage = {
    inputTokens: num(raw, 'input_tokens') ?? 0,
    outputTokens: num(raw, 'output_tokens') ?? 0,
    totalTokens: num(raw, 'total_tokens') ?? 0,
  };
  const inputAudio = num(inputDetails, 'audio_tokens');
  const outputAudio = num(outputDetails, 'audio_tokens');
  const cached = num(inputDetails, 'cached_tokens');
  if (inputAudio !== undefined) usage.inputAudioTokens = inputAudio;
  if (outputAudio !== undefined) usage.outputAudioTokens = outputAudio;
  if (cached !== undefined) usage.cachedTokens = cached;
  const cachedAudio = num(obj(inputDetails, 'cached_tokens_details'), 'audio_tokens');
  if (cachedAudio !== undefined) usage.cachedAudioTokens = cachedAudio;
  return usage;
}

function readStatus(value: string | undefined): ResponseStatus {
  switch (value) {
    case 'completed':
    case 'cancelled':
    case 'incomplete':
    case 'failed':
      return value;
    case undefined:
    default:
      // an unknown or missing status is not a success
      return 'failed';
  }
}

/**
 * Pure translation of one OpenAI-style server event (GA names, or beta names normalised) into
 * neutral events. Deterministic: the same event always gives the same result.
 */
export function mapServerEvent(event: WireEvent): MappedServerEvent {
  const type = normaliseEventName(event.type);
  const one = (e: SessionEvent): MappedServerEvent => ({ events: [e], signals: [] });
  const none: MappedServerEvent = { events: [], signals: [{ kind: 'ignored', type: event.type }] };
  const malformed = (missing: string): MappedServerEvent => ({
    events: [],
    signals: [{ kind: 'malformed', type: event.type, missing }],
  });
  const itemId = str(event, 'item_id');
  const responseId = str(event, 'response_id');

  switch (type) {
    case 'session.created': {
      const session = obj(event, 'session');
      const expires = num(session, 'expires_at');
      const shape = str(session, 'type') === 'realtime' || obj(session, 'audio') !== undefined ? 'ga' : 'beta';
      return {
        events: [],
        signals: [
          {
            kind: 'session.created',
            shape,
            sessionId: str(session, 'id'),
            expiresAtMs: expires === undefined ? undefined : expires * 1000,
          },
        ],
      };
    }
    case 'session.updated':
      return { events: [], signals: [{ kind: 'session.updated' }] };
    case 'input_audio_buffer.speech_started':
      return one({ type: 'input.speech_started', itemId });
    case 'input_audio_buffer.speech_stopped':
      return one({ type: 'input.speech_stopped', itemId });
    case 'input_audio_buffer.committed':
      return one({ type: 'input.committed', itemId });
    case 'conversation.item.input_audio_transcription.delta': {
      if (itemId === undefined) return malformed('item_id');
      const delta = str(event, 'delta') ?? '';
      return delta === '' ? none : one({ type: 'input.transcript.delta', itemId, delta });
    }
    case 'conversation.item.input_audio_transcription.completed':
      if (itemId === undefined) return malformed('item_id');
      return one({ type: 'input.transcript.done', itemId, text: str(event, 'transcript') ?? '' });
    case 'conversation.item.input_audio_transcription.failed': {
      const error = obj(event, 'error');
      return one({
        type: 'error',
        error: {
          code: str(error, 'code') ?? 'transcription_failed',
          message: `Input transcription failed: ${str(error, 'message') ?? 'unknown reason'}`,
          fatal: false,
        },
      });
    }
    case 'response.created': {
      const id = str(obj(event, 'response'), 'id');
      if (id === undefined) return malformed('response.id');
      return {
        events: [{ type: 'response.started', responseId: id }],
        signals: [{ kind: 'response.created', responseId: id }],
      };
    }
    case 'response.output_audio.delta': {
      if (responseId === undefined) return malformed('response_id');
      const pcm = base64ToPcm16(str(event, 'delta') ?? '');
      return {
        events: pcm.length === 0 ? [] : [{ type: 'response.audio', responseId, itemId, pcm }],
        signals:
          itemId === undefined
            ? []
            : [
                {
                  kind: 'audio.item',
                  responseId,
                  itemId,
                  contentIndex: num(event, 'content_index') ?? 0,
                  samples: pcm.length,
                },
              ],
      };
    }
    case 'response.output_audio.done':
      if (responseId === undefined) return malformed('response_id');
      return one({ type: 'response.audio.done', responseId });
    case 'response.output_text.delta':
    case 'response.output_audio_transcript.delta': {
      if (responseId === undefined) return malformed('response_id');
      const delta = str(event, 'delta') ?? '';
      return delta === '' ? none : one({ type: 'response.text.delta', responseId, itemId, delta });
    }
    case 'response.output_text.done':
      if (responseId === undefined) return malformed('response_id');
      return one({ type: 'response.text.done', responseId, itemId, text: str(event, 'text') ?? '' });
    case 'response.output_audio_transcript.done':
      if (responseId === undefined) return malformed('response_id');
      return one({ type: 'response.text.done', responseId, itemId, text: str(event, 'transcript') ?? '' });
    case 'response.output_item.done': {
      // Some services send a reply's text only here, with no deltas and no *.done event of its
      // own: the finished message carries it. Consumers treat text.done as "set", so a repeat of
      // what a transcript.done already said changes nothing.
      const item = obj(event, 'item');
      if (str(item, 'type') !== 'message' || str(item, 'role') !== 'assistant') return none;
      const text = arr(item, 'content')
        .map((part) => {
          const record = part !== null && typeof part === 'object' ? (part as Record<string, unknown>) : undefined;
          return str(record, 'text') ?? str(record, 'transcript') ?? '';
        })
        .join('');
      if (text === '') return none;
      if (responseId === undefined) return malformed('response_id');
      const messageId = str(item, 'id');
      if (messageId === undefined) return malformed('item.id');
      return one({ type: 'response.text.done', responseId, itemId: messageId, text });
    }
    case 'response.function_call_arguments.done': {
      if (responseId === undefined) return malformed('response_id');
      const callId = str(event, 'call_id');
      if (callId === undefined) return malformed('call_id');
      const name = str(event, 'name');
      if (name === undefined) return malformed('name');
      return one({ type: 'tool.call', responseId, callId, name, arguments: str(event, 'arguments') ?? '' });
    }
    case 'response.done': {
      const response = obj(event, 'response');
      const id = str(response, 'id');
      if (id === undefined) return malformed('response.id');
      const details = obj(response, 'status_details');
      const status = readStatus(str(response, 'status'));
      const failure = obj(details, 'error');
      const reason = str(details, 'reason') ?? str(failure, 'code') ?? str(failure, 'message');
      return {
        events: [{ type: 'response.done', responseId: id, status, reason, usage: readUsage(obj(response, 'usage')) }],
        signals: [{ kind: 'response.done', responseId: id }],
      };
    }
    case 'rate_limits.updated':
      return one({
        type: 'rate_limits',
        limits: arr(event, 'rate_limits').flatMap((entry) => {
          const record = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : undefined;
          const name = str(record, 'name');
          return name === undefined
            ? []
            : [
                {
                  name,
                  limit: num(record, 'limit') ?? 0,
                  remaining: num(record, 'remaining') ?? 0,
                  resetSeconds: num(record, 'reset_seconds') ?? 0,
                },
              ];
        }),
      });
    case 'error': {
      const error = obj(event, 'error');
      const code = str(error, 'code') ?? str(error, 'type');
      const message = str(error, 'message') ?? 'The provider reported an error.';
      const param = str(error, 'param');
      const fatal = code !== undefined && FATAL_ERROR_CODES.has(code);
      const retryable = fatal && RETRYABLE_ERROR_CODES.has(code);
      return {
        events: [
          {
            type: 'error',
            // a retryable code keeps the exit code of any provider error for a run that cannot reconnect
            error: retryable
              ? { code, message, param, fatal, retryable, exitCode: ExitCode.unexpected }
              : { code, message, param, fatal },
          },
        ],
        signals: [{ kind: 'error', code, param, message, errorType: str(error, 'type') }],
      };
    }
    default:
      return none;
  }
}

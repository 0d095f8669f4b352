import { parseJsonObject } from '../wire-read.js';
/** Wire vocabulary of the OpenAI Realtime GA protocol, and tolerant readers for untrusted frames. */

export const OPENAI_SAMPLE_RATE = 24000;

export type WireEvent = Record<string, unknown> & { type: string };

export type ParsedFrame = { ok: true; event: WireEvent } | { ok: false; error: string };

/** Parses one text frame; anything that is not a JSON object with a string `type` is rejected. */
export function parseWireEvent(text: string): ParsedFrame {
  const parsed = parseJsonObject(text);
  if (!parsed.ok) return parsed;
  if (typeof parsed.value['type'] !== 'string') return { ok: false, error: 'frame has no "type"' };
  return { ok: true, event: parsed.value as WireEvent };
}

export { arr, num, obj, str } from '../wire-read.js';

/** Beta (Azure preview, Voice Live) event names mapped onto the GA names. */
const BETA_TO_GA: Readonly<Record<string, string>> = {
  'response.text.delta': 'response.output_text.delta',
  'response.text.done': 'response.output_text.done',
  'response.audio.delta': 'response.output_audio.delta',
  'response.audio.done': 'response.output_audio.done',
  'response.audio_transcript.delta': 'response.output_audio_transcript.delta',
  'response.audio_transcript.done': 'response.output_audio_transcript.done',
  'conversation.item.created': 'conversation.item.added',
};

export function normaliseEventName(type: string): string {
  return BETA_TO_GA[type] ?? type;
}

/** Error codes after which the session cannot go on. */
export const FATAL_ERROR_CODES: ReadonlySet<string> = new Set([
  'session_expired',
  'invalid_api_key',
  'insufficient_quota',
  'account_deactivated',
  'billing_hard_limit_reached',
  'beta_api_shape_disabled',
]);

/**
 * Fatal codes a new connection cures: the session hit its time limit. A run that cannot reconnect
 * (one-shot) still ends with exit 1, as any provider error does.
 */
export const RETRYABLE_ERROR_CODES: ReadonlySet<string> = new Set(['session_expired']);

/** Codes a client can ignore: races the protocol documents as harmless. */
export const BENIGN_ERROR_CODES: ReadonlySet<string> = new Set([
  'response_cancel_not_active',
  'input_audio_buffer_commit_empty',
]);

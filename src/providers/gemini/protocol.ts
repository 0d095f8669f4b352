import { parseJsonObject } from '../wire-read.js';
/** Wire vocabulary of the Gemini Live / Vertex AI Live protocol, and tolerant readers for untrusted frames. */

/** Microphone audio goes up as PCM16 at this rate. */
export const GEMINI_INPUT_SAMPLE_RATE = 16000;
/** Model audio comes down as PCM16 at this rate (Vertex omits the rate from the mimeType). */
export const GEMINI_OUTPUT_SAMPLE_RATE = 24000;
export const GEMINI_INPUT_MIME_TYPE = `audio/pcm;rate=${GEMINI_INPUT_SAMPLE_RATE}`;

export type WireMessage = Record<string, unknown>;

export type ParsedMessage = { ok: true; message: WireMessage } | { ok: false; error: string };

/** Parses one frame (text, or the UTF-8 of a binary frame); anything but a JSON object is rejected. */
export function parseWireMessage(text: string): ParsedMessage {
  const parsed = parseJsonObject(text);
  return parsed.ok ? { ok: true, message: parsed.value } : parsed;
}

export { arr, asRecord, bool, num, obj, str } from '../wire-read.js';

/** Durations are proto3 JSON strings such as "50s" or "1.5s"; undefined when unreadable. */
export function durationToMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  if (match === null) return undefined;
  return Math.round(Number(match[1]) * 1000);
}

/** True for model audio we can play: raw PCM16 (`audio/pcm`, optionally with a rate). */
export function isPcmMime(mime: string | undefined): boolean {
  return mime !== undefined && /^audio\/(pcm|l16)\b/i.test(mime.trim());
}

/** The sample rate a PCM mimeType declares, or undefined (Vertex sends bare `audio/pcm`). */
export function pcmRateOf(mime: string): number | undefined {
  const match = /rate=(\d+)/i.exec(mime);
  return match === null ? undefined : Number(match[1]);
}

import type { ControllerEvent } from '../core/controller-events.js';
import { redact } from '../core/secrets.js';

/** First line of events.jsonl: what the recording holds. */
export interface RecordingHeader {
  recording: {
    version: 1;
    /** Wall-clock start, ISO 8601; every `tMs` counts from here. */
    startedAt: string;
    sampleRate: number;
    inputSampleRate: number;
    channels: { left: 'microphone (as sent)'; right: 'assistant (as played)' };
  };
}

/** Every other line: one controller event and when it happened. */
export interface EventLine {
  tMs: number;
  event: ControllerEvent;
}

/** Meter levels come 20 times a second and say nothing about the conversation. */
export function isRecorded(event: ControllerEvent): boolean {
  return event.type !== 'levels';
}

/** One JSON line, secrets scrubbed; audio never reaches here (controller events carry none). */
export function formatEventLine(event: ControllerEvent, tMs: number): string {
  const line: EventLine = { tMs: Math.round(tMs), event };
  return `${redact(JSON.stringify(line))}\n`;
}

export function formatHeaderLine(header: RecordingHeader): string {
  return `${JSON.stringify(header)}\n`;
}

export interface ParsedEvents {
  header: RecordingHeader['recording'] | undefined;
  events: EventLine[];
  /** Lines that were not JSON or not an event (a torn last line, a foreign file). */
  skipped: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses events.jsonl leniently: bad lines are counted, not thrown. Pure. */
export function parseEventLines(text: string): ParsedEvents {
  const out: ParsedEvents = { header: undefined, events: [], skipped: 0 };
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      out.skipped += 1;
      continue;
    }
    if (!isObject(value)) out.skipped += 1;
    else if (isObject(value['recording'])) out.header = value['recording'] as RecordingHeader['recording'];
    else if (
      typeof value['tMs'] === 'number' &&
      isObject(value['event']) &&
      typeof value['event']['type'] === 'string'
    ) {
      out.events.push(value as unknown as EventLine);
    } else out.skipped += 1;
  }
  return out;
}

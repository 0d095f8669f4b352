import { openSync, writeSync } from 'node:fs';

/**
 * Opt-in timing hooks for `npm run bench`: with `VOICECHAT_TRACE_TIMING=<file>` set, each call
 * appends one JSON line `{ t, pid, ev, ...data }` (t = epoch ms with sub-ms precision, comparable
 * across processes on one machine). Without the variable every call site is a single boolean
 * test. Audio host processes inherit the variable and append to the same file (O_APPEND).
 */
const file = process.env['VOICECHAT_TRACE_TIMING'];

export const timingEnabled = file !== undefined && file !== '';

/** Session events whose arrival the controller stamps (barge-in and session start). */
export const TIMED_SESSION_EVENTS: ReadonlySet<string> = new Set([
  'session.ready',
  'input.speech_started',
  'response.interrupted',
]);

let fd: number | undefined;

export function traceTiming(ev: string, data?: Record<string, unknown>): void {
  if (!timingEnabled || file === undefined) return;
  fd ??= openSync(file, 'a');
  writeSync(
    fd,
    `${JSON.stringify({ t: performance.timeOrigin + performance.now(), pid: process.pid, ev, ...data })}\n`,
  );
}

import { existsSync, readFileSync } from 'node:fs';
import { ExitCode, UsageError, type ExitCodeValue } from '../core/errors.js';
import { parseEventLines } from '../record/event-line.js';
import { recordingPaths } from '../record/files.js';
import { repairRecording } from '../record/repair.js';
import { formatReplay, type ReplaySummary } from '../record/replay-format.js';
import { buildTranscript } from '../record/transcript-model.js';

export interface ReplayOptions {
  dir: string;
  json: boolean;
  stdout?: { write(text: string): unknown };
}

/** Reads a recording directory (repairing it first) into its transcript with timings. */
export function loadReplay(dir: string): ReplaySummary {
  const paths = recordingPaths(dir);
  if (!existsSync(paths.events)) {
    throw new UsageError(`${dir} holds no recording (no events.jsonl).`, {
      hint: 'Record one with: voicechat --record DIR',
    });
  }
  repairRecording(dir);
  const parsed = parseEventLines(readFileSync(paths.events, 'utf8'));
  const transcript = buildTranscript(parsed.events);
  return {
    startedAt: parsed.header?.startedAt,
    durationMs: parsed.events.at(-1)?.tMs ?? 0,
    turns: transcript.turns,
    open: transcript.openReplies,
    skippedLines: parsed.skipped,
  };
}

/** `voicechat replay DIR [--json]`: prints the recorded transcript with timings. */
export function runReplay(options: ReplayOptions): Promise<ExitCodeValue> {
  const stdout = options.stdout ?? process.stdout;
  const summary = loadReplay(options.dir);
  stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatReplay(summary));
  return Promise.resolve(ExitCode.ok);
}

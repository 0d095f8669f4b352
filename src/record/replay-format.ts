import { assertNever } from '../core/assert-never.js';
import { formatClock, formatDuration } from './format-time.js';
import type { TranscriptTurn } from './transcript-model.js';

export interface ReplaySummary {
  startedAt: string | undefined;
  durationMs: number;
  turns: readonly TranscriptTurn[];
  open: readonly { responseId: string; tMs: number; text: string }[];
  /** Lines of events.jsonl that could not be read. */
  skippedLines: number;
}

function turnText(turn: TranscriptTurn): string {
  const at = `[${formatClock(turn.tMs)}]`;
  switch (turn.kind) {
    case 'user':
      return `${at} you${turn.via === 'text' ? ' (typed)' : ''}: ${turn.text}`;
    case 'assistant': {
      const notes: string[] = [];
      if (turn.latency !== undefined) {
        notes.push(`first audio played after ${formatDuration(turn.latency.firstPlayedMs)}`);
      }
      notes.push(`took ${formatDuration(Math.max(0, turn.endMs - turn.tMs))}`);
      if (turn.interrupted === undefined && turn.status !== 'completed') notes.push(turn.status);
      const lines = [`${at} assistant (${notes.join(', ')}): ${turn.text}`];
      const cut = turn.interrupted;
      if (cut !== undefined) {
        lines.push(
          `           [interrupted: heard ${formatDuration(cut.heardMs)} of ${formatDuration(cut.receivedMs)}${cut.heardText === '' ? '' : ` — "${cut.heardText}…"`}]`,
        );
      }
      return lines.join('\n');
    }
    case 'tool':
      return `${at} tool ${turn.name}(${turn.arguments}) -> ${turn.ok ? '' : 'failed: '}${turn.output}`;
    default:
      return assertNever(turn, 'transcript turn');
  }
}

/** The transcript with timings, as `voicechat replay` prints it. Pure. */
export function formatReplay(summary: ReplaySummary): string {
  const lines: string[] = [];
  const started = summary.startedAt === undefined ? '' : ` started ${summary.startedAt},`;
  lines.push(`recording:${started} ${formatDuration(summary.durationMs)}, ${summary.turns.length} turns`);
  for (const turn of summary.turns) lines.push(turnText(turn));
  for (const open of summary.open) lines.push(`[${formatClock(open.tMs)}] assistant (unfinished): ${open.text}`);
  if (summary.skippedLines > 0) lines.push(`(${summary.skippedLines} unreadable event lines skipped)`);
  return `${lines.join('\n')}\n`;
}

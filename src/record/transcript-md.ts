import { assertNever } from '../core/assert-never.js';
import { formatClock, formatDuration } from './format-time.js';
import type { TranscriptTurn } from './transcript-model.js';

export interface TranscriptMdInput {
  startedAt: string | undefined;
  turns: readonly TranscriptTurn[];
  /** Replies still being generated or played when the file was written. */
  open?: readonly { tMs: number; text: string }[];
}

/** Keeps user text from turning into markdown structure (a line starting with `#`, a stray `*`). */
function quote(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/([\\`*_[\]<>#|])/g, '\\$1')
    .trim();
}

function assistantLine(turn: Extract<TranscriptTurn, { kind: 'assistant' }>): string {
  const notes: string[] = [];
  if (turn.latency !== undefined) notes.push(`latency ${formatDuration(turn.latency.firstPlayedMs)}`);
  if (turn.interrupted === undefined && turn.status !== 'completed') notes.push(turn.status);
  const head = `**Assistant** (${formatClock(turn.tMs)}${notes.length > 0 ? `, ${notes.join(', ')}` : ''}):`;
  const cut = turn.interrupted;
  if (cut === undefined) return `${head} ${quote(turn.text)}`;
  const heard = cut.heardText === '' ? 'nothing' : `“${quote(cut.heardText)}…”`;
  return [
    `${head} ${quote(turn.text)}`,
    `  *interrupted: heard ${formatDuration(cut.heardMs)} of ${formatDuration(cut.receivedMs)} received — about ${heard}*`,
  ].join('\n');
}

function turnLine(turn: TranscriptTurn): string {
  switch (turn.kind) {
    case 'user':
      return `**You** (${formatClock(turn.tMs)}${turn.via === 'text' ? ', typed' : ''}): ${quote(turn.text)}`;
    case 'assistant':
      return assistantLine(turn);
    case 'tool':
      return `**Tool** (${formatClock(turn.tMs)}): \`${turn.name}(${turn.arguments.replace(/`/g, "'")})\` → ${turn.ok ? '' : 'failed: '}\`${turn.output.replace(/`/g, "'")}\``;
    default:
      return assertNever(turn, 'transcript turn');
  }
}

/** transcript.md: every completed turn with its time from the start of the recording. Pure. */
export function renderTranscriptMd(input: TranscriptMdInput): string {
  const lines = ['# voicechat recording', ''];
  if (input.startedAt !== undefined)
    lines.push(`Started ${input.startedAt}. Times are from the start of the recording.`, '');
  if (input.turns.length === 0) lines.push('_No completed turns._', '');
  for (const turn of input.turns) lines.push(turnLine(turn), '');
  for (const open of input.open ?? []) {
    lines.push(`**Assistant** (${formatClock(open.tMs)}, unfinished): ${quote(open.text)}`, '');
  }
  return lines.join('\n');
}

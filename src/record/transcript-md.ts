import { assertNever } from '../core/assert-never.js';
import { costOfUsageUsd, type ModelPrice } from '../core/prices.js';
import { formatCostUsd, formatUsageSummary, UsageMeter } from '../core/usage-meter.js';
import { formatClock, formatDuration } from './format-time.js';
import type { TranscriptTurn } from './transcript-model.js';

export interface TranscriptMdInput {
  startedAt: string | undefined;
  turns: readonly TranscriptTurn[];
  /** Replies still being generated or played when the file was written. */
  open?: readonly { tMs: number; text: string }[];
  /** The model, and its price when known: each reply shows its tokens and, priced, its cost. */
  model?: string | undefined;
  price?: ModelPrice | undefined;
}

/** Keeps user text from turning into markdown structure (a line starting with `#`, a stray `*`). */
function quote(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/([\\`*_[\]<>#|])/g, '\\$1')
    .trim();
}

function assistantLine(turn: Extract<TranscriptTurn, { kind: 'assistant' }>, price: ModelPrice | undefined): string {
  const notes: string[] = [];
  if (turn.latency !== undefined) notes.push(`latency ${formatDuration(turn.latency.firstPlayedMs)}`);
  if (turn.usage !== undefined) {
    const cost = price === undefined ? '' : ` ${formatCostUsd(costOfUsageUsd(turn.usage, price))}`;
    notes.push(`${turn.usage.totalTokens.toLocaleString('en-US')} tok${cost}`);
  }
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

function turnLine(turn: TranscriptTurn, price: ModelPrice | undefined): string {
  switch (turn.kind) {
    case 'user':
      return `**You** (${formatClock(turn.tMs)}${turn.via === 'text' ? ', typed' : ''}): ${quote(turn.text)}`;
    case 'assistant':
      return assistantLine(turn, price);
    case 'tool':
      return `**Tool** (${formatClock(turn.tMs)}${turn.decision === undefined ? '' : `, ${turn.decision}`}): \`${turn.name}(${turn.arguments.replace(/`/g, "'")})\` → ${turn.ok ? '' : `${turn.outcome ?? 'failed'}: `}\`${turn.output.replace(/`/g, "'")}\``;
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
  for (const turn of input.turns) lines.push(turnLine(turn, input.price), '');
  for (const open of input.open ?? []) {
    lines.push(`**Assistant** (${formatClock(open.tMs)}, unfinished): ${quote(open.text)}`, '');
  }
  const meter = new UsageMeter(input.price);
  for (const turn of input.turns) if (turn.kind === 'assistant' && turn.usage !== undefined) meter.add(turn.usage);
  if (meter.snapshot().turns > 0)
    lines.push(`_${formatUsageSummary(meter.snapshot(), input.model ?? 'this model')}_`, '');
  return lines.join('\n');
}

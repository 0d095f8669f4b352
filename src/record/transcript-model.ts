import type { ControllerEvent } from '../core/controller-events.js';
import type { TurnLatency } from '../core/latency-clock.js';
import type { ResponseStatus, Usage } from '../core/events.js';
import { refusalText, runReasonText } from '../core/tool-words.js';
import type { EventLine } from './event-line.js';

export interface Interruption {
  heardMs: number;
  receivedMs: number;
  /** The reply text up to about where the user stopped hearing it (proportional estimate). */
  heardText: string;
}

export type TranscriptTurn =
  | { kind: 'user'; tMs: number; text: string; via: 'speech' | 'text' }
  | {
      kind: 'assistant';
      tMs: number;
      /** When the response finished (done event). */
      endMs: number;
      responseId: string;
      text: string;
      status: ResponseStatus;
      interrupted?: Interruption | undefined;
      latency?: TurnLatency | undefined;
      /** The provider's usage report for this response, when it sent one. */
      usage?: Usage | undefined;
    }
  | {
      kind: 'tool';
      tMs: number;
      name: string;
      arguments: string;
      output: string;
      ok: boolean;
      /** `ok`, `error`, `cancelled` or `refused` (recordings before MCP: absent). */
      outcome?: string | undefined;
      /** Why it ran or was refused, in words (`on the allow list`, `refused: you said no`). */
      decision?: string | undefined;
    };

interface OpenResponse {
  tMs: number;
  text: string;
  interrupted?: Interruption | undefined;
  latency?: TurnLatency | undefined;
}

/** Cuts `text` to about `fraction` of its length, at a word boundary. Pure. */
export function heardPrefix(text: string, fraction: number): string {
  if (fraction >= 1) return text;
  if (fraction <= 0) return '';
  const cut = Math.round(text.length * fraction);
  const space = text.lastIndexOf(' ', cut);
  return text.slice(0, space > 0 ? space : cut).trimEnd();
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : '');
const asNumber = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** A recorded usage report, only when its counts are numbers (recordings come from any version). */
function usageOf(value: unknown): Usage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const count = (key: string): number | undefined => {
    const n = record[key];
    return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  const input = count('inputTokens');
  const output = count('outputTokens');
  if (input === undefined || output === undefined) return undefined;
  const usage: Usage = {
    inputTokens: input,
    outputTokens: output,
    totalTokens: count('totalTokens') ?? input + output,
  };
  for (const key of ['inputAudioTokens', 'outputAudioTokens', 'cachedTokens', 'cachedAudioTokens'] as const) {
    const n = count(key);
    if (n !== undefined) usage[key] = n;
  }
  return usage;
}

/**
 * Folds recorded controller events into completed turns (user, assistant, tool), in order of when
 * each began. A reply counts once its response is done; interrupted replies keep what was heard.
 * No I/O: the recorder and `voicechat replay` both feed it.
 */
export class TranscriptBuilder {
  readonly #done: TranscriptTurn[] = [];
  readonly #open = new Map<string, OpenResponse>();
  readonly #speechStarts = new Map<string, number>();
  readonly #calls = new Map<string, { tMs: number; name: string; arguments: string }>();
  readonly #decisions = new Map<string, string>();
  #pendingLatency: TurnLatency | undefined;

  get turns(): readonly TranscriptTurn[] {
    return this.#done;
  }

  /** Replies started but not finished (shown as in progress, never lost silently). */
  get openReplies(): { responseId: string; tMs: number; text: string }[] {
    return [...this.#open].map(([responseId, r]) => ({ responseId, tMs: r.tMs, text: r.text }));
  }

  /** Adds one event; returns true when a turn was completed by it. */
  add(line: EventLine): boolean {
    const { tMs } = line;
    const event: ControllerEvent = line.event;
    const raw: Record<string, unknown> = { ...line.event };
    if (raw['type'] === 'tool.result') return this.#legacyToolResult(raw, tMs);
    switch (event.type) {
      case 'input.speech_started':
        if (event.itemId !== undefined) this.#speechStarts.set(event.itemId, tMs);
        return false;
      case 'input.transcript.done': {
        const text = asText(event.text).trim();
        const startedMs = this.#speechStarts.get(event.itemId) ?? tMs;
        this.#speechStarts.delete(event.itemId);
        if (text === '') return false;
        return this.#push({ kind: 'user', tMs: startedMs, text, via: 'speech' });
      }
      case 'user.text':
        return this.#push({ kind: 'user', tMs, text: asText(event.text), via: 'text' });
      case 'response.started':
        this.#responseFor(event.responseId, tMs);
        return false;
      case 'response.text.delta':
        this.#responseFor(event.responseId, tMs).text += asText(event.delta);
        return false;
      case 'response.text.done':
        this.#responseFor(event.responseId, tMs).text = asText(event.text);
        return false;
      case 'interrupted': {
        const r = this.#responseFor(event.responseId, tMs);
        const heardMs = asNumber(event.heardMs);
        const receivedMs = asNumber(event.receivedMs);
        r.interrupted = {
          heardMs,
          receivedMs,
          heardText: heardPrefix(r.text, receivedMs > 0 ? heardMs / receivedMs : 0),
        };
        return false;
      }
      case 'latency':
        this.#attachLatency(event.turn);
        return false;
      case 'response.done':
        return this.#finish(event.responseId, tMs, event.status, usageOf(event.usage));
      case 'tool.call':
        this.#calls.set(event.callId, { tMs, name: asText(event.name), arguments: asText(event.arguments) });
        return false;
      case 'tool.decided':
        this.#decisions.set(
          event.call.callId,
          event.decision === 'run'
            ? runReasonText(event.reason)
            : `refused: ${refusalText(event.reason, `${event.call.source}/${event.call.toolName}`)}`,
        );
        return false;
      case 'tool.finished': {
        const callId = asText(event.call.callId);
        const call = this.#calls.get(callId);
        this.#calls.delete(callId);
        const decision = this.#decisions.get(callId);
        this.#decisions.delete(callId);
        return this.#push({
          kind: 'tool',
          tMs: call?.tMs ?? tMs,
          name:
            event.call.source === 'builtin'
              ? asText(event.call.toolName)
              : `${asText(event.call.source)}/${asText(event.call.toolName)}`,
          arguments: call?.arguments ?? asText(event.call.arguments),
          output: asText(event.output),
          ok: event.outcome === 'ok',
          outcome: asText(event.outcome),
          decision,
        });
      }
      case 'tool.confirm':
      case 'tool.slow':
        return false;
      case 'status':
      case 'session.ready':
      case 'input.speech_stopped':
      case 'input.committed':
      case 'input.transcript.delta':
      case 'response.audio.done':
      case 'response.interrupted':
      case 'tool.cancelled':
      case 'rate_limits':
      case 'session.expiring':
      case 'error':
      case 'engine.error':
      case 'audio.ready':
      case 'turn':
      case 'levels':
      case 'mic':
      case 'notice':
      case 'playback.finished':
      case 'usage':
        return false;
      default:
        // a recording from another version may hold event types this one does not know
        return false;
    }
  }

  /** Recordings made before MCP tools carried `tool.result`. */
  #legacyToolResult(event: Record<string, unknown>, tMs: number): boolean {
    const callId = asText(event['callId']);
    const call = this.#calls.get(callId);
    this.#calls.delete(callId);
    return this.#push({
      kind: 'tool',
      tMs: call?.tMs ?? tMs,
      name: asText(event['name']),
      arguments: call?.arguments ?? '',
      output: asText(event['output']),
      ok: event['ok'] === true,
    });
  }

  #responseFor(responseId: string, tMs: number): OpenResponse {
    let r = this.#open.get(responseId);
    if (r === undefined) {
      r = { tMs, text: '', latency: this.#pendingLatency };
      this.#pendingLatency = undefined;
      this.#open.set(responseId, r);
    }
    return r;
  }

  /** The latency clock reports at the first played sample: it belongs to the newest open reply. */
  #attachLatency(turn: TurnLatency): void {
    const newest = [...this.#open.values()].filter((r) => r.latency === undefined).at(-1);
    if (newest !== undefined) newest.latency = turn;
    else this.#pendingLatency = turn;
  }

  #finish(responseId: string, tMs: number, status: ResponseStatus, usage?: Usage): boolean {
    const r = this.#open.get(responseId);
    this.#open.delete(responseId);
    if (r === undefined) return false;
    // a reply that only called a tool has no words: the tool turn tells the story
    if (r.text.trim() === '' && r.interrupted === undefined && status === 'completed') return false;
    return this.#push({
      kind: 'assistant',
      tMs: r.tMs,
      endMs: tMs,
      responseId,
      text: r.text,
      status,
      interrupted: r.interrupted,
      latency: r.latency,
      usage,
    });
  }

  /** Inserts in order of start time (a user transcript often arrives after the reply began). */
  #push(turn: TranscriptTurn): true {
    let at = this.#done.length;
    while (at > 0 && (this.#done[at - 1]?.tMs ?? 0) > turn.tMs) at--;
    this.#done.splice(at, 0, turn);
    return true;
  }
}

/** All turns of a recorded event list. Pure. */
export function buildTranscript(events: readonly EventLine[]): TranscriptBuilder {
  const builder = new TranscriptBuilder();
  for (const line of events) builder.add(line);
  return builder;
}

import type { SessionEvent } from '../core/events.js';

/** What a finished response means for a run waiting for the answer. */
export type ResponseVerdict =
  /** A completed reply that is the answer. */
  | { kind: 'answer'; responseId: string }
  /** A reply that called tools: the answer follows the tool output. */
  | { kind: 'tool-step'; responseId: string }
  /** Cut short, cancelled or failed: not an answer. */
  | { kind: 'unfinished'; responseId: string; status: 'cancelled' | 'incomplete' | 'failed'; reason?: string };

/**
 * The one place that decides when a reply counts as the answer: a response that completed and
 * called no tool. Feed it every session event; it returns a verdict on each `response.done`.
 */
export class AnswerRule {
  readonly #toolResponses = new Set<string>();

  observe(event: SessionEvent): ResponseVerdict | undefined {
    if (event.type === 'tool.call') this.#toolResponses.add(event.responseId);
    if (event.type !== 'response.done') return undefined;
    const responseId = event.responseId;
    const calledTools = this.#toolResponses.delete(responseId);
    if (event.status !== 'completed') {
      return event.reason === undefined
        ? { kind: 'unfinished', responseId, status: event.status }
        : { kind: 'unfinished', responseId, status: event.status, reason: event.reason };
    }
    return calledTools ? { kind: 'tool-step', responseId } : { kind: 'answer', responseId };
  }
}

import { BoundedMap } from './bounded-map.js';
import type { SessionEvent } from './events.js';
import type { HistoryItem } from './session.js';

/**
 * Replies whose audio length and heard share are remembered: a truncation concerns the reply being
 * played, so only the last few matter, and a long conversation must not grow these without end.
 */
const TRACKED_RESPONSES = 16;

/**
 * The conversation as the user experienced it, rebuilt from session events: final user
 * transcripts and typed messages, and assistant replies cut to what was heard. It is what a new
 * connection is seeded with after a drop or a session rollover.
 */
export class ConversationHistory {
  readonly #items: (HistoryItem & { key: string })[] = [];
  readonly #replyText = new BoundedMap<string, string>(TRACKED_RESPONSES);
  readonly #replyAudioSamples = new BoundedMap<string, number>(TRACKED_RESPONSES);
  readonly #heardShare = new BoundedMap<string, number>(TRACKED_RESPONSES);
  readonly #maxItems: number;

  constructor(maxItems = 100) {
    this.#maxItems = maxItems;
  }

  userText(text: string): void {
    this.#push({ key: `text:${this.#items.length}:${text}`, role: 'user', text });
  }

  /** The user heard only `heardMs` of a reply: keep that share of its text. */
  truncated(responseId: string, heardMs: number, sampleRate: number): void {
    const samples = this.#replyAudioSamples.get(responseId) ?? 0;
    const receivedMs = (samples * 1000) / sampleRate;
    this.#heardShare.set(responseId, receivedMs > 0 ? Math.min(1, heardMs / receivedMs) : 0);
    const existing = this.#items.find((i) => i.key === `reply:${responseId}`);
    if (existing !== undefined) existing.text = this.#cut(responseId, this.#replyText.get(responseId) ?? existing.text);
  }

  observe(event: SessionEvent): void {
    switch (event.type) {
      case 'input.transcript.done':
        if (event.text.trim() !== '')
          this.#push({ key: `input:${event.itemId}`, role: 'user', text: event.text.trim() });
        return;
      case 'response.audio':
        this.#replyAudioSamples.set(
          event.responseId,
          (this.#replyAudioSamples.get(event.responseId) ?? 0) + event.pcm.length,
        );
        return;
      case 'response.text.delta':
        this.#replyText.set(event.responseId, (this.#replyText.get(event.responseId) ?? '') + event.delta);
        return;
      case 'response.text.done':
        if (event.text !== '') this.#replyText.set(event.responseId, event.text);
        return;
      case 'response.done': {
        const text = this.#cut(event.responseId, (this.#replyText.get(event.responseId) ?? '').trim());
        this.#replyText.delete(event.responseId);
        if (text !== '') this.#push({ key: `reply:${event.responseId}`, role: 'assistant', text });
        return;
      }
      case 'status':
      case 'session.ready':
      case 'input.speech_started':
      case 'input.speech_stopped':
      case 'input.committed':
      case 'input.transcript.delta':
      case 'response.started':
      case 'response.audio.done':
      case 'response.interrupted':
      case 'tool.call':
      case 'tool.cancelled':
      case 'rate_limits':
      case 'session.expiring':
      case 'notice':
      case 'error':
        return;
    }
  }

  items(): HistoryItem[] {
    return this.#items.map(({ role, text }) => ({ role, text }));
  }

  #cut(responseId: string, text: string): string {
    const share = this.#heardShare.get(responseId);
    if (share === undefined) return text;
    const cut = text.slice(0, Math.round(text.length * share)).trimEnd();
    return cut === '' ? '' : `${cut}…`;
  }

  #push(item: HistoryItem & { key: string }): void {
    if (this.#items.some((i) => i.key === item.key)) return;
    this.#items.push(item);
    if (this.#items.length > this.#maxItems) this.#items.shift();
  }
}

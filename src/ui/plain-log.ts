import type { ControllerEvent } from '../core/controller-events.js';
import type { ResponseStatus } from '../core/events.js';
import { heardShare, splitHeard } from './state/transcript.js';
import { toolEventLine } from './tool-lines.js';

export interface PlainLogOptions {
  write: (line: string) => void;
  writeError: (line: string) => void;
}

export interface PlainLog {
  onEvent: (event: ControllerEvent) => void;
  /** The run is stopping: prints the replies that were generated but had not finished playing. */
  flushPending: () => void;
}

/**
 * The conversation as plain lines, for pipes, screen readers and headless runs: one line per
 * finished utterance, no ANSI. A reply is printed once it has been heard (or cut off): it is
 * generated faster than it plays, so most interruptions come after its `response.done`.
 */
export function createPlainLog(options: PlainLogOptions): PlainLog {
  const replies = new Map<string, string>();
  const interrupted = new Map<string, number>();
  /** Replies whose generation ended, with how; each is printed when heard. */
  const generated = new Map<string, ResponseStatus>();
  const printedUser = new Set<string>();
  const pendingUserText = new Map<string, string>();
  const printReply = (responseId: string): void => {
    const text = (replies.get(responseId) ?? '').trim();
    const heard = interrupted.get(responseId);
    const status = generated.get(responseId);
    replies.delete(responseId);
    interrupted.delete(responseId);
    generated.delete(responseId);
    if (text === '') return;
    if (heard === undefined && status !== 'cancelled') {
      options.write(`assistant: ${text}`);
      return;
    }
    const said = splitHeard({ text, heardFraction: heard ?? 0 }).heard;
    const share = heard === undefined ? '' : ` after ${Math.round(heard * 100)}% of its audio`;
    options.write(`assistant: ${said}… [interrupted${share}]`);
  };
  const onEvent = (event: ControllerEvent): void => {
    switch (event.type) {
      case 'input.transcript.delta':
        pendingUserText.set(event.itemId, (pendingUserText.get(event.itemId) ?? '') + event.delta);
        return;
      case 'input.transcript.done': {
        if (printedUser.has(event.itemId)) return;
        printedUser.add(event.itemId);
        const text = event.text.trim() === '' ? (pendingUserText.get(event.itemId) ?? '').trim() : event.text.trim();
        pendingUserText.delete(event.itemId);
        if (text !== '') options.write(`you: ${text}`);
        return;
      }
      case 'user.text':
        options.write(`you: ${event.text}`);
        return;
      case 'response.text.delta':
        replies.set(event.responseId, (replies.get(event.responseId) ?? '') + event.delta);
        return;
      case 'response.text.done':
        if (event.text !== '') replies.set(event.responseId, event.text);
        return;
      case 'interrupted':
        interrupted.set(event.responseId, heardShare(event));
        return;
      case 'response.done':
        generated.set(event.responseId, event.status);
        return;
      case 'playback.finished':
        printReply(event.responseId);
        return;
      case 'tool.confirm':
      case 'tool.decided':
      case 'tool.slow':
      case 'tool.finished': {
        const line = toolEventLine(event);
        if (line !== undefined) (line.stream === 'out' ? options.write : options.writeError)(line.text);
        return;
      }
      case 'error':
        options.writeError(
          `error${event.error.code === undefined ? '' : ` (${event.error.code})`}: ${event.error.message}`,
        );
        return;
      case 'engine.error':
        options.writeError(`error (audio): ${event.message}`);
        return;
      case 'notice':
        options.writeError(event.message);
        return;
      case 'audio.ready':
        // files as devices have nothing to report; devices say what cleans the microphone
        if (event.backend !== undefined || event.degradedReason !== undefined) {
          const backend = event.backend === undefined ? '' : `, backend ${event.backend}`;
          const why = event.degradedReason === undefined ? '' : ` (${event.degradedReason})`;
          options.writeError(`audio: echo ${event.echo}${backend}${why}`);
        }
        return;
      case 'status':
        if (event.status === 'reconnecting') {
          options.writeError(
            `reconnecting (${event.attempt ?? 1})${event.detail === undefined ? '' : `: ${event.detail}`}`,
          );
        }
        return;
      case 'session.expiring':
      case 'turn':
      case 'levels':
      case 'latency':
      case 'mic':
      case 'session.ready':
      case 'input.speech_started':
      case 'input.speech_stopped':
      case 'input.committed':
      case 'response.started':
      case 'response.audio.done':
      case 'response.interrupted':
      case 'tool.call':
      case 'tool.cancelled':
      case 'rate_limits':
      case 'usage':
        return;
    }
  };
  return {
    onEvent,
    flushPending() {
      for (const responseId of [...generated.keys()]) printReply(responseId);
    },
  };
}

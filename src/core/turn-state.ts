import { assertNever } from './assert-never.js';

/** Who has the floor; the livekit names, plus the moment a reply is cut off. */
export type TurnState = 'listening' | 'user-speaking' | 'thinking' | 'assistant-speaking' | 'interrupted';

export type TurnEvent =
  | { type: 'user.speech_started' }
  | { type: 'user.speech_stopped' }
  /** A text message or a push-to-talk release: a reply is now expected. */
  | { type: 'user.turn_sent' }
  | { type: 'assistant.playback_started' }
  | { type: 'assistant.interrupted' }
  /** The response finished and its audio has played out (or it had none). */
  | { type: 'assistant.finished' };

/** Pure transition table of the conversation's turn state. */
export function nextTurnState(state: TurnState, event: TurnEvent): TurnState {
  switch (event.type) {
    case 'user.speech_started':
      return state === 'assistant-speaking' ? 'interrupted' : 'user-speaking';
    case 'user.speech_stopped':
      return state === 'user-speaking' || state === 'interrupted' ? 'thinking' : state;
    case 'user.turn_sent':
      return 'thinking';
    case 'assistant.playback_started':
      return state === 'user-speaking' || state === 'interrupted' ? state : 'assistant-speaking';
    case 'assistant.interrupted':
      return state === 'assistant-speaking' || state === 'thinking' ? 'interrupted' : state;
    case 'assistant.finished':
      return state === 'assistant-speaking' || state === 'thinking' ? 'listening' : state;
    default:
      return assertNever(event, 'turn event');
  }
}

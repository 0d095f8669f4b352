import { describe, expect, it } from 'vitest';
import { nextTurnState, type TurnEvent, type TurnState } from '../../../src/core/turn-state.js';

const table: [TurnState, TurnEvent['type'], TurnState][] = [
  ['listening', 'user.speech_started', 'user-speaking'],
  ['user-speaking', 'user.speech_stopped', 'thinking'],
  ['thinking', 'assistant.playback_started', 'assistant-speaking'],
  ['assistant-speaking', 'assistant.finished', 'listening'],
  ['assistant-speaking', 'user.speech_started', 'interrupted'],
  ['assistant-speaking', 'assistant.interrupted', 'interrupted'],
  ['interrupted', 'user.speech_stopped', 'thinking'],
  ['interrupted', 'assistant.playback_started', 'interrupted'],
  ['listening', 'user.turn_sent', 'thinking'],
  ['assistant-speaking', 'user.turn_sent', 'thinking'],
  ['thinking', 'assistant.finished', 'listening'],
  ['listening', 'assistant.finished', 'listening'],
  ['listening', 'user.speech_stopped', 'listening'],
  ['user-speaking', 'assistant.playback_started', 'user-speaking'],
  ['thinking', 'assistant.interrupted', 'interrupted'],
  ['listening', 'assistant.interrupted', 'listening'],
];

describe('turn state machine', () => {
  it.each(table)('%s + %s -> %s', (from, event, to) => {
    expect(nextTurnState(from, { type: event })).toBe(to);
  });
});

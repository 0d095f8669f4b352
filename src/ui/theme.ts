import type { ConnectionStatus } from '../core/events.js';
import type { TurnState } from '../core/turn-state.js';

/** Semantic colours; with NO_COLOR every colour is dropped and only text and layout remain. */
export interface Theme {
  user: string | undefined;
  assistant: string | undefined;
  tool: string | undefined;
  warn: string | undefined;
  error: string | undefined;
  ok: string | undefined;
  accent: string | undefined;
}

export function createTheme(noColor: boolean): Theme {
  if (noColor) {
    return {
      user: undefined,
      assistant: undefined,
      tool: undefined,
      warn: undefined,
      error: undefined,
      ok: undefined,
      accent: undefined,
    };
  }
  return {
    user: 'cyan',
    assistant: 'green',
    tool: 'magenta',
    warn: 'yellow',
    error: 'red',
    ok: 'green',
    accent: 'blue',
  };
}

export function statusColour(theme: Theme, status: ConnectionStatus): string | undefined {
  switch (status) {
    case 'connecting':
    case 'reconnecting':
      return theme.warn;
    case 'connected':
      return theme.ok;
    case 'closed':
      return undefined;
    case 'error':
      return theme.error;
  }
}

export function turnLabel(turn: TurnState): string {
  switch (turn) {
    case 'listening':
      return 'listening';
    case 'user-speaking':
      return 'you are speaking';
    case 'thinking':
      return 'thinking…';
    case 'assistant-speaking':
      return 'assistant speaking';
    case 'interrupted':
      return 'interrupted';
  }
}

/**
 * What the mapper remembers between server messages. Gemini has no response or item ids, so
 * stable ids are synthesised per model turn (`gemini-response-N`) and per user turn (`gemini-input-N`).
 */
export interface ResponseState {
  id: string;
  /** Cut off by the user (server `interrupted`) or cancelled locally: the rest is dropped. */
  interrupted: boolean;
  text: string;
  /** Where the reply text comes from; the first source seen wins (never both). */
  textSource: 'transcript' | 'parts' | undefined;
  audioDone: boolean;
}

export interface InputState {
  id: string;
  text: string;
}

export interface TurnState {
  responseCount: number;
  inputCount: number;
  response: ResponseState | undefined;
  /** The last closed response, for an `interrupted` that arrives after `turnComplete`. */
  lastResponse: { id: string; interrupted: boolean } | undefined;
  input: InputState | undefined;
}

export function initialTurnState(): TurnState {
  return { responseCount: 0, inputCount: 0, response: undefined, lastResponse: undefined, input: undefined };
}

export function cloneTurnState(state: TurnState): TurnState {
  return {
    ...state,
    response: state.response === undefined ? undefined : { ...state.response },
    lastResponse: state.lastResponse === undefined ? undefined : { ...state.lastResponse },
    input: state.input === undefined ? undefined : { ...state.input },
  };
}

/** Local cancel (no wire message exists): drop the rest of the current reply. */
export function cancelCurrent(state: TurnState): TurnState {
  const next = cloneTurnState(state);
  if (next.response !== undefined) next.response.interrupted = true;
  return next;
}

/** Whether a model turn is under way (audio may still arrive). */
export function isResponding(state: TurnState): boolean {
  return state.response !== undefined;
}

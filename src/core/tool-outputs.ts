/**
 * The texts a model reads when a call did not simply succeed. JSON, so every dialect can pass them
 * as a function result, and worded so the model can tell the user what happened.
 */
export const toolOutputs = {
  error: (message: string): string => JSON.stringify({ error: message }),
  cancelled: (): string =>
    JSON.stringify({ status: 'cancelled', message: 'The call was cancelled by the user before it finished.' }),
  refused: (reason: string): string =>
    JSON.stringify({ status: 'refused', message: `The user did not allow this call (${reason}). Do not retry it.` }),
};

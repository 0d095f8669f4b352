import { useInput } from 'ink';
import { editDraft, intentFor, type Intent } from '../keymap.js';
import type { ConversationState, UiAction } from '../state/conversation.js';

export interface KeyHandlers {
  onIntent: (intent: Intent) => void;
  onSend: (text: string) => void;
  dispatch: (action: UiAction) => void;
}

/** Keys -> intents (or line editing while typing); inactive when stdin cannot do raw mode. */
export function useKeyBindings(state: ConversationState, handlers: KeyHandlers, isActive: boolean): void {
  useInput(
    (input, key) => {
      if (state.typing) {
        const edit = editDraft(state.draft, input, key);
        switch (edit.kind) {
          case 'send':
            handlers.onSend(state.draft);
            handlers.dispatch({ type: 'typing.cancel' });
            return;
          case 'cancel':
            handlers.dispatch({ type: 'typing.cancel' });
            return;
          case 'draft':
            handlers.dispatch({ type: 'typing.draft', text: edit.text });
            return;
          case 'quit':
            handlers.onIntent('quit');
            return;
          case 'none':
            return;
        }
      }
      const intent = intentFor(input, key, state.tools.confirmations.length > 0);
      if (intent === undefined) return;
      switch (intent) {
        case 'start-typing':
          handlers.dispatch({ type: 'typing.start' });
          return;
        case 'toggle-help':
          handlers.dispatch({ type: 'help.toggle' });
          return;
        case 'quit':
        case 'toggle-mute':
        case 'push-to-talk':
        case 'interrupt':
        case 'tool-yes':
        case 'tool-always':
        case 'tool-no':
          handlers.onIntent(intent);
          return;
      }
    },
    { isActive },
  );
}

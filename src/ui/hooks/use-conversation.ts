import { useSyncExternalStore } from 'react';
import type { Store } from '../state/store.js';
import type { ConversationState, UiAction } from '../state/conversation.js';

export function useConversation(store: Store<ConversationState, UiAction>): ConversationState {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

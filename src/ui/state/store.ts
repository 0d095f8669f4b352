/** A minimal external store for useSyncExternalStore: dispatch, subscribe, getSnapshot. */
export interface Store<S, A> {
  readonly dispatch: (action: A) => void;
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => S;
}

export function createStore<S, A>(reduce: (state: S, action: A) => S, initial: S): Store<S, A> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    dispatch(action) {
      const next = reduce(state, action);
      if (next === state) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => state,
  };
}

/** One line of the conversation as the TUI shows it. */
export interface TranscriptEntry {
  id: string;
  role: 'user' | 'assistant' | 'tool' | 'error' | 'notice';
  text: string;
  partial: boolean;
  /** For a reply cut off by the user: share of its audio that was heard, 0..1. */
  heardFraction?: number | undefined;
}

/** Older entries fall off; the terminal only shows the tail anyway. */
export const MAX_ENTRIES = 200;
/** Late events only ever concern the last few turns printed. */
const RECENT_SETTLED = 64;

export function pushEntry(list: TranscriptEntry[], entry: TranscriptEntry): TranscriptEntry[] {
  if (list.some((e) => e.id === entry.id)) return list;
  const next = [...list, entry];
  return next.length > MAX_ENTRIES ? next.slice(next.length - MAX_ENTRIES) : next;
}

export function appendText(
  list: TranscriptEntry[],
  id: string,
  role: TranscriptEntry['role'],
  delta: string,
): TranscriptEntry[] {
  const index = list.findIndex((e) => e.id === id);
  if (index === -1) return pushEntry(list, { id, role, text: delta, partial: true });
  const entry = list[index]!;
  const next = [...list];
  next[index] = { ...entry, text: entry.text + delta };
  return next;
}

/** Final text (or just "no longer partial" when `text` is undefined). */
export function finishText(
  list: TranscriptEntry[],
  id: string,
  role: TranscriptEntry['role'],
  text: string | undefined,
): TranscriptEntry[] {
  const index = list.findIndex((e) => e.id === id);
  if (index === -1) {
    return text === undefined || text.trim() === '' ? list : pushEntry(list, { id, role, text, partial: false });
  }
  const entry = list[index]!;
  const next = [...list];
  next[index] = { ...entry, text: text === undefined || text === '' ? entry.text : text, partial: false };
  return next;
}

/** Sets an entry's final text but leaves it open (a reply stays open until its audio has played). */
export function setText(
  list: TranscriptEntry[],
  id: string,
  role: TranscriptEntry['role'],
  text: string,
): TranscriptEntry[] {
  const index = list.findIndex((e) => e.id === id);
  if (index === -1) return text.trim() === '' ? list : pushEntry(list, { id, role, text, partial: true });
  const entry = list[index]!;
  if (text === '' || text === entry.text) return list;
  const next = [...list];
  next[index] = { ...entry, text };
  return next;
}

export function markInterrupted(list: TranscriptEntry[], id: string, heardFraction: number): TranscriptEntry[] {
  const index = list.findIndex((e) => e.id === id);
  if (index === -1) return list;
  const next = [...list];
  next[index] = { ...list[index]!, heardFraction };
  return next;
}

/**
 * Moves leading entries that can no longer change out of the live list, keeping speaking order:
 * an entry still streaming holds back everything after it. Pure.
 */
export function settle(
  current: TranscriptEntry[],
  settled: TranscriptEntry[],
): { live: TranscriptEntry[]; settled: TranscriptEntry[] } {
  // an event for an entry already printed (a repeated final text) must not print it again
  const printed = new Set(settled.slice(-RECENT_SETTLED).map((e) => e.id));
  const live = current.some((e) => printed.has(e.id)) ? current.filter((e) => !printed.has(e.id)) : current;
  let count = 0;
  while (count < live.length && !live[count]!.partial) count++;
  if (count === 0) return { live, settled };
  const moved = live.slice(0, count).filter((e) => e.text !== '' || e.role !== 'user');
  return { live: live.slice(count), settled: moved.length === 0 ? settled : [...settled, ...moved] };
}

/**
 * A reply is done: user turns before it that have no transcript at all are closed (and dropped
 * when settled); ones with partial text wait for their final transcript, which always follows.
 */
export function closeUserTurnsBefore(list: TranscriptEntry[], id: string): TranscriptEntry[] {
  const index = list.findIndex((e) => e.id === id);
  if (index <= 0) return list;
  let changed = false;
  const next = list.map((e, i) => {
    if (i < index && e.role === 'user' && e.partial && e.text === '') {
      changed = true;
      return { ...e, partial: false };
    }
    return e;
  });
  return changed ? next : list;
}

/** The share of a cut-off reply's audio that was heard, 0..1 (0 when none had arrived). Pure. */
export function heardShare(cut: { heardMs: number; receivedMs: number }): number {
  return cut.receivedMs > 0 ? Math.max(0, Math.min(1, cut.heardMs / cut.receivedMs)) : 0;
}

/** Splits a reply into what the user heard and what they did not (text is not time-aligned; by share). */
export function splitHeard(entry: Pick<TranscriptEntry, 'text' | 'heardFraction'>): { heard: string; unheard: string } {
  if (entry.heardFraction === undefined) return { heard: entry.text, unheard: '' };
  const cut = Math.round(entry.text.length * entry.heardFraction);
  return { heard: entry.text.slice(0, cut), unheard: entry.text.slice(cut) };
}

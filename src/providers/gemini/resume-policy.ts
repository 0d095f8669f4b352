/** When to move a Gemini session to a new socket after `goAway`; pure, so it is table-tested. */

/** The server cuts the connection when `timeLeft` runs out; switch this long before it. */
export const RESUME_MARGIN_MS = 5000;
/** Used when `goAway` carries no readable `timeLeft` (observed: "50s"). */
export const DEFAULT_GOAWAY_TIME_LEFT_MS = 50_000;
/** Outgoing messages kept while switching sockets; beyond this the oldest are dropped. */
export const MAX_PENDING_MESSAGES = 3000;

export interface ResumeConditions {
  goAwayPending: boolean;
  /** A model turn is under way: switching now would lose the rest of it. */
  responding: boolean;
  /** The user's turn (text, tool result, committed audio) has not been answered yet. */
  awaitingReply: boolean;
  handle: string | undefined;
}

export type ResumeDecision = 'now' | 'wait' | 'impossible';

export function resumeDecision(c: ResumeConditions): ResumeDecision {
  if (!c.goAwayPending) return 'wait';
  if (c.handle === undefined) return 'impossible';
  return c.responding || c.awaitingReply ? 'wait' : 'now';
}

/** Latest moment (ms from the goAway) to switch even mid-turn. */
export function forcedResumeDelayMs(timeLeftMs: number | undefined, marginMs = RESUME_MARGIN_MS): number {
  return Math.max(0, (timeLeftMs ?? DEFAULT_GOAWAY_TIME_LEFT_MS) - marginMs);
}

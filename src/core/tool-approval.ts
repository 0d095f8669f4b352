/**
 * Who decides whether a tool call runs: a pure state machine. The controller feeds it calls,
 * key answers and the clock; it answers run, refuse, or ask (with a deadline).
 */

export const APPROVAL_TIMEOUT_MS = 60_000;

/** `interactive`: the TUI can ask. `headless`: nobody can answer, so unlisted calls are refused. */
export type ApprovalMode = 'interactive' | 'headless';

export interface ApprovalConfig {
  mode: ApprovalMode;
  /** `server/tool`, `server/*`, or a name as the model sees it (`--allow-tool`, config `allowTools`). */
  allowTools: readonly string[];
  timeoutMs: number;
}

export interface CallToApprove {
  callId: string;
  /** `builtin` or the MCP server's name. */
  source: string;
  /** The tool's own name at its source. */
  toolName: string;
  /** The name the model used. */
  modelName: string;
  readOnly: boolean;
}

export type RunReason = 'read-only' | 'allow-list' | 'always' | 'user';
export type RefuseReason = 'user' | 'timeout' | 'headless';
export type Verdict =
  { kind: 'run'; reason: RunReason } | { kind: 'refuse'; reason: RefuseReason } | { kind: 'ask'; deadlineMs: number };
export type FinalVerdict = Exclude<Verdict, { kind: 'ask' }>;

/** `y` this call, `a` always for this tool in this session, `n` refuse. */
export type ApprovalAnswer = 'y' | 'a' | 'n';

export interface PendingApproval {
  call: CallToApprove;
  deadlineMs: number;
}

export interface ApprovalState {
  /** `source/tool` keys answered with `a`. */
  always: ReadonlySet<string>;
  /** In arrival order: the TUI shows the first. */
  pending: readonly PendingApproval[];
}

export const INITIAL_APPROVAL_STATE: ApprovalState = { always: new Set(), pending: [] };

export function toolKey(source: string, toolName: string): string {
  return `${source}/${toolName}`;
}

export function isAllowListed(allowTools: readonly string[], call: CallToApprove): boolean {
  return allowTools.some(
    (entry) =>
      entry === toolKey(call.source, call.toolName) || entry === `${call.source}/*` || entry === call.modelName,
  );
}

export interface Transition {
  state: ApprovalState;
  verdict: Verdict;
}

export function requestApproval(
  config: ApprovalConfig,
  state: ApprovalState,
  call: CallToApprove,
  nowMs: number,
): Transition {
  if (call.readOnly) return { state, verdict: { kind: 'run', reason: 'read-only' } };
  if (isAllowListed(config.allowTools, call)) return { state, verdict: { kind: 'run', reason: 'allow-list' } };
  if (state.always.has(toolKey(call.source, call.toolName)))
    return { state, verdict: { kind: 'run', reason: 'always' } };
  switch (config.mode) {
    case 'headless':
      return { state, verdict: { kind: 'refuse', reason: 'headless' } };
    case 'interactive': {
      const deadlineMs = nowMs + config.timeoutMs;
      return {
        state: { ...state, pending: [...state.pending, { call, deadlineMs }] },
        verdict: { kind: 'ask', deadlineMs },
      };
    }
  }
}

export interface Settled {
  callId: string;
  verdict: FinalVerdict;
}

export interface AnswerTransition {
  state: ApprovalState;
  /** Every call this answer settles: `a` also runs other pending calls of the same tool. */
  settled: Settled[];
}

/** Answers one pending call; an unknown or already settled call changes nothing. */
export function answerApproval(state: ApprovalState, callId: string, answer: ApprovalAnswer): AnswerTransition {
  const target = state.pending.find((p) => p.call.callId === callId);
  if (target === undefined) return { state, settled: [] };
  switch (answer) {
    case 'y':
      return {
        state: { ...state, pending: state.pending.filter((p) => p !== target) },
        settled: [{ callId, verdict: { kind: 'run', reason: 'user' } }],
      };
    case 'n':
      return {
        state: { ...state, pending: state.pending.filter((p) => p !== target) },
        settled: [{ callId, verdict: { kind: 'refuse', reason: 'user' } }],
      };
    case 'a': {
      const key = toolKey(target.call.source, target.call.toolName);
      const same = state.pending.filter((p) => toolKey(p.call.source, p.call.toolName) === key);
      return {
        state: { always: new Set([...state.always, key]), pending: state.pending.filter((p) => !same.includes(p)) },
        settled: same.map((p) => ({
          callId: p.call.callId,
          verdict: { kind: 'run', reason: p === target ? 'user' : 'always' },
        })),
      };
    }
  }
}

/** Refuses every pending call whose deadline has passed. */
export function expireApprovals(state: ApprovalState, nowMs: number): AnswerTransition {
  const expired = state.pending.filter((p) => p.deadlineMs <= nowMs);
  if (expired.length === 0) return { state, settled: [] };
  return {
    state: { ...state, pending: state.pending.filter((p) => p.deadlineMs > nowMs) },
    settled: expired.map((p) => ({ callId: p.call.callId, verdict: { kind: 'refuse', reason: 'timeout' } })),
  };
}

/** The call went away while waiting (user interrupt, provider cancellation): forget it, run nothing. */
export function withdrawApproval(state: ApprovalState, callId: string): ApprovalState {
  const pending = state.pending.filter((p) => p.call.callId !== callId);
  return pending.length === state.pending.length ? state : { ...state, pending };
}

/** The earliest deadline, for the one timer the controller keeps. */
export function nextDeadlineMs(state: ApprovalState): number | undefined {
  return state.pending.reduce<number | undefined>(
    (min, p) => (min === undefined || p.deadlineMs < min ? p.deadlineMs : min),
    undefined,
  );
}

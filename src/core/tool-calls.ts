import {
  answerApproval,
  expireApprovals,
  INITIAL_APPROVAL_STATE,
  nextDeadlineMs,
  requestApproval,
  withdrawApproval,
  type ApprovalAnswer,
  type ApprovalConfig,
  type ApprovalState,
  type FinalVerdict,
  type PendingApproval,
  type RefuseReason,
  type RunReason,
} from './tool-approval.js';
import type { ToolBox, ToolCallOutcome } from './tool-box.js';
import { toolOutputs } from './tool-outputs.js';

/** A call still running after this long shows a spinner. */
export const SLOW_CALL_MS = 1500;

export interface ToolCallInfo {
  callId: string;
  modelName: string;
  /** `builtin`, an MCP server's name, or `unknown`. */
  source: string;
  toolName: string;
  arguments: string;
}

export type ToolCallEvent =
  /** The TUI shows a confirmation line (tool, server, arguments) until it is answered or expires. */
  | { type: 'tool.confirm'; call: ToolCallInfo; deadlineMs: number }
  | { type: 'tool.decided'; call: ToolCallInfo; decision: 'run'; reason: RunReason }
  | { type: 'tool.decided'; call: ToolCallInfo; decision: 'refuse'; reason: RefuseReason }
  /** Still running after SLOW_CALL_MS: show a spinner on the call's line. */
  | { type: 'tool.slow'; call: ToolCallInfo }
  /** `sentToModel` is false when the provider itself cancelled the call (nothing may be sent). */
  | {
      type: 'tool.finished';
      call: ToolCallInfo;
      outcome: ToolCallOutcome['kind'] | 'refused';
      output: string;
      durationMs: number;
      sentToModel: boolean;
    };

export interface ToolCallDeps {
  box: ToolBox;
  approval: ApprovalConfig;
  /** `respond` is false for a call the user cut off: their own turn gets the next reply. */
  sendResult(callId: string, output: string, respond: boolean): void;
  emit(event: ToolCallEvent): void;
  nowMs?: () => number;
  slowAfterMs?: number;
}

interface Running {
  call: ToolCallInfo;
  controller: AbortController;
  startedMs: number;
  slowTimer: NodeJS.Timeout;
  /** Set when the provider cancelled: the result must not be sent. */
  silent: boolean;
  /** Cancelled by the user's interrupt: the result is sent without asking for a reply. */
  interrupted: boolean;
}

/**
 * Everything between the model asking for a function and the answer it gets: approval (pure
 * policy in tool-approval.ts), the 60 s timer, running through the ToolBox with an AbortSignal,
 * the slow-call spinner, user interrupts and provider cancellations. The controller only forwards
 * session events and keys to it; it never blocks audio.
 */
export class ToolCalls {
  readonly #deps: ToolCallDeps;
  readonly #now: () => number;
  readonly #running = new Map<string, Running>();
  readonly #waiting = new Map<string, ToolCallInfo>();
  #approvals: ApprovalState = INITIAL_APPROVAL_STATE;
  #expiryTimer: NodeJS.Timeout | undefined;
  #disposed = false;

  constructor(deps: ToolCallDeps) {
    this.#deps = deps;
    this.#now = deps.nowMs ?? Date.now;
  }

  /** Confirmations waiting for `y`/`a`/`n`, oldest first (the TUI answers the first). */
  pending(): readonly PendingApproval[] {
    return this.#approvals.pending;
  }

  /** A `tool.call` session event. */
  onCall(callId: string, modelName: string, argumentsJson: string): void {
    if (this.#disposed) return;
    const tool = this.#deps.box.find(modelName);
    const call: ToolCallInfo = {
      callId,
      modelName,
      source: tool?.source ?? 'unknown',
      toolName: tool?.name ?? modelName,
      arguments: argumentsJson,
    };
    if (tool === undefined) {
      this.#run(call); // the box answers with an "unknown tool" error the model can read
      return;
    }
    const { state, verdict } = requestApproval(
      this.#deps.approval,
      this.#approvals,
      { callId, source: tool.source, toolName: tool.name, modelName, readOnly: tool.readOnly },
      this.#now(),
    );
    this.#approvals = state;
    switch (verdict.kind) {
      case 'ask':
        this.#waiting.set(callId, call);
        this.#deps.emit({ type: 'tool.confirm', call, deadlineMs: verdict.deadlineMs });
        this.#armExpiry();
        return;
      case 'run':
      case 'refuse':
        this.#settle(call, verdict);
        return;
    }
  }

  /** A key press on the confirmation line; without a call id it answers the oldest. */
  answer(answer: ApprovalAnswer, callId?: string): void {
    const id = callId ?? this.#approvals.pending[0]?.call.callId;
    if (id === undefined) return;
    const { state, settled } = answerApproval(this.#approvals, id, answer);
    this.#approvals = state;
    this.#applySettled(settled);
  }

  /** The user interrupted (barge-in, typed text): running calls are cancelled and the model is told so. */
  interruptRunning(): void {
    for (const running of this.#running.values()) {
      running.interrupted = true;
      running.controller.abort();
    }
  }

  /** The provider withdrew calls (Gemini `toolCallCancellation`): cancel them, send nothing. */
  cancelByProvider(callIds: readonly string[]): void {
    for (const callId of callIds) {
      const running = this.#running.get(callId);
      if (running !== undefined) {
        running.silent = true;
        running.controller.abort();
      }
      const waiting = this.#waiting.get(callId);
      if (waiting !== undefined) {
        this.#waiting.delete(callId);
        this.#approvals = withdrawApproval(this.#approvals, callId);
        this.#deps.emit({
          type: 'tool.finished',
          call: waiting,
          outcome: 'cancelled',
          output: toolOutputs.cancelled(),
          durationMs: 0,
          sentToModel: false,
        });
      }
    }
    this.#armExpiry();
  }

  /** End of the conversation: abort everything, answer nothing more. */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#expiryTimer);
    for (const running of this.#running.values()) {
      running.silent = true;
      running.controller.abort();
    }
  }

  #applySettled(settled: readonly { callId: string; verdict: FinalVerdict }[]): void {
    for (const { callId, verdict } of settled) {
      const call = this.#waiting.get(callId);
      if (call === undefined) continue;
      this.#waiting.delete(callId);
      this.#settle(call, verdict);
    }
    this.#armExpiry();
  }

  #settle(call: ToolCallInfo, verdict: FinalVerdict): void {
    switch (verdict.kind) {
      case 'run':
        this.#deps.emit({ type: 'tool.decided', call, decision: 'run', reason: verdict.reason });
        this.#run(call);
        return;
      case 'refuse': {
        this.#deps.emit({ type: 'tool.decided', call, decision: 'refuse', reason: verdict.reason });
        const output = toolOutputs.refused(REFUSAL_TEXT[verdict.reason]);
        this.#deps.sendResult(call.callId, output, true);
        this.#deps.emit({ type: 'tool.finished', call, outcome: 'refused', output, durationMs: 0, sentToModel: true });
        return;
      }
    }
  }

  #run(call: ToolCallInfo): void {
    const controller = new AbortController();
    const slowAfterMs = this.#deps.slowAfterMs ?? SLOW_CALL_MS;
    const running: Running = {
      call,
      controller,
      startedMs: this.#now(),
      slowTimer: setTimeout(() => this.#deps.emit({ type: 'tool.slow', call }), slowAfterMs),
      silent: false,
      interrupted: false,
    };
    running.slowTimer.unref();
    this.#running.set(call.callId, running);
    void this.#deps.box.call(call.modelName, call.arguments, controller.signal).then((outcome) => {
      clearTimeout(running.slowTimer);
      this.#running.delete(call.callId);
      const sentToModel = !running.silent;
      if (sentToModel)
        this.#deps.sendResult(call.callId, outcome.output, !(running.interrupted && outcome.kind === 'cancelled'));
      this.#deps.emit({
        type: 'tool.finished',
        call,
        outcome: outcome.kind,
        output: outcome.output,
        durationMs: this.#now() - running.startedMs,
        sentToModel,
      });
    });
  }

  #armExpiry(): void {
    clearTimeout(this.#expiryTimer);
    const deadline = nextDeadlineMs(this.#approvals);
    if (deadline === undefined || this.#disposed) return;
    this.#expiryTimer = setTimeout(
      () => {
        const { state, settled } = expireApprovals(this.#approvals, this.#now());
        this.#approvals = state;
        this.#applySettled(settled);
      },
      Math.max(0, deadline - this.#now()),
    );
    this.#expiryTimer.unref();
  }
}

const REFUSAL_TEXT: Record<RefuseReason, string> = {
  user: 'they answered no',
  timeout: 'nobody confirmed it in time',
  headless: 'voicechat runs without a terminal to confirm in, and this tool is not on the allow list',
};

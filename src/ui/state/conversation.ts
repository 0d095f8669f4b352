import type { AudioReadyInfo, ControllerEvent } from '../../core/controller-events.js';
import type { ConnectionStatus } from '../../core/events.js';
import type { VadMode } from '../../core/session.js';
import type { TurnState } from '../../core/turn-state.js';
import type { UsageSnapshot } from '../../core/usage-meter.js';
import { clip, toolLabel } from '../tool-lines.js';
import {
  appendText,
  closeUserTurnsBefore,
  finishText,
  heardShare,
  markInterrupted,
  pushEntry,
  setText,
  settle,
  type TranscriptEntry,
} from './transcript.js';

export interface SessionInfo {
  provider: string;
  model: string;
  voice?: string | undefined;
  profile?: string | undefined;
  vad: VadMode;
}

/** The header's audio part: `echo: local · pulse`; undefined until audio started. */
export function audioLabel(audio: AudioReadyInfo | undefined, withBackend = true): string | undefined {
  if (audio === undefined) return undefined;
  return `echo: ${audio.echo}${audio.backend === undefined || !withBackend ? '' : ` · ${audio.backend}`}`;
}

export interface ConversationState {
  info: SessionInfo;
  connection: { status: ConnectionStatus; attempt?: number | undefined; detail?: string | undefined };
  /** Echo handling and backend as they run (from `audio.ready`). */
  audio: AudioReadyInfo | undefined;
  turn: TurnState;
  /** Entries that may still change (streaming text, awaited transcripts). */
  transcript: TranscriptEntry[];
  /** Entries that will not change again, oldest first; the TUI prints them once, into scrollback. */
  settled: TranscriptEntry[];
  /** Makes ids of entries without a provider id unique. */
  seq: number;
  muted: boolean;
  recording: boolean;
  latency: { lastMs?: number | undefined; p50Ms?: number | undefined; p95Ms?: number | undefined };
  /** Session tokens and estimated cost; undefined until the first reply reports usage. */
  usage: UsageSnapshot | undefined;
  startedAtMs: number;
  nowMs: number;
  typing: boolean;
  draft: string;
  showHelp: boolean;
  tools: ToolsState;
}

/** A call waiting for y/a/n: the first is shown; audio keeps flowing meanwhile. */
export interface PendingConfirmation {
  callId: string;
  tool: string;
  server: string;
  arguments: string;
  deadlineMs: number;
}

export interface ToolsState {
  confirmations: PendingConfirmation[];
  /** Calls running past the slow threshold: a spinner each. */
  slow: { callId: string; label: string; sinceMs: number }[];
}

export type UiAction =
  | { type: 'event'; event: ControllerEvent; atMs: number }
  | { type: 'tick'; atMs: number }
  | { type: 'help.toggle' }
  | { type: 'typing.start' }
  | { type: 'typing.cancel' }
  | { type: 'typing.draft'; text: string };

export function initialState(info: SessionInfo, atMs: number): ConversationState {
  return {
    info,
    connection: { status: 'connecting' },
    audio: undefined,
    turn: 'listening',
    transcript: [],
    settled: [],
    seq: 0,
    muted: false,
    recording: false,
    latency: {},
    usage: undefined,
    startedAtMs: atMs,
    nowMs: atMs,
    typing: false,
    draft: '',
    showHelp: false,
    tools: { confirmations: [], slow: [] },
  };
}

/** Pure reducer of everything the TUI shows. */
export function reduce(state: ConversationState, action: UiAction): ConversationState {
  switch (action.type) {
    case 'tick': {
      if (action.atMs - state.nowMs < 1000) return state;
      return { ...state, nowMs: action.atMs };
    }
    case 'help.toggle':
      return { ...state, showHelp: !state.showHelp };
    case 'typing.start':
      return { ...state, typing: true, draft: '' };
    case 'typing.cancel':
      return { ...state, typing: false, draft: '' };
    case 'typing.draft':
      return { ...state, draft: action.text };
    case 'event': {
      const next = reduceEvent(state, action.event, action.atMs);
      if (next.transcript === state.transcript) return next;
      const { live, settled } = settle(next.transcript, next.settled);
      return live === next.transcript ? next : { ...next, transcript: live, settled };
    }
  }
}

/** A one-off line (an error or a notice) under a fresh id. */
function withLine(state: ConversationState, role: 'error' | 'notice', text: string): ConversationState {
  return {
    ...state,
    seq: state.seq + 1,
    transcript: pushEntry(state.transcript, {
      id: `${role === 'error' ? 'e' : 'n'}:${state.seq}`,
      role,
      text,
      partial: false,
    }),
  };
}

function reduceEvent(state: ConversationState, event: ControllerEvent, atMs: number): ConversationState {
  switch (event.type) {
    case 'status':
      return { ...state, connection: { status: event.status, attempt: event.attempt, detail: event.detail } };
    case 'turn':
      return { ...state, turn: event.state };
    case 'usage':
      return { ...state, usage: event.session };
    case 'latency':
      return {
        ...state,
        latency: { lastMs: event.turn.firstPlayedMs, p50Ms: event.summary.p50Ms, p95Ms: event.summary.p95Ms },
      };
    case 'mic':
      return { ...state, muted: event.muted, recording: event.recording };
    case 'input.speech_started':
      return event.itemId === undefined
        ? state
        : {
            ...state,
            transcript: pushEntry(state.transcript, { id: `u:${event.itemId}`, role: 'user', text: '', partial: true }),
          };
    case 'input.transcript.delta':
      return { ...state, transcript: appendText(state.transcript, `u:${event.itemId}`, 'user', event.delta) };
    case 'input.transcript.done':
      return { ...state, transcript: finishText(state.transcript, `u:${event.itemId}`, 'user', event.text) };
    case 'user.text':
      return {
        ...state,
        typing: false,
        draft: '',
        seq: state.seq + 1,
        transcript: pushEntry(state.transcript, {
          id: `t:${state.seq}`,
          role: 'user',
          text: event.text,
          partial: false,
        }),
      };
    case 'response.text.delta':
      return { ...state, transcript: appendText(state.transcript, `a:${event.responseId}`, 'assistant', event.delta) };
    case 'response.text.done':
      return { ...state, transcript: setText(state.transcript, `a:${event.responseId}`, 'assistant', event.text) };
    case 'response.done':
      return { ...state, transcript: closeUserTurnsBefore(state.transcript, `a:${event.responseId}`) };
    case 'playback.finished':
      // a reply is final once it has been heard (or cut off): only then can no interruption mark it
      return { ...state, transcript: finishText(state.transcript, `a:${event.responseId}`, 'assistant', undefined) };
    case 'interrupted':
      return {
        ...state,
        transcript: markInterrupted(state.transcript, `a:${event.responseId}`, heardShare(event)),
      };
    case 'tool.confirm':
      return {
        ...state,
        tools: {
          ...state.tools,
          confirmations: [
            ...state.tools.confirmations,
            {
              callId: event.call.callId,
              tool: event.call.toolName,
              server: event.call.source,
              arguments: event.call.arguments,
              deadlineMs: event.deadlineMs,
            },
          ],
        },
      };
    case 'tool.decided':
      return {
        ...state,
        tools: {
          ...state.tools,
          confirmations: state.tools.confirmations.filter((c) => c.callId !== event.call.callId),
        },
      };
    case 'tool.slow':
      return {
        ...state,
        tools: {
          ...state.tools,
          slow: [...state.tools.slow, { callId: event.call.callId, label: toolLabel(event.call), sinceMs: atMs }],
        },
      };
    case 'tool.finished': {
      const label = `${toolLabel(event.call)}(${clip(event.call.arguments, 60)})`;
      const outcome = event.outcome === 'ok' ? clip(event.output, 160) : `${event.outcome}: ${clip(event.output, 120)}`;
      return {
        ...state,
        tools: {
          confirmations: state.tools.confirmations.filter((c) => c.callId !== event.call.callId),
          slow: state.tools.slow.filter((c) => c.callId !== event.call.callId),
        },
        transcript: pushEntry(state.transcript, {
          id: `x:${event.call.callId}`,
          role: 'tool',
          text: `${label} → ${outcome}`,
          partial: false,
        }),
      };
    }
    case 'error':
      return withLine(
        state,
        'error',
        `${event.error.code === undefined ? '' : `[${event.error.code}] `}${event.error.message}`,
      );
    case 'engine.error':
      return withLine(state, 'error', `[audio] ${event.message}`);
    case 'notice':
      return withLine(state, 'notice', event.message);
    case 'audio.ready': {
      const { type: _type, ...audio } = event;
      const next = { ...state, audio };
      return audio.degradedReason === undefined ? next : withLine(next, 'notice', audio.degradedReason);
    }
    case 'session.expiring':
    case 'session.ready':
    case 'input.speech_stopped':
    case 'input.committed':
    case 'response.started':
    case 'response.audio.done':
    case 'response.interrupted':
    case 'tool.call':
    case 'tool.cancelled':
    case 'rate_limits':
      return state;
    case 'levels':
      // levels go to the MeterBoard, never through this state: a level tick must not re-render the App
      return state;
  }
}

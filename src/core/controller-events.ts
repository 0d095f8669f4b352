import type { AudioLevels } from './audio-engine.js';
import type { ExitCodeValue } from './errors.js';
import type { InterruptCause } from './barge-in.js';
import type { SessionEvent } from './events.js';
import type { LatencySummary, TurnLatency } from './latency-clock.js';
import type { ToolCallEvent } from './tool-calls.js';
import type { TurnState } from './turn-state.js';
import type { TurnCost, UsageSnapshot } from './usage-meter.js';

/** What processes the microphone and which audio backend runs (TUI header, recording, log). */
export interface AudioReadyInfo {
  /** `local` = WebRTC AEC3 here, `gate` = the echo gate, `server` = the provider's own, `off`. */
  echo: 'local' | 'gate' | 'server' | 'off';
  noiseSuppression: boolean;
  /** Why less than asked for runs (e.g. the WebRTC library did not load). */
  degradedReason?: string;
  /** `portaudio` | `pulse`; absent when files stand in for both devices. */
  backend?: string;
}

/** What the controller tells the UI: session events without audio, plus what it derived. */
export type ControllerEvent =
  | Exclude<SessionEvent, { type: 'response.audio' }>
  | { type: 'turn'; state: TurnState }
  | { type: 'levels'; input: AudioLevels; output: AudioLevels }
  | { type: 'latency'; turn: TurnLatency; summary: LatencySummary }
  | { type: 'interrupted'; responseId: string; heardMs: number; receivedMs: number; cause: InterruptCause }
  /** A tool call's confirmation, decision, spinner and outcome. */
  | ToolCallEvent
  | { type: 'mic'; muted: boolean; recording: boolean }
  | { type: 'user.text'; text: string }
  /** The audio engine failed; `final` when it will not recover by itself and the run must end. */
  | { type: 'engine.error'; message: string; final: boolean; exitCode: ExitCodeValue }
  /**
   * A response's usage priced once for every consumer (UI, plain log, --json, recorder): the
   * turn, the session totals, and whether `--max-cost` ends the session after this reply.
   */
  | { type: 'usage'; responseId: string; turn: TurnCost; session: UsageSnapshot; stopAfterReply: boolean }
  /** Audio started: echo handling and backend as they actually run. */
  | ({ type: 'audio.ready' } & AudioReadyInfo)
  /** A response's audio finished playing (or it had none). */
  | { type: 'playback.finished'; responseId: string };

import { errorFromSessionInfo, ExitCode, VoicechatError, type ExitCodeValue } from '../core/errors.js';
import type { SessionErrorInfo } from '../core/events.js';
import type { Controller } from '../core/controller.js';
import { formatLatencySummary } from '../core/latency-clock.js';
import { runEndingError } from '../core/run-ending.js';
import { formatUsageSummary } from '../core/usage-meter.js';
import type { Recorder } from '../record/recorder.js';

/** How a conversation ended: an exit code, or the error to report. */
export type RunOutcome = ExitCodeValue | VoicechatError;

export interface LifecycleInput {
  controller: Controller;
  recorder: Recorder | undefined;
  /** Stops what the run started besides the controller (MCP servers), after the controller. */
  release?: () => Promise<void>;
  /** Waits at most this long for the socket and audio to close (the TUI gives the terminal back first). */
  stopTimeoutMs?: number | undefined;
  /** Runs first when the run ends, before anything is stopped (e.g. unmount the UI). */
  beforeStop?: () => void;
  /** Extra lines for stderr after the latency summary. */
  epilogue?: () => string | undefined;
  /** Print the latency summary of a run that started (default true; a one-shot reply has no turns to time). */
  latencySummary?: boolean;
  /** The model, for the usage line printed next to the latency summary (none without it). */
  usageModel?: string | undefined;
  /** The error a fatal session error ends the run with (default: its own message and exit code). */
  fatalError?: (info: SessionErrorInfo) => VoicechatError;
}

/**
 * The one lifecycle of a conversation (TUI and plain): a done promise any part may settle (first
 * wins), Ctrl+C / SIGTERM -> 130, a fatal session error -> its exit code; then, always, stop the
 * controller, close the recording, and print the latency summary of a run that started.
 */
export class RunLifecycle {
  readonly #input: LifecycleInput;
  readonly #done: Promise<RunOutcome>;
  #settle: (outcome: RunOutcome) => void = () => undefined;
  #settled = false;

  constructor(input: LifecycleInput) {
    this.#input = input;
    this.#done = new Promise<RunOutcome>((resolve) => {
      this.#settle = resolve;
    });
    const fatalError = input.fatalError ?? errorFromSessionInfo;
    /** `--max-cost` passed: the reply that passed it finishes playing, then the run ends with 0. */
    let lastReply: string | undefined;
    input.controller.subscribe((event) => {
      if (event.type === 'error' && event.error.fatal) this.finish(fatalError(event.error));
      else if (event.type === 'usage' && event.stopAfterReply) lastReply = event.responseId;
      else if (event.type === 'playback.finished' && event.responseId === lastReply) this.finish(ExitCode.ok);
      // a final engine failure (the audio could not be restarted) ends the run too
      else if (event.type === 'engine.error') {
        const ending = runEndingError(event);
        if (ending !== undefined) this.finish(ending);
      }
    });
  }

  /** Ends the run with this outcome; later calls are ignored. */
  finish(outcome: RunOutcome): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#settle(outcome);
  }

  /**
   * Starts the controller (then `afterStart`, e.g. to send the first turn), waits for the
   * outcome, and cleans up; throws the error outcome.
   */
  async run(afterStart?: () => void): Promise<ExitCodeValue> {
    const onSignal = (): void => this.finish(ExitCode.interrupted);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const { controller } = this.#input;
    let started = false;
    try {
      const startResult = controller.start().then(
        () => {
          started = true;
          if (!this.#settled) afterStart?.();
          return undefined;
        },
        (error: unknown) => ({ error }),
      );
      // a quit or a signal while connecting ends the run without waiting for the connection
      const first = await Promise.race([startResult, this.#done.then((outcome) => ({ outcome }))]);
      if (first !== undefined && 'error' in first) throw first.error;
      if (first !== undefined && first.outcome instanceof VoicechatError) {
        // an error while connecting: the connect failure itself, when there is one, says more
        const failed = await startResult;
        if (failed !== undefined) throw failed.error;
      }
      const outcome = await this.#done;
      if (outcome instanceof VoicechatError) throw outcome;
      return outcome;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await this.#cleanUp(started);
    }
  }

  async #cleanUp(started: boolean): Promise<void> {
    const { controller, recorder, stopTimeoutMs } = this.#input;
    this.#input.beforeStop?.();
    const stopped = controller.stop();
    await (stopTimeoutMs === undefined
      ? stopped
      : Promise.race([stopped, new Promise((r) => setTimeout(r, stopTimeoutMs).unref())]));
    await this.#input.release?.();
    recorder?.close();
    if (started && this.#input.latencySummary !== false)
      process.stderr.write(`${formatLatencySummary(controller.latencySummary)}\n`);
    const usage = controller.usage;
    if (started && this.#input.usageModel !== undefined && usage.turns > 0)
      process.stderr.write(`${formatUsageSummary(usage, this.#input.usageModel)}\n`);
    const epilogue = this.#input.epilogue?.();
    if (epilogue !== undefined) process.stderr.write(`${epilogue}\n`);
  }
}

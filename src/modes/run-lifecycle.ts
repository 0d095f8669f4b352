import { errorFromSessionInfo, ExitCode, VoicechatError, type ExitCodeValue } from '../core/errors.js';
import type { Controller } from '../core/controller.js';
import { formatLatencySummary } from '../core/latency-clock.js';
import type { Recorder } from '../record/recorder.js';

/** How a conversation ended: an exit code, or the error to report. */
export type RunOutcome = ExitCodeValue | VoicechatError;

export interface LifecycleInput {
  controller: Controller;
  recorder: Recorder | undefined;
  /** Waits at most this long for the socket and audio to close (the TUI gives the terminal back first). */
  stopTimeoutMs?: number | undefined;
  /** Runs first when the run ends, before anything is stopped (e.g. unmount the UI). */
  beforeStop?: () => void;
  /** Extra lines for stderr after the latency summary. */
  epilogue?: () => string | undefined;
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
    input.controller.subscribe((event) => {
      if (event.type === 'error' && event.error.fatal) this.finish(errorFromSessionInfo(event.error));
    });
  }

  /** Ends the run with this outcome; later calls are ignored. */
  finish(outcome: RunOutcome): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#settle(outcome);
  }

  /** Starts the controller, waits for the outcome, and cleans up; throws the error outcome. */
  async run(): Promise<ExitCodeValue> {
    const onSignal = (): void => this.finish(ExitCode.interrupted);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const { controller } = this.#input;
    let started = false;
    try {
      const start = controller.start().then(() => {
        started = true;
      });
      // when the run ends first, a late connect failure has nobody left to tell
      start.catch(() => undefined);
      // a quit or a signal during connect ends the run without waiting for the connection
      await Promise.race([start, this.#done.then(() => undefined)]);
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
    recorder?.close();
    if (started) process.stderr.write(`${formatLatencySummary(controller.latencySummary)}\n`);
    const epilogue = this.#input.epilogue?.();
    if (epilogue !== undefined) process.stderr.write(`${epilogue}\n`);
  }
}

import type { Logger } from '../../core/log.js';
import type { AudioLevels } from '../engine-types.js';
import { LevelWindow } from '../meter.js';
import { wallClockMs } from '../sink.js';
import type { EchoCanceller } from './echo-canceller.js';
import { createEchoCanceller, type EchoOptions, type EchoStatus } from './create-echo-canceller.js';
import { EchoStage, type PlayedAt } from './echo-stage.js';

export interface EngineEchoOptions {
  echo: EchoOptions;
  inputSampleRate: number;
  outputSampleRate: number;
  /** The player's rate (its positions are in these samples); the output rate without a sink. */
  sinkSampleRate: number;
  /** Sink samples of a response heard by `atMs` (the player's position clock; 0 without a sink). */
  playedSamples: PlayedAt;
  logger: Logger;
  /** Test and bench hook: every microphone frame before and after cancellation. */
  onFrames?: (raw: Int16Array, cleaned: Int16Array) => void;
  /** Bench and test hook: wraps the canceller, to see the order in which both streams reach it. */
  observeCanceller?: (canceller: EchoCanceller) => EchoCanceller;
}

export interface EngineEcho {
  readonly status: EchoStatus;
  /** Cleans a microphone frame (the far end up to now is fed first). */
  process(pcm: Int16Array): Int16Array;
  /** Reply audio handed to the player. */
  played(pcm: Int16Array, responseId: string): void;
  /** The player dropped its queue; `played` is what it had played (sink samples per response). */
  flush(played: ReadonlyMap<string, number>): void;
  /** Meter levels of what is sent, at most every 50 ms (the capture host meters the raw mic). */
  onLevels(listener: (levels: AudioLevels) => void): void;
  dispose(): void;
}

/**
 * The engine's echo path, one object so the engine needs a few calls: runs in the parent, which
 * holds the player's clock and sees both streams at the session rates (docs/architecture.md).
 * Returns undefined when nothing is to run (`off` without noise suppression).
 */
export function createEngineEcho(options: EngineEchoOptions): EngineEcho | undefined {
  const { canceller, status } = createEchoCanceller(options.echo, {
    farRate: options.outputSampleRate,
    nearRate: options.inputSampleRate,
  });
  if (status.degradedReason !== undefined) options.logger.warn(status.degradedReason);
  if (canceller === undefined) return undefined;
  options.logger.info(`echo: ${status.echo}${status.noiseSuppression ? ', noise suppression' : ''}`);
  const stage = new EchoStage({
    canceller: options.observeCanceller?.(canceller) ?? canceller,
    farRate: options.outputSampleRate,
    nearRate: options.inputSampleRate,
    sinkRate: options.sinkSampleRate,
  });
  const levels = new LevelWindow(50);
  let levelsListener: ((levels: AudioLevels) => void) | undefined;
  let isBroken = false;
  return {
    status,
    process(pcm) {
      let cleaned = pcm;
      if (!isBroken) {
        try {
          cleaned = stage.process(pcm, wallClockMs(), options.playedSamples);
        } catch (error) {
          // a failing canceller must not take the microphone with it
          isBroken = true;
          options.logger.warn(`echo cancellation stopped: ${(error as Error).message}`);
        }
      }
      options.onFrames?.(pcm, cleaned);
      levels.add(cleaned);
      const level = levels.take(wallClockMs());
      if (level !== undefined) levelsListener?.(level);
      return cleaned;
    },
    played: (pcm, responseId) => stage.played(pcm, responseId),
    flush: (played) => stage.flush(played, wallClockMs()),
    onLevels(listener) {
      levelsListener = listener;
    },
    dispose() {
      options.logger.info(`echo alignment: ${JSON.stringify(stage.alignment)}`);
      stage.dispose();
    },
  };
}

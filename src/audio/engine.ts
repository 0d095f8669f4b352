import { BoundedMap } from '../core/bounded-map.js';
import { createEmitter } from '../core/emitter.js';
import { silentLogger, type Logger } from '../core/log.js';
import { assertNever } from '../core/assert-never.js';
import { DeviceSink } from './device-sink.js';
import { DeviceSource } from './device-source.js';
import type {
  AudioEngine,
  AudioEngineOptions,
  AudioLevels,
  AudioSink,
  AudioSource,
  EngineFailure,
  PlaybackReport,
} from './engine-types.js';
import { FileSink } from './file-sink.js';
import { FileSource } from './file-source.js';
import type { HostClientOptions } from './host-client.js';
import { SILENT_LEVELS } from './meter.js';
import { AudioStreamError, isFinalAudioError } from './host-errors.js';
import { PlayedTap } from './played-tap.js';
import { createResampler, type Resampler } from './resampler.js';
import type { AudioBackendChoice, ResolvedBackend } from './backend/choose-backend.js';
import { hostSpawnerFor } from './backend/host-spawner.js';
import { PULSE_MAX_QUEUE, PULSE_OUTPUT_LATENCY_MS } from './backend/pulse-player.js';
import { resolveBackend } from './backend/resolve-backend.js';
import type { EchoStatus } from './echo/create-echo-canceller.js';
import { createEngineEcho, type EngineEcho, type EngineEchoOptions } from './echo/engine-echo.js';
import type { CaptureSource, PlaybackSink } from './sink.js';

export const DEVICE_SAMPLE_RATE = 48_000;
export const DEFAULT_FRAME_MS = 20;
/** The player starts a response after this much is buffered (the 60-100 ms the stack notes advise). */
export const DEFAULT_PREBUFFER_MS = 80;
/** naudiodon native queue depth for playback, in 20 ms chunks. */
export const DEFAULT_MAX_QUEUE = 3;
/**
 * PulseAudio's buffer after naudiodon's callback: on the virtual devices the estimate without it ran
 * 32-37 ms ahead of what the monitor recorded (3 runs; bench/audio.ts measures it again). Error
 * bound of playedMs: about +-5 ms here; on other devices +-(their buffer - 35 ms) + one 20 ms chunk.
 */
export const DEFAULT_OUTPUT_LATENCY_MS = 35;
const LEVELS_INTERVAL_MS = 50;
const STALE_LEVELS_MS = 150;
/** Responses whose received length is remembered for playedMs/flush; older ones are long finished. */
const TRACKED_RESPONSES = 64;

export interface AudioEngineDeps {
  logger?: Logger;
  /** Called for every audio host process spawned (tests kill or stop them). */
  onHostSpawn?: HostClientOptions['onSpawn'];
  outputLatencyMs?: number;
  prebufferMs?: number;
  maxQueue?: number;
  /**
   * `session`: open devices at the session's rates and let the sound server convert (no
   * resampling in our processes), falling back to 48 kHz + our resampler when a device refuses.
   * A number forces that device rate.
   */
  deviceRate?: 'session' | number;
  /**
   * Keep a second player ready so output resumes instantly after a barge-in. Default: on for
   * `pulse` (a spare pacat costs ~4 MB), off for `portaudio` (a spare Node host costs ~45 MB).
   */
  warmSparePlayer?: boolean;
  /** `auto` (default): PortAudio where naudiodon2 loads, else PulseAudio/PipeWire command-line streams. */
  backend?: AudioBackendChoice;
  /** Test and bench hook: each microphone frame before and after echo cancellation. */
  onEchoFrames?: EngineEchoOptions['onFrames'];
  /** Bench and test hook: sees (and may wrap) the canceller, to observe how both streams reach it. */
  observeEchoCanceller?: EngineEchoOptions['observeCanceller'];
}

/** Which backend the engine's devices use, and why; undefined until start() opened a device. */
export interface BackendReport {
  backend(): ResolvedBackend | undefined;
}

/** Creates the duplex engine; nothing is spawned or opened until start(). Never loads naudiodon. */
export function createAudioEngine(
  options: AudioEngineOptions,
  deps: AudioEngineDeps = {},
): AudioEngine & BackendReport {
  const logger = deps.logger ?? silentLogger;
  let chosen: ResolvedBackend | undefined;
  const pickBackend = async (): Promise<ResolvedBackend> => {
    chosen = await resolveBackend(deps.backend ?? 'auto');
    return chosen;
  };
  const frameMs = options.frameMs ?? DEFAULT_FRAME_MS;
  const frames = createEmitter<Int16Array>();
  const levelsOut = createEmitter<{ input: AudioLevels; output: AudioLevels }>();
  const started = createEmitter<string>();
  const errors = createEmitter<EngineFailure>();
  const playedOut = createEmitter<{ pcm: Int16Array; responseId: string }>();
  const emitPlayed = (pcm: Int16Array, responseId: string): void => playedOut.emit({ pcm, responseId });
  let tap: PlayedTap | undefined;
  const receivedSamples = new BoundedMap<string, number>(TRACKED_RESPONSES);
  let source: CaptureSource | undefined;
  let sink: PlaybackSink | undefined;
  let playResampler: Resampler | undefined;
  let echo: EngineEcho | undefined;
  let echoStatus: EchoStatus | undefined;
  let levelsTimer: NodeJS.Timeout | undefined;
  const latest = { input: SILENT_LEVELS, output: SILENT_LEVELS, inputAtMs: 0, outputAtMs: 0 };
  let lastEmitted = '';

  const startNow = async <T extends CaptureSource | PlaybackSink>(device: T): Promise<T> => {
    await device.start();
    return device;
  };

  const firstDeviceRate = (sessionRate: number): number =>
    deps.deviceRate === undefined || deps.deviceRate === 'session' ? sessionRate : deps.deviceRate;

  /** Starts a device at `rate`, or at 48 kHz when the device refuses that rate. */
  const startAt = async <T extends CaptureSource | PlaybackSink>(
    rate: number,
    make: (rate: number) => Promise<T>,
  ): Promise<T> => {
    const device = await make(rate);
    try {
      await device.start();
      return device;
    } catch (error) {
      await device.stop();
      if (rate === DEVICE_SAMPLE_RATE || !(error instanceof AudioStreamError)) throw error;
      logger.info(`the device refused ${rate} Hz (${error.message}); using ${DEVICE_SAMPLE_RATE} Hz and resampling`);
      const fallback = await make(DEVICE_SAMPLE_RATE);
      await fallback.start();
      return fallback;
    }
  };

  const openSource = async (spec: AudioSource): Promise<CaptureSource | undefined> => {
    switch (spec.kind) {
      case 'device': {
        const { backend } = await pickBackend();
        return startAt(
          firstDeviceRate(options.inputSampleRate),
          async (rate) =>
            new DeviceSource({
              device: spec.device,
              deviceRate: rate,
              frameMs,
              resampler: await createResampler(rate, options.inputSampleRate),
              logger,
              onSpawn: deps.onHostSpawn,
              spawn: hostSpawnerFor(backend),
            }),
        );
      }
      case 'file':
        return startNow(new FileSource(spec.path, options.inputSampleRate, frameMs));
      case 'none':
        return undefined;
      default:
        return assertNever(spec, 'audio source');
    }
  };

  const openSink = async (spec: AudioSink): Promise<PlaybackSink | undefined> => {
    switch (spec.kind) {
      case 'device': {
        const { backend } = await pickBackend();
        const isPulse = backend === 'pulse';
        const device = await startAt(firstDeviceRate(options.outputSampleRate), (rate) =>
          Promise.resolve(
            new DeviceSink({
              device: spec.device,
              sampleRate: rate,
              frameMs,
              prebufferMs: deps.prebufferMs ?? DEFAULT_PREBUFFER_MS,
              maxQueue: deps.maxQueue ?? (isPulse ? PULSE_MAX_QUEUE : DEFAULT_MAX_QUEUE),
              outputLatencyMs: deps.outputLatencyMs ?? (isPulse ? PULSE_OUTPUT_LATENCY_MS : DEFAULT_OUTPUT_LATENCY_MS),
              warmSpare: deps.warmSparePlayer ?? isPulse,
              // AEC3 needs one continuous play-to-capture delay
              keepFed: options.echo?.mode === 'local',
              logger,
              onSpawn: deps.onHostSpawn,
              spawn: hostSpawnerFor(backend),
            }),
          ),
        );
        playResampler = await createResampler(options.outputSampleRate, device.sampleRate);
        return device;
      }
      case 'file':
        return startNow(new FileSink(spec.path, options.outputSampleRate));
      case 'none':
        // a virtual player with no file keeps playedMs/flush meaningful without a speaker
        return startNow(new FileSink(undefined, options.outputSampleRate));
      default:
        return assertNever(spec, 'audio sink');
    }
  };

  const emitLevels = (): void => {
    const now = Date.now();
    const input = now - latest.inputAtMs > STALE_LEVELS_MS ? SILENT_LEVELS : latest.input;
    const output = now - latest.outputAtMs > STALE_LEVELS_MS ? SILENT_LEVELS : latest.output;
    const key = `${input.rmsDb},${input.peakDb},${output.rmsDb},${output.peakDb}`;
    // an idle engine stays quiet: only changes are reported
    if (key === lastEmitted) return;
    lastEmitted = key;
    levelsOut.emit({ input, output });
  };

  const advancePlayed = (): void => {
    const s = sink;
    if (tap === undefined || s === undefined) return;
    tap.advance((id) => s.playedSamples(id), emitPlayed);
  };

  const playedMsOf = (responseId: string): number => {
    if (sink === undefined) return 0;
    const playedMs = (sink.playedSamples(responseId) * 1000) / sink.sampleRate;
    const receivedMs = ((receivedSamples.get(responseId) ?? 0) * 1000) / options.outputSampleRate;
    return Math.min(playedMs, receivedMs);
  };

  return {
    backend: () => chosen,
    async start() {
      const [input, output] = await Promise.allSettled([openSource(options.input), openSink(options.output)]);
      if (input.status === 'rejected' || output.status === 'rejected') {
        await Promise.allSettled([
          input.status === 'fulfilled' ? input.value?.stop() : undefined,
          output.status === 'fulfilled' ? output.value?.stop() : undefined,
        ]);
        throw input.status === 'rejected' ? input.reason : (output as PromiseRejectedResult).reason;
      }
      source = input.value;
      sink = output.value;
      const s = sink;
      if (source !== undefined && options.echo !== undefined) {
        echo = createEngineEcho({
          echo: options.echo,
          inputSampleRate: options.inputSampleRate,
          outputSampleRate: options.outputSampleRate,
          sinkSampleRate: s?.sampleRate ?? options.outputSampleRate,
          playedSamples: (id, atMs) => s?.playedSamples(id, atMs) ?? 0,
          logger,
          onFrames: deps.onEchoFrames,
          observeCanceller: deps.observeEchoCanceller,
        });
        echoStatus = echo?.status ?? { echo: 'off', noiseSuppression: false };
        // the meter shows what is sent: after cancellation
        echo?.onLevels((levels) => Object.assign(latest, { input: levels, inputAtMs: Date.now() }));
      }
      if (source !== undefined) {
        const e = echo;
        source.onFrame((pcm) => frames.emit(e === undefined ? pcm : e.process(pcm)));
        if (e === undefined)
          source.onLevels((levels) => Object.assign(latest, { input: levels, inputAtMs: Date.now() }));
        source.onError((error) => errors.emit({ error, final: isFinalAudioError(error) }));
      }
      if (sink !== undefined) {
        sink.onStarted((id) => started.emit(id));
        sink.onLevels((levels) => Object.assign(latest, { output: levels, outputAtMs: Date.now() }));
        sink.onError((error) => errors.emit({ error, final: isFinalAudioError(error) }));
      }
      if (sink !== undefined) tap = new PlayedTap(options.outputSampleRate, sink.sampleRate);
      levelsTimer = setInterval(() => {
        emitLevels();
        advancePlayed();
      }, LEVELS_INTERVAL_MS);
      levelsTimer.unref();
    },
    onFrame: (listener) => frames.subscribe(listener),
    onLevels: (listener) => levelsOut.subscribe(listener),
    onPlayed: (listener) => playedOut.subscribe(({ pcm, responseId }) => listener(pcm, responseId)),
    onPlaybackStarted: (listener) => started.subscribe(listener),
    onError: (listener) => errors.subscribe(listener),
    play(pcm, responseId) {
      if (sink === undefined || pcm.length === 0) return;
      receivedSamples.set(responseId, (receivedSamples.get(responseId) ?? 0) + pcm.length);
      // nothing is kept for a recorder that is not listening
      if (playedOut.size > 0) tap?.push(pcm, responseId);
      echo?.played(pcm, responseId);
      sink.write(playResampler === undefined ? pcm : playResampler.process(pcm), responseId);
    },
    flush() {
      if (sink === undefined) return [];
      const played = sink.flush();
      playResampler?.reset();
      tap?.flush(played, emitPlayed);
      echo?.flush(played);
      const reports: PlaybackReport[] = [];
      for (const [responseId, samples] of played) {
        const receivedMs = ((receivedSamples.get(responseId) ?? 0) * 1000) / options.outputSampleRate;
        const playedMs = Math.min(receivedMs, (samples * 1000) / sink.sampleRate);
        if (playedMs < receivedMs) reports.push({ responseId, playedMs, receivedMs });
      }
      return reports;
    },
    playedMs: playedMsOf,
    setMuted(muted) {
      source?.setMuted(muted);
    },
    async drain() {
      await sink?.drain();
      tap?.emitAll(emitPlayed);
    },
    async stop() {
      if (levelsTimer !== undefined) clearInterval(levelsTimer);
      advancePlayed();
      await Promise.allSettled([source?.stop(), sink?.stop()]);
      echo?.dispose();
      echo = undefined;
    },
    echoStatus: () => echoStatus,
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { assertNever } from '../../core/assert-never.js';
import { createEmitter } from '../../core/emitter.js';
import { AudioDeviceError, isVoicechatError, type VoicechatError } from '../../core/errors.js';
import { samplesFor } from '../chunker.js';
import type { HostClient, HostClientOptions } from '../host-client.js';
import { AudioHostError, AudioStreamError } from '../host-errors.js';
import { pcmToBytes, type FromHost, type ToHost } from '../host/protocol.js';
import { LevelWindow } from '../meter.js';
import { PlaybackQueue } from '../playback-queue.js';
import { PlaybackTimeline } from '../playback-timeline.js';
import { wallClockMs } from '../sink.js';
import { timingEnabled, traceTiming } from '../../core/timing-trace.js';
import { PacatClock } from './pacat-clock.js';
import { pacatArgs } from './pulse-commands.js';
import { PULSE_INSTALL_HINT, resolvePulseDevice } from './pulse-tools.js';

/**
 * PulseAudio's buffer target (tlength) for our playback stream: a SIGKILL discards it, so it costs
 * nothing at barge-in, but it is the stall tolerance of pacat itself. 40 ms underran (8-30
 * glitches in the tone test at load average 9-11); 100 ms: none.
 */
export const PULSE_PLAYBACK_LATENCY_MS = 100;
/**
 * Chunks the pump keeps written ahead of its clock (the `maxQueue` of this backend). The pump runs
 * in the parent's event loop (UI, WebSocket), so it needs more stall tolerance than the PortAudio
 * host's own loop: 8 + 1 chunks = 180 ms. What sits in the pipe costs nothing at barge-in (the
 * kill drops it) and does not move the heard position (the server starts on its prebuffer).
 * With 3 (80 ms) the network-pace tone test glitched 8-11 times at load average 9-11.
 */
export const PULSE_MAX_QUEUE = 8;
/**
 * From the pump's clock position to the listener. The pump keeps `maxQueue` chunks (60 ms) ahead
 * of its clock and the server starts the stream as soon as its prebuffer fills, so the clock's
 * position is what is heard: with 35 ms (PortAudio's figure) playedMs ran 36 ms behind the
 * monitor (median of 12 flushes, bench/audio.ts); with 0 see bench/README.md.
 */
export const PULSE_OUTPUT_LATENCY_MS = 0;
/** One wake-up of pacat per 20 ms chunk; 10 ms doubled pacat's wake-ups for nothing. */
const PROCESS_TIME_MS = 20;
/** pacat prints nothing once its stream runs; an exit within this long is a start-up failure. */
const READY_GRACE_MS = 50;
const MAX_PAD_MS = 400;
/** 1 s of PCM16 beyond the pipe: pacat stopped reading. */
const STALLED_BYTES_PER_HZ = 2;

/**
 * The `pulse` backend's player: a pacat process fed from this (the parent) process, no Node host.
 * Speaks the player-host contract (`ready`, `accepted`, `levels`; `pcm`/`end`/`quit` in), so the
 * DeviceSink cannot tell it from the PortAudio host. pacat gives no write-completion callback,
 * so the pump paces itself: it keeps `maxQueue` chunks ahead of its own real-time clock, and an
 * `accepted` is the moment a chunk went into pacat's pipe. Barge-in is a SIGKILL of pacat: the
 * server drops the stream and its buffer.
 */
export function spawnPulsePlayer(options: HostClientOptions): HostClient {
  const { config, logger } = options;
  const messages = createEmitter<{ message: FromHost; payload: Buffer }>();
  const errors = createEmitter<VoicechatError>();
  let child: ChildProcess | undefined;
  let isDone = false;
  let isReady = false;
  let stderr = '';
  let resolveReady: (name: string) => void = () => {};
  let rejectReady: (error: VoicechatError) => void = () => {};
  const ready = new Promise<string>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {});

  const chunkSamples = samplesFor(config.frameMs, config.sampleRate);
  const queue = new PlaybackQueue({
    chunkSamples,
    frameMs: config.frameMs,
    prebufferSamples: samplesFor(config.prebufferMs, config.sampleRate),
    prebufferWaitMs: config.prebufferMs,
    partialWaitMs: config.frameMs * 2,
    maxPadSamples: samplesFor(MAX_PAD_MS, config.sampleRate),
  });
  // written ahead of the clock: the same bound the DeviceSink's timeline assumes (maxQueue + 1
  // chunks). Refill only once two chunks have room, so the parent wakes every 40 ms, not 20.
  const leadSamples = (config.maxQueue + 1) * chunkSamples;
  const refillSamples = Math.min(2 * chunkSamples, leadSamples);
  const clock = new PlaybackTimeline({
    sampleRate: config.sampleRate,
    outputLatencyMs: 0,
    maxInFlightSamples: Number.POSITIVE_INFINITY,
  });
  const levels = new LevelWindow(50);
  // what the server has really played (pacat --verbose): the clock above only assumes it
  const playedClock = new PacatClock(config.sampleRate);
  let timer: NodeJS.Timeout | undefined;

  const emit = (message: FromHost): void => messages.emit({ message, payload: Buffer.alloc(0) });
  const fail = (error: VoicechatError): void => {
    if (isDone) return;
    isDone = true;
    if (timer !== undefined) clearTimeout(timer);
    child?.kill('SIGKILL');
    if (isReady) errors.emit(error);
    else rejectReady(error);
  };

  /** Writes every chunk that fits within the lead, then sleeps until the clock frees room. */
  const pump = (): void => {
    timer = undefined;
    const stdin = child?.stdin;
    if (isDone || stdin === null || stdin === undefined) return;
    for (let written = 0; ; written++) {
      const now = wallClockMs();
      const inFlight = clock.acceptedSamples - clock.heardSamples(now);
      const room = written === 0 ? refillSamples : chunkSamples;
      if (inFlight + room > leadSamples) {
        schedule(now + ((inFlight + refillSamples - leadSamples) * 1000) / config.sampleRate);
        return;
      }
      const next = queue.take(now, inFlight);
      if (next.kind === 'wait') {
        if (next.untilMs !== undefined) schedule(next.untilMs);
        return;
      }
      stdin.write(pcmToBytes(next.chunk.pcm));
      // pacat has no heartbeat: a stopped or wedged pacat shows as its pipe (64 KB) and then
      // our write buffer backing up
      if (stdin.writableLength > STALLED_BYTES_PER_HZ * config.sampleRate) {
        fail(new AudioHostError(config.role, 'unresponsive', `pacat pid ${child?.pid} stopped reading`));
        return;
      }
      const acceptedAtMs = wallClockMs();
      clock.accept(acceptedAtMs, chunkSamples, []);
      levels.add(next.chunk.pcm);
      const level = levels.take(acceptedAtMs);
      const accepts = [{ atMs: acceptedAtMs, chunkSamples, parts: next.chunk.parts }];
      emit(level === undefined ? { type: 'accepted', accepts } : { type: 'accepted', accepts, levels: level });
    }
  };
  const schedule = (atMs: number): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(pump, Math.max(1, atMs - wallClockMs()));
  };
  const wake = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (isReady) pump();
  };

  const start = async (): Promise<void> => {
    let device: string | undefined;
    try {
      device = await resolvePulseDevice(config.device, 'output');
    } catch (error) {
      fail(isVoicechatError(error) ? error : new AudioDeviceError(String(error)));
      return;
    }
    if (isDone) return;
    const args = pacatArgs({
      verbose: true,
      device,
      sampleRate: config.sampleRate,
      latencyMs: PULSE_PLAYBACK_LATENCY_MS,
      processTimeMs: PROCESS_TIME_MS,
      streamName: 'voicechat playback',
    });
    const proc = spawn('pacat', args, { stdio: ['pipe', 'ignore', 'pipe'] });
    child = proc;
    if (proc.pid !== undefined) options.onSpawn?.({ role: config.role, pid: proc.pid });
    proc.stdin.on('error', () => {}); // EPIPE after a kill; the exit reports it
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (text: string) => {
      for (const report of playedClock.push(text, wallClockMs())) {
        clock.observe(report.atMs, report.playedSamples);
        emit({ type: 'position', atMs: report.atMs, playedSamples: report.playedSamples });
      }
      // --verbose prints the stream time 20 times a second: keep it out of the error and the log
      const said = text
        .split(/[\r\n]+/)
        .filter((line) => line.trim() !== '' && !PacatClock.isTimingLine(line))
        .join('\n');
      if (said === '') return;
      stderr = (stderr + said + '\n').slice(-2000);
      logger.debug(`[pacat] ${said.trim()}`);
    });
    proc.on('error', (error) =>
      fail(
        /ENOENT/.test(error.message)
          ? new AudioHostError(config.role, 'exited', `pacat is not installed. ${PULSE_INSTALL_HINT}`)
          : new AudioHostError(config.role, 'exited', error.message),
      ),
    );
    proc.on('exit', (code, signal) => {
      const why = stderr.trim().split('\n').pop() ?? '';
      if (!isReady && why !== '')
        fail(new AudioStreamError(`pacat could not play on ${device ?? 'the default sink'}: ${why}`));
      else
        fail(
          new AudioHostError(config.role, 'exited', signal === null ? `pacat exit code ${code}` : `pacat ${signal}`),
        );
    });
    setTimeout(() => {
      if (isDone) return;
      isReady = true;
      const name = device ?? 'default';
      resolveReady(name);
      emit({ type: 'ready', deviceName: name });
      pump();
    }, READY_GRACE_MS);
  };
  void start();

  const send = (message: ToHost, payload?: Uint8Array): void => {
    if (isDone) return;
    switch (message.type) {
      case 'pcm': {
        const bytes = payload ?? new Uint8Array(0);
        const pcm = new Int16Array(bytes.byteLength >> 1);
        new Uint8Array(pcm.buffer).set(bytes.subarray(0, pcm.length * 2));
        queue.push(pcm, message.responseId, wallClockMs());
        if (timingEnabled)
          traceTiming('play.enqueue', {
            responseId: message.responseId,
            samples: pcm.length,
            sampleRate: config.sampleRate,
            playing: queue.playing,
          });
        wake();
        return;
      }
      case 'end':
        queue.end();
        wake();
        return;
      case 'mute':
        return;
      case 'quit':
        return;
      default:
        assertNever(message, 'player message');
    }
  };

  return {
    get pid() {
      return child?.pid;
    },
    role: config.role,
    ready,
    get isReady() {
      return isReady && !isDone;
    },
    send,
    onMessage(listener) {
      return messages.subscribe(({ message, payload }) => listener(message, payload));
    },
    onError: (listener) => errors.subscribe(listener),
    kill() {
      if (isDone) return;
      isDone = true;
      if (timer !== undefined) clearTimeout(timer);
      child?.kill('SIGKILL');
      rejectReady(new AudioHostError(config.role, 'exited', 'killed'));
    },
    async quit(timeoutMs = 500) {
      if (isDone) return;
      isDone = true;
      if (timer !== undefined) clearTimeout(timer);
      rejectReady(new AudioHostError(config.role, 'exited', 'stopped'));
      const proc = child;
      if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      // what is queued is not wanted any more: nothing to drain
      proc.kill('SIGKILL');
      const t = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(t);
    },
  };
}

import { samplesFor } from '../chunker.js';
import { LevelWindow } from '../meter.js';
import { PlaybackQueue } from '../playback-queue.js';
import { PlaybackTimeline } from '../playback-timeline.js';
import { nowMs, type HostChannel } from './host-channel.js';
import { onceQuit, type Naudiodon } from './naudiodon.js';
import { bytesToPcm, pcmToBytes, type Accept, type DeviceInfo, type HostConfig, type Levels } from './protocol.js';
import { assertNever } from '../../core/assert-never.js';
import { timingEnabled, traceTiming } from '../../core/timing-trace.js';

/** After a stall mid-response, silence keeps the device fed this long before the stream may starve. */
const MAX_PAD_MS = 400;
/**
 * Accepts go to the parent in batches of this many chunks (or sooner when the player goes idle).
 * The parent's position estimate runs ~95 ms behind the newest accept (native queue + device
 * buffer), so a 60 ms batch never caps it; one packet per 20 ms chunk cost a wake-up of both
 * processes each time.
 */
const ACCEPT_BATCH = 3;
/** Silence accepts while idle (keepFed) only keep the parent's clock in step: fewer packets. */
const IDLE_ACCEPT_BATCH = 10;

/**
 * Plays PCM from the parent through a jitter buffer. Chunks are written one at a time and each
 * write's callback (naudiodon accepted it into its native queue) is reported as `accepted`, which
 * is the parent's playback clock. The parent silences us with SIGKILL, never with a message.
 */
export function runPlayer(pa: Naudiodon, channel: HostChannel, config: HostConfig, device: DeviceInfo): void {
  const chunkSamples = samplesFor(config.frameMs, config.sampleRate);
  const stream = pa.AudioIO({
    outOptions: {
      deviceId: device.id,
      sampleRate: config.sampleRate,
      channelCount: 1,
      sampleFormat: pa.SampleFormat16Bit,
      framesPerBuffer: chunkSamples,
      highwaterMark: chunkSamples * 2,
      maxQueue: config.maxQueue,
      closeOnError: false,
    },
  });
  const quit = onceQuit(stream);
  const queue = new PlaybackQueue({
    chunkSamples,
    frameMs: config.frameMs,
    prebufferSamples: samplesFor(config.prebufferMs, config.sampleRate),
    prebufferWaitMs: config.prebufferMs,
    partialWaitMs: config.frameMs * 2,
    maxPadSamples: samplesFor(MAX_PAD_MS, config.sampleRate),
  });
  const levels = new LevelWindow(50);
  const silence = new Int16Array(chunkSamples);
  // our own clock of what the device (incl. the server's buffer) still holds, to pad only when needed
  const deviceClock = new PlaybackTimeline({
    sampleRate: config.sampleRate,
    outputLatencyMs: 0,
    maxInFlightSamples: Number.POSITIVE_INFINITY,
  });
  let wake: (() => void) | undefined;
  let isQuitting = false;

  stream.on('error', (error: Error) => {
    channel.send({ type: 'error', kind: 'stream', message: `Playback on ${device.name} failed: ${error.message}` });
  });

  channel.onMessage((message, payload) => {
    switch (message.type) {
      case 'pcm':
        queue.push(bytesToPcm(payload), message.responseId, nowMs());
        if (timingEnabled)
          traceTiming('play.enqueue', {
            responseId: message.responseId,
            samples: payload.length >> 1,
            sampleRate: config.sampleRate,
            playing: queue.playing,
          });
        wake?.();
        return;
      case 'end':
        queue.end();
        wake?.();
        return;
      case 'mute':
        return;
      case 'quit':
        isQuitting = true;
        wake?.();
        setTimeout(() => channel.exit(0), 300).unref();
        void quit().then(() => channel.exit(0));
        return;
      default:
        assertNever(message, 'player message');
    }
  });

  const sleep = (untilMs: number | undefined): Promise<void> =>
    new Promise((resolve) => {
      wake = resolve;
      if (untilMs !== undefined) setTimeout(resolve, Math.max(1, untilMs - nowMs()));
    });
  const write = (pcm: Int16Array): Promise<void> =>
    new Promise((resolve) => {
      stream.write(pcmToBytes(pcm), () => resolve());
    });

  let batch: Accept[] = [];
  let batchLevels: Levels | undefined;
  const sendBatch = (): void => {
    if (batch.length === 0) return;
    channel.send(
      batchLevels === undefined
        ? { type: 'accepted', accepts: batch }
        : { type: 'accepted', accepts: batch, levels: batchLevels },
    );
    batch = [];
    batchLevels = undefined;
  };

  const pump = async (): Promise<void> => {
    while (!isQuitting) {
      const now = nowMs();
      const next = queue.take(now, deviceClock.acceptedSamples - deviceClock.heardSamples(now));
      if (next.kind === 'wait' && config.keepFed === true) {
        // naudiodon's callback waits for data when its queue is empty, and the device underruns:
        // silence keeps the device's timeline (and the echo path's delay) continuous. The accepts of
        // a reply's tail go out first: the parent's clock must not learn them 200 ms late.
        if (batch.some((a) => a.parts.length > 0)) sendBatch();
        await write(silence);
        const acceptedAtMs = nowMs();
        deviceClock.accept(acceptedAtMs, chunkSamples, []);
        batch.push({ atMs: acceptedAtMs, chunkSamples, parts: [] });
        if (batch.length >= IDLE_ACCEPT_BATCH) sendBatch();
        continue;
      }
      if (next.kind === 'wait') {
        sendBatch();
        await sleep(next.untilMs);
        wake = undefined;
        continue;
      }
      await write(next.chunk.pcm);
      const acceptedAtMs = nowMs();
      deviceClock.accept(acceptedAtMs, chunkSamples, []);
      batch.push({ atMs: acceptedAtMs, chunkSamples, parts: next.chunk.parts });
      levels.add(next.chunk.pcm);
      batchLevels = levels.take(acceptedAtMs) ?? batchLevels;
      if (batch.length >= ACCEPT_BATCH) sendBatch();
    }
  };

  stream.start();
  channel.send({ type: 'ready', deviceName: device.name });
  void pump();
}

import { spawn, type ChildProcess } from 'node:child_process';
import { assertNever } from '../../core/assert-never.js';
import { createEmitter } from '../../core/emitter.js';
import { AudioDeviceError, isVoicechatError, type VoicechatError } from '../../core/errors.js';
import { FrameChunker, samplesFor } from '../chunker.js';
import type { HostClient, HostClientOptions } from '../host-client.js';
import { AudioHostError, AudioStreamError } from '../host-errors.js';
import { bytesToPcm, pcmToBytes, type FromHost, type ToHost } from '../host/protocol.js';
import { LevelWindow } from '../meter.js';
import { wallClockMs } from '../sink.js';
import { openPolledFifo, type PolledFifo } from './polled-fifo.js';
import { parecArgs } from './pulse-commands.js';
import { PULSE_INSTALL_HINT, resolvePulseDevice } from './pulse-tools.js';

const CAPTURE_LATENCY_MS = 20;
/** parec hands over one 20 ms frame per wake-up (10 ms woke us twice per frame). */
const PROCESS_TIME_MS = 20;

/**
 * The `pulse` backend's microphone: a parec process read by this (the parent) process. Speaks the
 * capture-host contract (`ready`, `frame` with PCM payload, `levels`; `mute`/`quit` in). Ready when
 * the first audio arrives, which also proves the source exists.
 */
export function spawnPulseCapture(options: HostClientOptions): HostClient {
  const { config, logger } = options;
  const messages = createEmitter<{ message: FromHost; payload: Buffer }>();
  const errors = createEmitter<VoicechatError>();
  const chunker = new FrameChunker(samplesFor(config.frameMs, config.sampleRate));
  const levels = new LevelWindow(50);
  let child: ChildProcess | undefined;
  let fifo: PolledFifo | undefined;
  let isDone = false;
  let isReady = false;
  let isMuted = false;
  let stderr = '';
  let device: string | undefined;
  let carry: Buffer | undefined;
  let resolveReady: (name: string) => void = () => {};
  let rejectReady: (error: VoicechatError) => void = () => {};
  const ready = new Promise<string>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {});

  const emit = (message: FromHost, payload: Buffer = Buffer.alloc(0)): void => messages.emit({ message, payload });
  const fail = (error: VoicechatError): void => {
    if (isDone) return;
    isDone = true;
    child?.kill('SIGKILL');
    fifo?.close();
    if (isReady) errors.emit(error);
    else rejectReady(error);
  };

  const onData = (bytes: Buffer): void => {
    if (isDone) return;
    if (!isReady) {
      isReady = true;
      const name = device ?? 'default';
      resolveReady(name);
      emit({ type: 'ready', deviceName: name });
    }
    // an odd byte count can split a sample between reads
    const all = carry === undefined ? bytes : Buffer.concat([carry, bytes]);
    const even = all.length & ~1;
    carry = even === all.length ? undefined : all.subarray(even);
    for (const frame of chunker.push(bytesToPcm(all.subarray(0, even)))) {
      if (isMuted) frame.fill(0);
      levels.add(frame);
      const level = levels.take(wallClockMs());
      emit(level === undefined ? { type: 'frame' } : { type: 'frame', levels: level }, pcmToBytes(frame));
    }
  };

  const start = async (): Promise<void> => {
    try {
      device = await resolvePulseDevice(config.device, 'input');
    } catch (error) {
      fail(isVoicechatError(error) ? error : new AudioDeviceError(String(error)));
      return;
    }
    if (isDone) return;
    let pipe: PolledFifo;
    try {
      pipe = await openPolledFifo();
    } catch (error) {
      fail(new AudioHostError(config.role, 'exited', `cannot create the capture pipe: ${String(error)}`));
      return;
    }
    if (isDone) {
      pipe.close();
      return;
    }
    fifo = pipe;
    const args = parecArgs({
      device,
      sampleRate: config.sampleRate,
      latencyMs: CAPTURE_LATENCY_MS,
      processTimeMs: PROCESS_TIME_MS,
      streamName: 'voicechat capture',
    });
    // parec writes into a FIFO read once per frame, not into a pipe that wakes us per write
    const proc = spawn('parec', args, { stdio: ['ignore', pipe.writeFd, 'pipe'] });
    pipe.closeWriteEnd();
    child = proc;
    if (proc.pid !== undefined) options.onSpawn?.({ role: config.role, pid: proc.pid });
    pipe.start(config.frameMs, onData, (error) =>
      fail(new AudioHostError(config.role, 'exited', `reading parec's output failed: ${error.message}`)),
    );
    // stdio[2] is 'pipe', so stderr exists; the fd in stdio[1] makes the typings unsure
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (text: string) => {
      stderr = (stderr + text).slice(-2000);
      logger.debug(`[parec] ${text.trim()}`);
    });
    proc.on('error', (error) =>
      fail(
        /ENOENT/.test(error.message)
          ? new AudioHostError(config.role, 'exited', `parec is not installed. ${PULSE_INSTALL_HINT}`)
          : new AudioHostError(config.role, 'exited', error.message),
      ),
    );
    proc.on('exit', (code, signal) => {
      const why = stderr.trim().split('\n').pop() ?? '';
      if (!isReady && why !== '')
        fail(new AudioStreamError(`parec could not record from ${device ?? 'the default source'}: ${why}`));
      else
        fail(
          new AudioHostError(config.role, 'exited', signal === null ? `parec exit code ${code}` : `parec ${signal}`),
        );
    });
  };
  void start();

  const send = (message: ToHost): void => {
    if (isDone) return;
    switch (message.type) {
      case 'mute':
        isMuted = message.muted;
        return;
      case 'pcm':
      case 'end':
      case 'quit':
        return;
      default:
        assertNever(message, 'capture message');
    }
  };

  const stop = (reason: string): void => {
    if (isDone) return;
    isDone = true;
    child?.kill('SIGKILL');
    fifo?.close();
    rejectReady(new AudioHostError(config.role, 'exited', reason));
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
    kill: () => stop('killed'),
    async quit() {
      const proc = child;
      const exited =
        proc === undefined || proc.exitCode !== null || proc.signalCode !== null
          ? Promise.resolve()
          : new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      stop('stopped');
      await exited;
    },
  };
}

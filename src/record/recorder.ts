import { closeSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import type { ControllerEvent } from '../core/controller-events.js';
import type { ModelPrice } from '../core/prices.js';
import { createResampler, type Resampler } from '../audio/resampler.js';
import { AlignedTrack, interleave } from './aligned-track.js';
import { formatEventLine, formatHeaderLine, isRecorded } from './event-line.js';
import { recordingPaths } from './files.js';
import { StereoWavWriter } from './stereo-wav-writer.js';
import { renderTranscriptMd } from './transcript-md.js';
import { TranscriptBuilder } from './transcript-model.js';

/** A conversation being written to a directory: stereo WAV, events.jsonl, transcript.md. */
export interface Recorder {
  readonly dir: string;
  /** Microphone audio as sent to the provider, at the session input rate. */
  mic(pcm: Int16Array): void;
  /** Assistant audio as played, at the session output rate. */
  played(pcm: Int16Array): void;
  event(event: ControllerEvent): void;
  /** Writes what is left and closes the files. Synchronous (safe in an exit handler), idempotent. */
  close(): void;
}

export interface RecorderOptions {
  inputSampleRate: number;
  /** The recording's rate: the session output rate. */
  outputSampleRate: number;
  /** Wall clock in ms (monotonic preferred). */
  now?: () => number;
  /** How often audio is written and the WAV header updated; at most 1000. */
  flushIntervalMs?: number;
  /** transcript.md shows each reply's tokens and, when priced, its cost, and a session usage line. */
  model?: string | undefined;
  price?: ModelPrice | undefined;
}

/** Audio is written this far behind now, so late frames still land where they belong. */
const WRITE_LAG_MS = 250;
/** A gap shorter than this between two runs of audio is jitter, not silence. */
const GAP_TOLERANCE_MS = 30;
const DEFAULT_FLUSH_MS = 500;

export async function createRecorder(dir: string, options: RecorderOptions): Promise<Recorder> {
  const now = options.now ?? (() => performance.timeOrigin + performance.now());
  const rate = options.outputSampleRate;
  const micResampler: Resampler = await createResampler(options.inputSampleRate, rate);
  mkdirSync(dir, { recursive: true });
  const paths = recordingPaths(dir);
  const startedAtMs = now();
  const startedAt = new Date().toISOString();
  const wav = new StereoWavWriter(paths.wav, rate);
  const eventsFd = openSync(paths.events, 'w');
  writeSync(
    eventsFd,
    formatHeaderLine({
      recording: {
        version: 1,
        startedAt,
        sampleRate: rate,
        inputSampleRate: options.inputSampleRate,
        channels: { left: 'microphone (as sent)', right: 'assistant (as played)' },
      },
    }),
  );
  const tolerance = Math.round((GAP_TOLERANCE_MS * rate) / 1000);
  const left = new AlignedTrack(tolerance);
  const right = new AlignedTrack(tolerance);
  const transcript = new TranscriptBuilder();
  let isClosed = false;

  const elapsedMs = (): number => now() - startedAtMs;
  const sampleNow = (): number => (elapsedMs() * rate) / 1000;

  const writeTranscript = (): void => {
    const text = renderTranscriptMd({
      startedAt,
      turns: transcript.turns,
      open: isClosed ? transcript.openReplies : [],
      model: options.model,
      price: options.price,
    });
    // replace, never truncate in place: a kill mid-write leaves the previous version
    const tmp = `${paths.transcript}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, paths.transcript);
  };

  /** Moves everything up to `upTo` (samples) from the tracks into the WAV and fixes its header. */
  const writeAudio = (upTo: number): void => {
    left.padTo(upTo);
    right.padTo(upTo);
    const ready = Math.min(left.end, right.end) - wav.writtenFrames;
    if (ready > 0) wav.write(interleave(left.take(ready), right.take(ready)));
    wav.sync();
  };

  const timer = setInterval(
    () => writeAudio(sampleNow() - (WRITE_LAG_MS * rate) / 1000),
    Math.min(1000, options.flushIntervalMs ?? DEFAULT_FLUSH_MS),
  );
  timer.unref();
  writeTranscript();

  return {
    dir,
    mic(pcm) {
      if (isClosed) return;
      left.place(micResampler.process(pcm), sampleNow());
    },
    played(pcm) {
      if (isClosed) return;
      right.place(pcm, sampleNow());
    },
    event(event) {
      if (isClosed || !isRecorded(event)) return;
      const line = { tMs: elapsedMs(), event };
      writeSync(eventsFd, formatEventLine(event, line.tMs));
      if (transcript.add(line)) writeTranscript();
    },
    close() {
      if (isClosed) return;
      isClosed = true;
      clearInterval(timer);
      writeAudio(Math.max(sampleNow(), left.end, right.end));
      wav.close();
      closeSync(eventsFd);
      writeTranscript();
    },
  };
}

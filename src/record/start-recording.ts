import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AudioEngine } from '../core/audio-engine.js';
import type { Logger } from '../core/log.js';
import type { ModelPrice } from '../core/prices.js';
import type { VadMode } from '../core/session.js';
import { attachRecorder, type EventSource } from './attach-recorder.js';
import { RECORDING_FILES } from './files.js';
import { createRecorder, type Recorder } from './recorder.js';
import { repairRecording } from './repair.js';

export interface StartRecordingInput {
  dir: string;
  controller: EventSource;
  engine: Pick<AudioEngine, 'onFrame' | 'onPlayed'>;
  vad: VadMode;
  inputSampleRate: number;
  outputSampleRate: number;
  log: Logger;
  /** For transcript.md: each reply's tokens and, when the model is priced, its cost. */
  model?: string | undefined;
  price?: ModelPrice | undefined;
}

/** `previous-2026-05-01T10-20-30` from a file's mtime. Pure. */
export function archiveName(mtime: Date): string {
  return `previous-${mtime.toISOString().slice(0, 19).replace(/:/g, '-')}`;
}

/**
 * A directory that already holds a recording (e.g. one cut short by kill -9) is repaired and
 * moved into a `previous-…` subdirectory, so a new recording never overwrites it.
 */
export function setAsidePrevious(dir: string): string | undefined {
  const present = Object.values(RECORDING_FILES).filter((f) => existsSync(join(dir, f)));
  if (present.length === 0) return undefined;
  repairRecording(dir);
  const newest = Math.max(...present.map((f) => statSync(join(dir, f)).mtimeMs));
  let target = join(dir, archiveName(new Date(newest)));
  for (let n = 2; existsSync(target); n++) target = join(dir, `${archiveName(new Date(newest))}-${n}`);
  mkdirSync(target);
  for (const f of present) renameSync(join(dir, f), join(target, f));
  return target;
}

/**
 * Starts `--record DIR` for a duplex conversation: sets aside an earlier recording, opens the
 * files, wires the recorder to the controller and engine, and closes it at process exit too (a
 * `process.exit` path must not skip the final flush).
 */
export async function startRecording(input: StartRecordingInput): Promise<Recorder> {
  mkdirSync(input.dir, { recursive: true });
  const previous = setAsidePrevious(input.dir);
  if (previous !== undefined) input.log.info(`earlier recording moved to ${previous}`);
  const recorder = await createRecorder(input.dir, {
    inputSampleRate: input.inputSampleRate,
    outputSampleRate: input.outputSampleRate,
    model: input.model,
    price: input.price,
  });
  const detach = attachRecorder(input.controller, input.engine, recorder, {
    vad: input.vad,
    onError: (error) => input.log.warn(`recording stopped: ${error.message}`),
  });
  const close = (): void => {
    detach();
    recorder.close();
  };
  process.once('exit', close);
  return {
    dir: recorder.dir,
    mic: (pcm) => recorder.mic(pcm),
    played: (pcm) => recorder.played(pcm),
    event: (event) => recorder.event(event),
    close() {
      process.off('exit', close);
      close();
    },
  };
}

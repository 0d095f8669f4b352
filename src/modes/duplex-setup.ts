import { UsageError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { Controller } from '../core/controller.js';
import { BUILTIN_TOOLS } from '../core/tools.js';
import type { AudioSink, AudioSource } from '../audio/engine-types.js';
import type { LoadedSettings } from '../config/load-settings.js';
import type { RunFlags } from '../cli.js';
import type { Recorder } from '../record/recorder.js';
import { createSessionFor } from './open-session.js';
import type { RealtimeSession } from '../core/session.js';
import { DEFAULT_RESILIENCE, ResilientSession, type ResilienceOptions } from '../core/resilient-session.js';

function positive(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`--${flag} expects a positive number (got "${raw}").`);
  return value;
}

/** Reconnect and renewal settings; caps are configurable so tests can use seconds. */
export function resilienceFrom(flags: RunFlags): ResilienceOptions {
  const attempts = positive('reconnect-attempts', flags.reconnectAttempts);
  const capSeconds = positive('session-cap', flags.sessionCap);
  return {
    ...DEFAULT_RESILIENCE,
    backoff: {
      ...DEFAULT_RESILIENCE.backoff,
      maxAttempts: attempts === undefined ? DEFAULT_RESILIENCE.backoff.maxAttempts : Math.round(attempts),
    },
    sessionCapMs: capSeconds === undefined ? undefined : capSeconds * 1000,
  };
}

export interface DuplexParts {
  controller: Controller;
  source: AudioSource;
  sink: AudioSink;
  /** `--record DIR` / the `record` setting; closed at process exit, callers may close it earlier. */
  recorder: Recorder | undefined;
}

/** Session, audio engine and controller for a duplex conversation (TUI or headless). */
export async function createDuplex(flags: RunFlags, loaded: LoadedSettings, log: Logger): Promise<DuplexParts> {
  const settings = loaded.values;
  if (flags.speak === true) throw new UsageError('--speak goes with --text; a conversation always speaks.');
  const tools = flags.tools === false ? [] : BUILTIN_TOOLS;
  const open = (resumeToken: string | undefined): Promise<RealtimeSession> =>
    createSessionFor({
      settings,
      output: 'audio',
      audioIn: true,
      tools: tools.map((t) => t.definition),
      env: process.env,
      log,
      resumeToken,
    });
  const session = new ResilientSession(await open(undefined), open, resilienceFrom(flags), log);
  const source: AudioSource =
    flags.inputFile !== undefined
      ? { kind: 'file', path: flags.inputFile }
      : { kind: 'device', device: settings.inputDevice };
  const sink: AudioSink =
    flags.audioOut !== undefined
      ? { kind: 'file', path: flags.audioOut }
      : { kind: 'device', device: settings.outputDevice };
  const { createAudioEngine } = await import('../audio/engine.js');
  const engine = createAudioEngine(
    {
      input: source,
      output: sink,
      inputSampleRate: session.capabilities.inputSampleRate,
      outputSampleRate: session.capabilities.outputSampleRate,
    },
    { logger: log },
  );
  const controller = new Controller({ session, engine, tools, vad: settings.vad, log });
  let recorder: Recorder | undefined;
  if (settings.record !== undefined && settings.record !== '') {
    const { startRecording } = await import('../record/start-recording.js');
    recorder = await startRecording({
      dir: settings.record,
      controller,
      engine,
      vad: settings.vad,
      inputSampleRate: session.capabilities.inputSampleRate,
      outputSampleRate: session.capabilities.outputSampleRate,
      log,
    });
  }
  return { controller, source, sink, recorder };
}

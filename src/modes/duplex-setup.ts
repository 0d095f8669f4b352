import type { Logger } from '../core/log.js';
import { Controller } from '../core/controller.js';
import { BUILTIN_TOOLS } from '../core/tools.js';
import type { AudioSink, AudioSource } from '../audio/engine-types.js';
import type { Recorder } from '../record/recorder.js';
import { createSessionFor } from './open-session.js';
import type { RealtimeSession } from '../core/session.js';
import { DEFAULT_RESILIENCE, ResilientSession, type ResilienceOptions } from '../core/resilient-session.js';
import type { ReconnectPolicy, RunPlan } from './run-plan.js';
import type { AudioReadyInfo } from '../core/controller-events.js';
import { PROVIDER_CATALOGUE } from '../providers/registry.js';
import { echoLabel, echoPlan, type EchoPlan } from './echo-plan.js';

/** Reconnect and renewal settings; caps are configurable so tests can use seconds. */
export function resilienceFrom(policy: ReconnectPolicy): ResilienceOptions {
  return {
    ...DEFAULT_RESILIENCE,
    backoff: {
      ...DEFAULT_RESILIENCE.backoff,
      maxAttempts: policy.maxAttempts ?? DEFAULT_RESILIENCE.backoff.maxAttempts,
    },
    sessionCapMs: policy.sessionCapMs,
  };
}

export interface DuplexParts {
  controller: Controller;
  source: AudioSource;
  sink: AudioSink;
  /** `--record DIR` / the `record` setting; closed at process exit, callers may close it earlier. */
  recorder: Recorder | undefined;
  /** How echo is handled (before the engine reports what actually runs). */
  echo: EchoPlan;
}

/** Echo handling for a duplex run: the settings, the provider's capability, devices or files. */
export function echoPlanFor(plan: RunPlan): EchoPlan {
  const settings = plan.settings.values;
  return echoPlan({
    echoCancellation: settings.echoCancellation,
    noiseSuppression: settings.noiseSuppression,
    vad: settings.vad,
    provider: PROVIDER_CATALOGUE.get(settings.provider),
    devices: plan.files.inputFile === undefined && plan.files.audioOut === undefined,
  });
}

/** Session, audio engine and controller for a duplex conversation (TUI or headless). */
export async function createDuplex(plan: RunPlan, log: Logger): Promise<DuplexParts> {
  const settings = plan.settings.values;
  const tools = plan.tools ? BUILTIN_TOOLS : [];
  const echo = echoPlanFor(plan);
  log.info(`echo: ${echo.why}`);
  const open = (resumeToken: string | undefined): Promise<RealtimeSession> =>
    createSessionFor({
      settings,
      output: 'audio',
      audioIn: true,
      tools: tools.map((t) => t.definition),
      env: process.env,
      log,
      resumeToken,
      serverEcho: echo.server,
    });
  const session = new ResilientSession(await open(undefined), open, resilienceFrom(plan.reconnect), log);
  const source: AudioSource =
    plan.files.inputFile !== undefined
      ? { kind: 'file', path: plan.files.inputFile }
      : { kind: 'device', device: settings.inputDevice };
  const sink: AudioSink =
    plan.files.audioOut !== undefined
      ? { kind: 'file', path: plan.files.audioOut }
      : { kind: 'device', device: settings.outputDevice };
  const { createAudioEngine } = await import('../audio/engine.js');
  const engine = createAudioEngine(
    {
      input: source,
      output: sink,
      inputSampleRate: session.capabilities.inputSampleRate,
      outputSampleRate: session.capabilities.outputSampleRate,
      echo: echo.engine,
    },
    { logger: log, backend: settings.audioBackend },
  );
  const describeAudio = (): AudioReadyInfo => {
    const status = engine.echoStatus?.();
    const backend = engine.backend()?.backend;
    return {
      echo: echoLabel(echo, status),
      noiseSuppression: status?.noiseSuppression ?? false,
      ...(status?.degradedReason === undefined ? {} : { degradedReason: status.degradedReason }),
      ...(backend === undefined ? {} : { backend }),
    };
  };
  const controller = new Controller({ session, engine, tools, vad: settings.vad, log, describeAudio });
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
  return { controller, source, sink, recorder, echo };
}

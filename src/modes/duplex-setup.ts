import type { ConversationAudio } from '../core/audio-port.js';
import type { Logger } from '../core/log.js';
import { Controller } from '../core/controller.js';
import type { AudioSink, AudioSource } from '../audio/engine-types.js';
import type { Recorder } from '../record/recorder.js';
import { getDescriptor } from '../providers/registry.js';
import { costSetupFor } from './cost-setup.js';
import { createSessionFor } from './open-session.js';
import type { RealtimeSession } from '../core/session.js';
import { DEFAULT_RESILIENCE, ResilientSession, type ResilienceOptions } from '../core/resilient-session.js';
import type { ReconnectPolicy, RunPlan } from './run-plan.js';
import { setUpTools, type ToolSetup } from './tool-setup.js';
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
  engine: ConversationAudio;
  /** The session's microphone rate (frames from `engine.onFrame`). */
  inputSampleRate: number;
  source: AudioSource;
  sink: AudioSink;
  /** `--record DIR` / the `record` setting; closed at process exit, callers may close it earlier. */
  recorder: Recorder | undefined;
  /** The MCP servers and what to tell the user about tools; `tools.close()` goes in every exit path. */
  tools: ToolSetup;
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
export async function createDuplex(
  plan: RunPlan,
  log: Logger,
  approval: 'interactive' | 'headless',
): Promise<DuplexParts> {
  const settings = plan.settings.values;
  const tools = await setUpTools({ enabled: plan.tools, mcp: plan.mcp, provider: settings.provider, approval, log });
  try {
    return await assemble(plan, log, tools);
  } catch (error) {
    await tools.close();
    throw error;
  }
}

async function assemble(plan: RunPlan, log: Logger, tools: ToolSetup): Promise<DuplexParts> {
  const settings = plan.settings.values;
  const echo = echoPlanFor(plan);
  log.info(`echo: ${echo.why}`);
  const open = (resumeToken: string | undefined): Promise<RealtimeSession> =>
    createSessionFor({
      settings,
      output: 'audio',
      audioIn: true,
      tools: tools.definitions,
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
  const cost = costSetupFor(settings, getDescriptor(settings.provider).prices);
  const controller = new Controller({
    session,
    engine,
    tools: tools.tools,
    vad: settings.vad,
    log,
    cost,
    describeAudio,
  });
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
      model: settings.model,
      price: cost.price,
    });
  }
  return {
    controller,
    engine,
    inputSampleRate: session.capabilities.inputSampleRate,
    source,
    sink,
    recorder,
    tools,
    echo,
  };
}

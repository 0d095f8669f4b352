import { writeFile } from 'node:fs/promises';
import type { ConversationAudio } from '../core/audio-port.js';
import { Controller } from '../core/controller.js';
import {
  errorFromSessionInfo,
  ExitCode,
  ProviderError,
  TemporaryError,
  VoicechatError,
  type ExitCodeValue,
} from '../core/errors.js';
import type { SessionErrorInfo, Usage } from '../core/events.js';
import type { Logger } from '../core/log.js';
import { NullAudio } from '../core/null-audio.js';
import { redact } from '../core/secrets.js';
import type { RealtimeSession } from '../core/session.js';
import type { ResolvedSettings } from '../config/settings.js';
import { concatPcm, durationMs } from '../audio/pcm.js';
import { encodeWav } from '../audio/wav.js';
import type { SocketConnector } from '../providers/socket.js';
import type { ControllerEvent } from '../core/controller-events.js';
import { usageJson, type TurnCost } from '../core/usage-meter.js';
import { getDescriptor } from '../providers/registry.js';
import { AnswerRule, type ResponseVerdict } from './answer-rule.js';
import { costSetupFor } from './cost-setup.js';
import { toolEventLine } from '../ui/tool-lines.js';
import { eventToJson } from './event-json.js';
import { NO_MCP, type McpSettings } from './mcp-settings.js';
import { createSessionFor } from './open-session.js';
import { RunLifecycle } from './run-lifecycle.js';
import { setUpTools, type ToolSetup } from './tool-setup.js';

export interface OneShotInput {
  settings: ResolvedSettings['values'];
  prompt: string;
  json: boolean;
  audioOut?: string | undefined;
  /** Plays the reply on the speaker (`settings.outputDevice`). */
  speak: boolean;
  tools: boolean;
  /** MCP servers and the allow list; unlisted calls are refused (nobody can confirm). */
  mcp?: McpSettings;
  stdout: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  log: Logger;
  connect?: SocketConnector;
  now?: () => number;
}

interface Timings {
  connectMs: number;
  firstTextMs?: number;
  firstAudioMs?: number;
  totalMs: number;
}

/** How often the reply inactivity timeout is checked. */
const INACTIVITY_CHECK_MS = 250;

/** The speaker for `--speak`, else audio that goes nowhere (the reply may still be saved to a file). */
async function audioFor(input: OneShotInput, session: RealtimeSession): Promise<ConversationAudio> {
  if (!input.speak) return new NullAudio();
  const { createAudioEngine } = await import('../audio/engine.js');
  return createAudioEngine(
    {
      input: { kind: 'none' },
      output: { kind: 'device', device: input.settings.outputDevice },
      inputSampleRate: session.capabilities.inputSampleRate,
      outputSampleRate: session.capabilities.outputSampleRate,
    },
    { logger: input.log, backend: input.settings.audioBackend },
  );
}

/** A fatal session error in words that say the provider ended it; audio failures speak for themselves. */
function fatalError(info: SessionErrorInfo): VoicechatError {
  return info.code === 'audio' || /^the provider\b/i.test(info.message)
    ? errorFromSessionInfo(info)
    : errorFromSessionInfo({
        ...info,
        message: `The provider ended the session${info.code === undefined ? '' : ` (${info.code})`}: ${info.message}`,
      });
}

/**
 * Sends one text turn, streams the reply, and returns the exit code. The controller drives it like
 * any conversation (tools, playback, the answer rule); this mode only prints.
 */
export async function runOneShot(input: OneShotInput): Promise<ExitCodeValue> {
  const startedAt = (input.now ?? (() => performance.now()))();
  const tools = await setUpTools({
    enabled: input.tools,
    mcp: input.mcp ?? NO_MCP,
    provider: input.settings.provider,
    approval: 'headless',
    log: input.log,
  });
  for (const notice of tools.notices) process.stderr.write(`voicechat: ${redact(notice)}\n`);
  try {
    return await oneShotWith(input, tools, startedAt);
  } finally {
    // the lifecycle has closed them already, unless setting up failed before it ran
    await tools.close();
  }
}

async function oneShotWith(input: OneShotInput, tools: ToolSetup, startedAt: number): Promise<ExitCodeValue> {
  const now = input.now ?? (() => performance.now());
  const wantsAudio = input.audioOut !== undefined || input.speak;
  const session = await createSessionFor({
    settings: input.settings,
    output: wantsAudio ? 'audio' : 'text',
    audioIn: false,
    tools: tools.definitions,
    env: input.env,
    log: input.log,
    connect: input.connect,
  });
  const write = (text: string): void => {
    input.stdout.write(redact(text));
  };
  const audio: Int16Array[] = [];
  const audioMs = (): number =>
    durationMs(
      audio.reduce((n, c) => n + c.length, 0),
      session.capabilities.outputSampleRate,
    );
  const timings: Partial<Timings> = {};
  let usage: Usage | undefined;
  let printedText = false;
  let endsWithNewline = true;
  /** Off once the reply is complete or the run ends: later events are not part of the answer. */
  let printing = true;
  let lastActivity = now();

  // the wire events as they come, for --json and the saved reply: audio included
  session.subscribe((event) => {
    if (!printing) return;
    lastActivity = now();
    if (event.type === 'response.audio') {
      timings.firstAudioMs ??= now() - startedAt;
      audio.push(event.pcm);
    }
    if (input.json && event.type !== 'response.done') write(`${JSON.stringify(eventToJson(event))}\n`);
  });

  const cost = costSetupFor(input.settings, getDescriptor(input.settings.provider).prices);
  const controller = new Controller({
    session,
    engine: await audioFor(input, session),
    tools: tools.tools,
    vad: input.settings.vad,
    log: input.log,
    now,
    cost,
  });
  /** Each response's priced usage (the controller's `usage` event comes just before its `response.done`). */
  const turnCosts = new Map<string, TurnCost>();
  const doneJson = (event: Extract<ControllerEvent, { type: 'response.done' }>): Record<string, unknown> => {
    const turn = turnCosts.get(event.responseId);
    return turn === undefined ? eventToJson(event) : { ...eventToJson(event), ...usageJson(turn) };
  };
  const lifecycle = new RunLifecycle({
    controller,
    recorder: undefined,
    latencySummary: false,
    fatalError,
    release: tools.close,
  });
  const end = (outcome: ExitCodeValue | VoicechatError): void => {
    printing = false;
    clearInterval(inactivity);
    lifecycle.finish(outcome);
  };
  let inactivity: NodeJS.Timeout | undefined;

  /** Text printed per reply part (item, else response), so a done event prints only what is missing. */
  const printed = new Map<string, string>();
  const textKey = (event: { responseId: string; itemId?: string | undefined }): string =>
    event.itemId ?? event.responseId;
  const printText = (text: string): void => {
    if (input.json || text === '') return;
    write(text);
    printedText = true;
    endsWithNewline = text.endsWith('\n');
  };
  const answers = new AnswerRule();
  let answer: string | undefined;
  controller.subscribe((event) => {
    if (!printing && event.type !== 'playback.finished') return;
    switch (event.type) {
      case 'response.text.delta':
        timings.firstTextMs ??= now() - startedAt;
        printed.set(textKey(event), (printed.get(textKey(event)) ?? '') + event.delta);
        printText(event.delta);
        return;
      case 'response.text.done': {
        // some replies carry their text only in the done event (no deltas): print what is missing
        timings.firstTextMs ??= now() - startedAt;
        const already = printed.get(textKey(event)) ?? '';
        printed.set(textKey(event), event.text);
        if (event.text.startsWith(already)) printText(event.text.slice(already.length));
        return;
      }
      case 'tool.call':
        answers.observe(event);
        return;
      case 'tool.decided':
      case 'tool.finished': {
        if (input.json) write(`${JSON.stringify(event)}\n`);
        const line = toolEventLine(event);
        // a refusal is worth a line (the reply will mention it); other outcomes are in the reply itself
        if (line !== undefined && event.type === 'tool.decided' && !input.json)
          process.stderr.write(`voicechat: ${redact(line.text)}\n`);
        else if (line !== undefined) input.log.info(line.text);
        return;
      }
      case 'tool.confirm':
      case 'tool.slow':
        return;
      case 'response.done': {
        usage = event.usage ?? usage;
        const verdict = answers.observe(event);
        if (verdict?.kind === 'tool-step') {
          if (input.json) write(`${JSON.stringify(doneJson(event))}\n`);
          return;
        }
        timings.totalMs = now() - startedAt;
        if (input.json) {
          write(`${JSON.stringify({ ...doneJson(event), timings: { ...timings, audioMs: audioMs() } })}\n`);
        }
        if (verdict?.kind === 'answer') {
          // complete: what follows is not printed, and playing it out may outlast the timeout
          answer = verdict.responseId;
          printing = false;
          clearInterval(inactivity);
        } else if (verdict !== undefined) {
          end(unfinishedError(verdict));
        }
        return;
      }
      case 'playback.finished':
        // the answer is complete once it has been heard (at once when nothing plays)
        if (event.responseId === answer) end(ExitCode.ok);
        return;
      case 'error':
        // a fatal error is printed once, with its hint, when the run ends with it
        if (!input.json && !event.error.fatal) {
          process.stderr.write(
            `voicechat: provider error${event.error.code === undefined ? '' : ` (${event.error.code})`}: ${redact(event.error.message)}\n`,
          );
        }
        // the lifecycle ends the run on a fatal error
        if (event.error.fatal) printing = false;
        return;
      case 'engine.error':
        // the lifecycle ends the run on a final failure; a restarted speaker is only worth a line
        if (!input.json) process.stderr.write(`voicechat: audio: ${redact(event.message)}\n`);
        return;
      case 'status':
        if (event.status === 'closed' || event.status === 'error') {
          const detail = event.detail === undefined ? '' : `: ${event.detail}`;
          end(new TemporaryError(`The connection closed before the reply was complete${detail}.`));
        }
        return;
      case 'usage':
        turnCosts.set(event.responseId, event.turn);
        return;
      case 'session.ready':
      case 'input.speech_started':
      case 'input.speech_stopped':
      case 'input.committed':
      case 'input.transcript.delta':
      case 'input.transcript.done':
      case 'response.started':
      case 'response.audio.done':
      case 'response.interrupted':
      case 'tool.cancelled':
      case 'rate_limits':
      case 'session.expiring':
      case 'turn':
      case 'levels':
      case 'latency':
      case 'interrupted':
      case 'mic':
      case 'user.text':
      case 'notice':
      case 'audio.ready':
        return;
    }
  });

  try {
    const code = await lifecycle.run(() => {
      timings.connectMs = now() - startedAt;
      // connecting has its own timeout; from here on the provider must keep replying
      lastActivity = now();
      inactivity = setInterval(() => {
        if (now() - lastActivity > input.settings.timeoutSeconds * 1000) {
          end(
            new TemporaryError(`No reply from the provider for ${input.settings.timeoutSeconds} s.`, {
              hint: 'Raise --timeout, or try again.',
            }),
          );
        }
      }, INACTIVITY_CHECK_MS);
      controller.sendText(input.prompt);
    });
    if (printedText && !endsWithNewline) write('\n');
    if (input.audioOut !== undefined) {
      await writeFile(input.audioOut, encodeWav(concatPcm(audio), session.capabilities.outputSampleRate));
      input.log.info(`saved ${Math.round(audioMs())} ms of audio to ${input.audioOut}`);
    }
    if (usage !== undefined) input.log.debug(`usage: ${JSON.stringify(usage)}`);
    return code;
  } finally {
    printing = false;
    clearInterval(inactivity);
  }
}

function unfinishedError(verdict: Extract<ResponseVerdict, { kind: 'unfinished' }>): VoicechatError {
  const { status, reason } = verdict;
  switch (status) {
    case 'incomplete':
      return new VoicechatError(
        `The reply was cut short${reason === undefined ? '' : ` (${reason})`}.`,
        ExitCode.unexpected,
      );
    case 'cancelled':
      return new VoicechatError(
        `The reply was cancelled${reason === undefined ? '' : ` (${reason})`}.`,
        ExitCode.unexpected,
      );
    case 'failed':
      return new ProviderError(`The reply failed${reason === undefined ? '' : `: ${reason}`}.`);
  }
}

import { writeFile } from 'node:fs/promises';
import {
  errorFromSessionInfo,
  ExitCode,
  ProviderError,
  TemporaryError,
  VoicechatError,
  type ExitCodeValue,
} from '../core/errors.js';
import type { SessionEvent, Usage } from '../core/events.js';
import type { Logger } from '../core/log.js';
import { redact } from '../core/secrets.js';
import type { RealtimeSession } from '../core/session.js';
import { BUILTIN_TOOLS, runToolCall, type Tool } from '../core/tools.js';
import type { ResolvedSettings } from '../config/settings.js';
import { concatPcm, durationMs } from '../audio/pcm.js';
import { encodeWav } from '../audio/wav.js';
import { AnswerRule } from './answer-rule.js';
import { createSessionFor } from './open-session.js';
import { eventToJson } from './event-json.js';
import type { SocketConnector } from '../providers/socket.js';

export interface OneShotInput {
  settings: ResolvedSettings['values'];
  prompt: string;
  json: boolean;
  audioOut?: string | undefined;
  /** Plays the reply on the speaker (handled by the caller through `onAudio`). */
  speak: boolean;
  tools: boolean;
  stdout: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  log: Logger;
  connect?: SocketConnector;
  /** Receives reply audio, e.g. for playback; resolves once it has finished playing. */
  player?: OneShotPlayer | undefined;
  now?: () => number;
}

export interface OneShotPlayer {
  play(pcm: Int16Array, responseId: string, sampleRate: number): void;
  finish(): Promise<void>;
}

interface Timings {
  connectMs: number;
  firstTextMs?: number;
  firstAudioMs?: number;
  totalMs: number;
}

/** Sends one text turn, streams the reply, and returns the exit code. */
export async function runOneShot(input: OneShotInput): Promise<ExitCodeValue> {
  const now = input.now ?? (() => performance.now());
  const startedAt = now();
  const wantsAudio = input.audioOut !== undefined || input.speak;
  const tools: readonly Tool[] = input.tools ? BUILTIN_TOOLS : [];
  const session = await createSessionFor({
    settings: input.settings,
    output: wantsAudio ? 'audio' : 'text',
    audioIn: false,
    tools: tools.map((t) => t.definition),
    env: input.env,
    log: input.log,
    connect: input.connect,
  });
  const write = (text: string): void => {
    input.stdout.write(redact(text));
  };
  const audio: Int16Array[] = [];
  const timings: Partial<Timings> = {};
  let usage: Usage | undefined;
  let printedText = false;
  let endsWithNewline = true;

  let stopWatching = (): void => undefined;
  const outcome = new Promise<ExitCodeValue>((resolve, reject) => {
    const answers = new AnswerRule();
    let lastActivity = now();
    const inactivity = setInterval(() => {
      if (now() - lastActivity > input.settings.timeoutSeconds * 1000) {
        reject(
          new TemporaryError(`No reply from the provider for ${input.settings.timeoutSeconds} s.`, {
            hint: 'Raise --timeout, or try again.',
          }),
        );
      }
    }, 250);
    stopWatching = () => clearInterval(inactivity);
    let finished = false;
    const finish = (fn: () => void): void => {
      finished = true;
      clearInterval(inactivity);
      fn();
    };
    session.subscribe((event: SessionEvent) => {
      if (finished) return;
      lastActivity = now();
      if (input.json && event.type !== 'response.done') write(`${JSON.stringify(eventToJson(event))}\n`);
      const verdict = answers.observe(event);
      switch (event.type) {
        case 'response.text.delta':
          timings.firstTextMs ??= now() - startedAt;
          if (!input.json) {
            write(event.delta);
            printedText = true;
            endsWithNewline = event.delta.endsWith('\n');
          }
          return;
        case 'response.audio':
          timings.firstAudioMs ??= now() - startedAt;
          audio.push(event.pcm);
          input.player?.play(event.pcm, event.responseId, session.capabilities.outputSampleRate);
          return;
        case 'tool.call': {
          const result = runToolCall(tools, event.name, event.arguments, new Date());
          input.log.info(`tool ${event.name}(${event.arguments.trim()}) -> ${result.output}`);
          session.sendToolResult(event.callId, result.output);
          return;
        }
        case 'response.done': {
          usage = event.usage ?? usage;
          // a response that called tools is followed by the real answer
          if (verdict?.kind === 'tool-step') {
            if (input.json) write(`${JSON.stringify(eventToJson(event))}\n`);
            return;
          }
          timings.totalMs = now() - startedAt;
          if (input.json) {
            write(`${JSON.stringify({ ...eventToJson(event), timings: { ...timings, audioMs: audioMs() } })}\n`);
          }
          finish(() => {
            try {
              resolve(exitFor(event.status, event.reason));
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
          return;
        }
        case 'error':
          if (!input.json)
            process.stderr.write(
              `voicechat: provider error${event.error.code === undefined ? '' : ` (${event.error.code})`}: ${redact(event.error.message)}\n`,
            );
          if (event.error.fatal) {
            const error = errorFromSessionInfo({
              ...event.error,
              message: `The provider ended the session: ${event.error.message}`,
            });
            finish(() => reject(error));
          }
          return;
        case 'status':
          if (event.status === 'closed' || event.status === 'error') {
            finish(() =>
              reject(
                new TemporaryError(
                  `The connection closed before the reply was complete${event.detail === undefined ? '' : `: ${event.detail}`}.`,
                ),
              ),
            );
          }
          return;
        case 'session.ready':
        case 'input.speech_started':
        case 'input.speech_stopped':
        case 'input.committed':
        case 'input.transcript.delta':
        case 'input.transcript.done':
        case 'response.started':
        case 'response.text.done':
        case 'response.audio.done':
        case 'response.interrupted':
        case 'tool.cancelled':
        case 'rate_limits':
        case 'session.expiring':
          return;
      }
    });
  });
  // connect() failures are reported from connect itself; the outcome may reject unobserved then
  outcome.catch(() => undefined);
  const audioMs = (): number =>
    durationMs(
      audio.reduce((n, c) => n + c.length, 0),
      session.capabilities.outputSampleRate,
    );

  try {
    await session.connect();
    timings.connectMs = now() - startedAt;
    session.sendText(input.prompt);
    const code = await outcome;
    if (printedText && !endsWithNewline) write('\n');
    if (input.audioOut !== undefined) {
      await writeFile(input.audioOut, encodeWav(concatPcm(audio), session.capabilities.outputSampleRate));
      input.log.info(`saved ${Math.round(audioMs())} ms of audio to ${input.audioOut}`);
    }
    await input.player?.finish();
    if (usage !== undefined) input.log.debug(`usage: ${JSON.stringify(usage)}`);
    return code;
  } finally {
    stopWatching();
    await closeQuietly(session);
  }
}

function exitFor(
  status: 'completed' | 'cancelled' | 'incomplete' | 'failed',
  reason: string | undefined,
): ExitCodeValue {
  switch (status) {
    case 'completed':
      return ExitCode.ok;
    case 'incomplete':
      throw new VoicechatError(
        `The reply was cut short${reason === undefined ? '' : ` (${reason})`}.`,
        ExitCode.unexpected,
      );
    case 'cancelled':
      throw new VoicechatError(
        `The reply was cancelled${reason === undefined ? '' : ` (${reason})`}.`,
        ExitCode.unexpected,
      );
    case 'failed':
      throw new ProviderError(`The reply failed${reason === undefined ? '' : `: ${reason}`}.`);
  }
}

async function closeQuietly(session: RealtimeSession): Promise<void> {
  try {
    await session.close();
  } catch {
    // closing is best effort; the process is about to exit anyway
  }
}

import { existsSync } from 'node:fs';
import { silentLogger } from '../../../src/core/log.js';
import type { RealtimeSession, SessionOptions } from '../../../src/core/session.js';
import {
  betaDialect,
  gaDialect,
  shapeDetectingDialect,
  type OpenAiStyleDialect,
} from '../../../src/providers/openai-ga/dialects.js';
import { OpenAiStyleSession } from '../../../src/providers/openai-ga/session.js';
import type { SocketConnector } from '../../../src/providers/socket.js';
import { FIXTURE_DIR, loadBidiTrace } from '../../support/traces.js';
import type { Json } from './mutate.js';

/** One wire dialect to fuzz: its real traces and how to build its session adapter. */
export interface DialectSpec {
  name: string;
  family: 'openai-style' | 'gemini';
  traces: string[];
  /** Field that names the event type ('' when the message kind is its top-level key). */
  typeKey: string;
  makeSession(connect: SocketConnector, connectTimeoutMs: number): Promise<RealtimeSession>;
}

export const FUZZ_OPTIONS: SessionOptions = {
  model: 'fuzz-model',
  output: 'audio',
  vad: { mode: 'server' },
  transcriptionModel: 'whisper-1',
  tools: [{ name: 'get_time', description: 'time', parameters: { type: 'object' } }],
};

const has = (trace: string): boolean => existsSync(`${FIXTURE_DIR}${trace}.bidi.jsonl`);

function openAiStyle(
  name: string,
  provider: 'openai' | 'azure-openai' | 'azure-voicelive',
  dialect: () => Promise<OpenAiStyleDialect>,
  traces: string[],
): DialectSpec {
  return {
    name,
    family: 'openai-style',
    traces: traces.filter(has),
    typeKey: 'type',
    async makeSession(connect, connectTimeoutMs) {
      return new OpenAiStyleSession(
        {
          provider,
          endpoint: { url: 'wss://fuzz.invalid/realtime', headers: {} },
          options: FUZZ_OPTIONS,
          dialect: await dialect(),
          connectTimeoutMs,
          credentialHint: 'fuzz',
        },
        { connect, log: silentLogger },
      );
    },
  };
}

function gemini(name: string, provider: 'gemini' | 'vertex', traces: string[]): DialectSpec {
  return {
    name,
    family: 'gemini',
    traces: traces.filter(has),
    typeKey: '',
    async makeSession(connect, connectTimeoutMs) {
      const { GeminiSession } = await import('../../../src/providers/gemini/session.js');
      return new GeminiSession(
        {
          provider,
          endpoint: { url: 'wss://fuzz.invalid/live', headers: {} },
          model: 'models/fuzz',
          options: FUZZ_OPTIONS,
          connectTimeoutMs,
          credentialHint: 'fuzz',
        },
        { connect, log: silentLogger },
      );
    },
  };
}

const OPENAI_GA = [
  'openai-ga__audio-in-server-vad__input-transcription__full-audio-response',
  'openai-ga__barge-in__speech-started__truncate__response-cancelled-turn_detected',
  'openai-ga__error-invalid_value__then-text-response',
];

/** Every dialect with a session adapter and a trace in this checkout. */
export function dialectSpecs(): DialectSpec[] {
  const specs = [
    openAiStyle('openai GA', 'openai', () => Promise.resolve(gaDialect), OPENAI_GA),
    openAiStyle('openai beta', 'openai', () => Promise.resolve(betaDialect), [
      'openai-beta__text-in__audio-out__full-response',
    ]),
    openAiStyle('azure openai (shape-detecting)', 'azure-openai', () => Promise.resolve(shapeDetectingDialect('ga')), [
      'azure-openai-ga__audio-in__transcription__function-call__audio-answer',
      'openai-beta__text-in__audio-out__full-response',
    ]),
    openAiStyle(
      'azure voice live',
      'azure-voicelive',
      async () => (await import('../../../src/providers/voicelive/session-update.js')).voiceLiveDialect,
      ['azure-voicelive__audio-in-server-vad__transcription__audio-response'],
    ),
    gemini('gemini', 'gemini', [
      'gemini-live-2.5-native-audio__barge-in__interrupted__input-transcription__thoughts',
      'gemini-live-3.1__tool-call__session-resumption-update__audio-answer',
    ]),
    gemini('vertex', 'vertex', ['vertex-ai-live__text-in__audio-out__setupComplete-sessionId']),
  ];
  return specs.filter((s) => s.traces.length > 0);
}

/** The server frames of a trace. */
export function serverFrames(trace: string): Json[] {
  return loadBidiTrace(trace)
    .filter((l) => l.dir === 's2c')
    .map((l) => l.event as Json);
}

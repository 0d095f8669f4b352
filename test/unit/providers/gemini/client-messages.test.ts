import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SessionOptions } from '../../../../src/core/session.js';
import {
  activityEnd,
  activityStart,
  audioMessage,
  setupMessage,
  toolResponse,
  userTextTurn,
} from '../../../../src/providers/gemini/client-messages.js';
import { geminiModelName, vertexModelPath } from '../../../../src/providers/gemini/endpoint.js';
import { loadBidiTrace } from '../../../support/traces.js';
import { GEMINI_TOOL_TRACE } from './support/gemini-traces.js';

interface FrameEntry {
  kind: 'frame';
  json: Record<string, unknown>;
}
const reference = JSON.parse(
  readFileSync(new URL('../../../fixtures/official-sdk-handshakes.json', import.meta.url), 'utf8'),
) as Record<string, [unknown, FrameEntry, FrameEntry, FrameEntry]>;

const options = (over: Partial<SessionOptions> = {}): SessionOptions => ({
  model: 'gemini-2.5-flash-native-audio-preview-12-2025',
  voice: 'Zephyr',
  instructions: 'Be brief.',
  output: 'audio',
  vad: { mode: 'server' },
  tools: [],
  ...over,
});

/** Fields voicechat adds to every setup on purpose: resumption handles and compression for long calls. */
const EXTRAS = { sessionResumption: {}, contextWindowCompression: { slidingWindow: {} } };

describe('setup against the official SDK reference', () => {
  it.each([
    [
      'gemini',
      geminiModelName('gemini-2.5-flash-native-audio-preview-12-2025'),
      'gemini-2.5-flash-native-audio-preview-12-2025',
    ],
    [
      'gemini-gateway',
      geminiModelName('gemini-2.5-flash-native-audio-preview-12-2025'),
      'gemini-2.5-flash-native-audio-preview-12-2025',
    ],
    [
      'vertex',
      vertexModelPath('gemini-live-2.5-flash-native-audio', 'my-project', 'us-central1'),
      'gemini-live-2.5-flash-native-audio',
    ],
  ])('%s: same fields, casing and values, plus resumption and compression', (name, wireModel, model) => {
    const ref = reference[name]![1].json;
    const ours = setupMessage({ options: options({ model }), model: wireModel });
    expect(ours).toEqual({ setup: { ...(ref['setup'] as Record<string, unknown>), ...EXTRAS } });
    // field order as the SDK sends it, for byte-level diffing of captures
    expect(Object.keys(ours['setup'] as object).slice(0, 5)).toEqual(Object.keys(ref['setup'] as object));
  });

  it('audio and text turns equal the reference frames', () => {
    const ref = reference['gemini']!;
    const audio = audioMessage(new Int16Array([1, -1, 300]));
    expect(Object.keys(audio)).toEqual(Object.keys(ref[2].json));
    expect((audio['realtimeInput'] as { audio: { mimeType: string } }).audio.mimeType).toBe('audio/pcm;rate=16000');
    expect(userTextTurn('Hello')).toEqual(ref[3].json);
    expect(userTextTurn('Hello')).toEqual(reference['vertex']![3].json);
  });

  it('resumes with the handle', () => {
    const setup = setupMessage({ options: options(), model: 'models/m', resumptionHandle: 'h-1' })['setup'] as Record<
      string,
      unknown
    >;
    expect(setup['sessionResumption']).toEqual({ handle: 'h-1' });
  });

  it('manual VAD disables automatic activity detection; activityStart/End mark the turn', () => {
    const setup = setupMessage({ options: options({ vad: { mode: 'manual' } }), model: 'models/m' })['setup'] as Record<
      string,
      unknown
    >;
    expect(setup['realtimeInputConfig']).toEqual({ automaticActivityDetection: { disabled: true } });
    expect(activityStart()).toEqual({ realtimeInput: { activityStart: {} } });
    expect(activityEnd()).toEqual({ realtimeInput: { activityEnd: {} } });
  });

  it('VAD tuning, temperature, language and text-capable models', () => {
    const setup = setupMessage({
      options: options({
        model: 'gemini-live-2.5-flash',
        output: 'text',
        temperature: 0.4,
        transcriptionLanguage: 'de-DE',
        vad: { mode: 'server', threshold: 0.8, prefixPaddingMs: 100, silenceDurationMs: 700 },
      }),
      model: 'models/gemini-live-2.5-flash',
    })['setup'] as Record<string, unknown>;
    expect(setup['generationConfig']).toEqual({
      responseModalities: ['TEXT'],
      speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Zephyr' } }, languageCode: 'de-DE' },
      temperature: 0.4,
    });
    expect(setup['realtimeInputConfig']).toEqual({
      automaticActivityDetection: {
        startOfSpeechSensitivity: 'START_SENSITIVITY_LOW',
        prefixPaddingMs: 100,
        silenceDurationMs: 700,
      },
    });
  });

  it('native-audio models get AUDIO even for text-only output', () => {
    const setup = setupMessage({ options: options({ output: 'text' }), model: 'models/m' })['setup'] as Record<
      string,
      unknown
    >;
    expect(setup['generationConfig']).toMatchObject({ responseModalities: ['AUDIO'] });
  });

  it('tools become functionDeclarations shaped like the 3.1 trace', () => {
    const traced = loadBidiTrace(GEMINI_TOOL_TRACE)[0]!.event['setup'] as Record<string, unknown>;
    const setup = setupMessage({
      options: options({
        tools: [
          {
            name: 'get_weather',
            description: 'Look up the weather for a city.',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string', 'x-extra': 1 } },
              required: ['city'],
              additionalProperties: false,
            },
          },
        ],
      }),
      model: 'models/m',
    })['setup'] as Record<string, unknown>;
    expect(setup['tools']).toEqual(traced['tools']);
  });

  it('tool responses carry id and name', () => {
    expect(toolResponse('fc_1', 'get_weather', 'foggy')).toEqual({
      toolResponse: { functionResponses: [{ id: 'fc_1', name: 'get_weather', response: { output: 'foggy' } }] },
    });
  });
});

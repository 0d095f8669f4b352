import type { HistoryItem, SessionOptions, VadOptions } from '../../core/session.js';
import { pcm16ToBase64 } from '../../core/pcm-codec.js';
import { canAnswerInText } from './catalog.js';
import { GEMINI_INPUT_MIME_TYPE } from './protocol.js';
import { toolsField } from './tool-schema.js';

/** Pure builders of Gemini Live client messages, camelCase as the SDK sends them. */

export interface SetupInput {
  options: SessionOptions;
  /** `models/<id>` for the Gemini API, the full resource path for Vertex. */
  model: string;
  /** Resumes a previous session (after goAway); absent on the first connection. */
  resumptionHandle?: string | undefined;
}

/** AUDIO unless the user wants text and the model can answer in text (native-audio models cannot). */
export function responseModalities(options: SessionOptions): ['AUDIO'] | ['TEXT'] {
  return options.output === 'text' && canAnswerInText(options.model) ? ['TEXT'] : ['AUDIO'];
}

function realtimeInputConfig(vad: VadOptions): Record<string, unknown> | undefined {
  switch (vad.mode) {
    case 'manual':
      return { automaticActivityDetection: { disabled: true } };
    case 'server':
    case 'semantic': {
      const detection: Record<string, unknown> = {};
      // a high threshold means "harder to trigger": low start sensitivity
      if (vad.threshold !== undefined) {
        detection['startOfSpeechSensitivity'] =
          vad.threshold >= 0.5 ? 'START_SENSITIVITY_LOW' : 'START_SENSITIVITY_HIGH';
      }
      if (vad.eagerness === 'high') detection['endOfSpeechSensitivity'] = 'END_SENSITIVITY_HIGH';
      if (vad.eagerness === 'low') detection['endOfSpeechSensitivity'] = 'END_SENSITIVITY_LOW';
      if (vad.prefixPaddingMs !== undefined) detection['prefixPaddingMs'] = Math.round(vad.prefixPaddingMs);
      if (vad.silenceDurationMs !== undefined) detection['silenceDurationMs'] = Math.round(vad.silenceDurationMs);
      return Object.keys(detection).length === 0 ? undefined : { automaticActivityDetection: detection };
    }
  }
}

/** BCP-47 with a region (`en-US`); the bare ISO-639-1 codes other providers take are not sent. */
function speechLanguage(code: string | undefined): string | undefined {
  return code !== undefined && /^[a-z]{2,3}-[A-Z]{2}$/.test(code) ? code : undefined;
}

export function setupMessage(input: SetupInput): Record<string, unknown> {
  const { options } = input;
  const generationConfig: Record<string, unknown> = { responseModalities: responseModalities(options) };
  const speechConfig: Record<string, unknown> = {};
  if (options.voice !== undefined && options.voice !== '') {
    speechConfig['voiceConfig'] = { prebuiltVoiceConfig: { voiceName: options.voice } };
  }
  const language = speechLanguage(options.transcriptionLanguage);
  if (language !== undefined) speechConfig['languageCode'] = language;
  if (Object.keys(speechConfig).length > 0) generationConfig['speechConfig'] = speechConfig;
  if (options.temperature !== undefined) generationConfig['temperature'] = options.temperature;
  if (options.maxOutputTokens !== undefined) generationConfig['maxOutputTokens'] = options.maxOutputTokens;

  const setup: Record<string, unknown> = { model: input.model, generationConfig };
  if (options.instructions !== undefined && options.instructions !== '') {
    setup['systemInstruction'] = { parts: [{ text: options.instructions }], role: 'user' };
  }
  const tools = toolsField(options.tools);
  if (tools !== undefined) setup['tools'] = tools;
  const inputConfig = realtimeInputConfig(options.vad);
  if (inputConfig !== undefined) setup['realtimeInputConfig'] = inputConfig;
  setup['inputAudioTranscription'] = {};
  setup['outputAudioTranscription'] = {};
  setup['sessionResumption'] = input.resumptionHandle === undefined ? {} : { handle: input.resumptionHandle };
  // long calls: without compression an audio session ends when the context fills (~15 min)
  setup['contextWindowCompression'] = { slidingWindow: {} };
  return { setup };
}

export function audioMessage(pcm: Int16Array): Record<string, unknown> {
  return { realtimeInput: { audio: { data: pcm16ToBase64(pcm), mimeType: GEMINI_INPUT_MIME_TYPE } } };
}

export function activityStart(): Record<string, unknown> {
  return { realtimeInput: { activityStart: {} } };
}

export function activityEnd(): Record<string, unknown> {
  return { realtimeInput: { activityEnd: {} } };
}

/** With automatic VAD: the microphone closed, so the server flushes and answers what it heard. */
export function audioStreamEnd(): Record<string, unknown> {
  return { realtimeInput: { audioStreamEnd: true } };
}

export function userTextTurn(text: string): Record<string, unknown> {
  return { clientContent: { turns: [{ parts: [{ text }], role: 'user' }], turnComplete: true } };
}

/** The tool's output goes back as `{output}` under the call's id (required by the Gemini API). */
export function toolResponse(callId: string, name: string, output: string): Record<string, unknown> {
  return { toolResponse: { functionResponses: [{ id: callId, name, response: { output } }] } };
}

/** Earlier turns appended to the context without a reply (`turnComplete: false`). */
export function historyTurns(items: readonly HistoryItem[]): Record<string, unknown> {
  return {
    clientContent: {
      turns: items.map((item) => ({
        parts: [{ text: item.text }],
        role: item.role === 'assistant' ? 'model' : 'user',
      })),
      turnComplete: false,
    },
  };
}

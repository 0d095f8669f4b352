import { openAiFunctionTool } from './tool-schema.js';
import type { NoiseReduction, SessionOptions } from '../../core/session.js';
import { turnDetection } from './client-events.js';

/**
 * Pure builders of the beta (Azure OpenAI preview endpoint, Voice Live) client events: a flat
 * session with `modalities`, `voice`, `input_audio_format`, `turn_detection` at the top. Only
 * beta fields, never a GA one (`type`, `output_modalities`, `audio`, `max_output_tokens`).
 */

/** Beta never allows audio alone: speech always comes with its transcript as text. */
export function betaModalities(output: SessionOptions['output']): string[] {
  return output === 'text' ? ['text'] : ['text', 'audio'];
}

export function betaNoiseReduction(value: NoiseReduction): Record<string, unknown> | null {
  return value === 'off' ? null : { type: value };
}

/**
 * The session object; key order follows the official SDKs (modalities, voice, instructions,
 * formats, turn detection, then the optional rest).
 */
export function betaSession(options: SessionOptions): Record<string, unknown> {
  const session: Record<string, unknown> = { modalities: betaModalities(options.output) };
  if (options.voice !== undefined) session['voice'] = options.voice;
  if (options.instructions !== undefined) session['instructions'] = options.instructions;
  session['input_audio_format'] = 'pcm16';
  session['output_audio_format'] = 'pcm16';
  session['turn_detection'] = turnDetection(options.vad);
  if (options.transcriptionModel !== undefined) {
    const transcription: Record<string, unknown> = { model: options.transcriptionModel };
    if (options.transcriptionLanguage !== undefined) transcription['language'] = options.transcriptionLanguage;
    session['input_audio_transcription'] = transcription;
  }
  if (options.noiseReduction !== undefined) {
    session['input_audio_noise_reduction'] = betaNoiseReduction(options.noiseReduction);
  }
  if (options.speed !== undefined) session['speed'] = options.speed;
  if (options.tools.length > 0) {
    session['tools'] = options.tools.map(openAiFunctionTool);
    session['tool_choice'] = 'auto';
  }
  if (options.temperature !== undefined) session['temperature'] = options.temperature;
  if (options.maxOutputTokens !== undefined) session['max_response_output_tokens'] = options.maxOutputTokens;
  return session;
}

export function betaSessionUpdate(options: SessionOptions): Record<string, unknown> {
  return { type: 'session.update', session: betaSession(options) };
}

/** Assistant text for history; beta names the content type `text` (GA: `output_text`). */
export function betaAssistantTextItem(text: string): Record<string, unknown> {
  return {
    type: 'conversation.item.create',
    item: { type: 'message', role: 'assistant', content: [{ type: 'text', text }] },
  };
}

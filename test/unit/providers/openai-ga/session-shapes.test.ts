import { describe, expect, it } from 'vitest';
import type { SessionOptions } from '../../../../src/core/session.js';
import { betaAssistantTextItem, betaSessionUpdate } from '../../../../src/providers/openai-ga/beta-session-update.js';
import { assistantTextItem, gaSessionUpdate } from '../../../../src/providers/openai-ga/client-events.js';
import { shapeDetectingDialect } from '../../../../src/providers/openai-ga/dialects.js';

const BETA_ONLY = [
  'modalities',
  'voice',
  'input_audio_format',
  'output_audio_format',
  'turn_detection',
  'input_audio_transcription',
  'input_audio_noise_reduction',
  'temperature',
  'max_response_output_tokens',
  'speed',
];
const GA_ONLY = ['type', 'output_modalities', 'audio', 'max_output_tokens'];

const full: SessionOptions = {
  model: 'gpt-realtime',
  voice: 'alloy',
  instructions: 'Be brief.',
  output: 'audio',
  vad: { mode: 'server', threshold: 0.6, prefixPaddingMs: 200, silenceDurationMs: 400 },
  speed: 1.1,
  temperature: 0.8,
  maxOutputTokens: 300,
  transcriptionModel: 'whisper-1',
  transcriptionLanguage: 'en',
  noiseReduction: 'near_field',
  tools: [{ name: 'get_current_time', description: 'd', parameters: { type: 'object' } }],
};

describe('the two session shapes never mix', () => {
  it('beta (Azure preview): only beta fields, audio always with text', () => {
    const session = betaSessionUpdate(full)['session'] as Record<string, unknown>;
    for (const key of GA_ONLY) expect(session).not.toHaveProperty(key);
    expect(session).toEqual({
      modalities: ['text', 'audio'],
      voice: 'alloy',
      instructions: 'Be brief.',
      input_audio_format: 'pcm16',
      output_audio_format: 'pcm16',
      turn_detection: { type: 'server_vad', threshold: 0.6, prefix_padding_ms: 200, silence_duration_ms: 400 },
      input_audio_transcription: { model: 'whisper-1', language: 'en' },
      input_audio_noise_reduction: { type: 'near_field' },
      speed: 1.1,
      tools: [{ type: 'function', name: 'get_current_time', description: 'd', parameters: { type: 'object' } }],
      tool_choice: 'auto',
      temperature: 0.8,
      max_response_output_tokens: 300,
    });
  });

  it('beta text-only asks for text; manual VAD is null', () => {
    const session = betaSessionUpdate({ ...full, output: 'text', vad: { mode: 'manual' } })['session'] as Record<
      string,
      unknown
    >;
    expect(session['modalities']).toEqual(['text']);
    expect(session['turn_detection']).toBeNull();
  });

  it('GA: only GA fields', () => {
    const session = gaSessionUpdate(full)['session'] as Record<string, unknown>;
    for (const key of BETA_ONLY) expect(session).not.toHaveProperty(key);
    expect(session['type']).toBe('realtime');
    expect(session['output_modalities']).toEqual(['audio']);
  });

  it('assistant history text: output_text in GA, text in beta', () => {
    expect(JSON.stringify(assistantTextItem('hi'))).toContain('"type":"output_text"');
    expect(JSON.stringify(betaAssistantTextItem('hi'))).toContain('"type":"text"');
    expect(JSON.stringify(betaAssistantTextItem('hi'))).not.toContain('output_text');
  });
});

describe('shapeDetectingDialect', () => {
  it('follows the shape session.created shows', () => {
    const ga = shapeDetectingDialect('ga');
    expect(ga.detect?.('ga')).toBe(ga);
    const beta = ga.detect?.('beta');
    expect(beta?.shape).toBe('beta');
    expect(beta?.sessionUpdate(full)['session']).toHaveProperty('modalities');
  });

  it.each(['unknown_parameter', 'beta_api_shape_disabled'])('flips on %s', (code) => {
    expect(shapeDetectingDialect('ga').fallback?.(code, full)?.shape).toBe('beta');
    expect(shapeDetectingDialect('beta').fallback?.(code, full)?.shape).toBe('ga');
  });

  it.each(['invalid_value', undefined])('does not flip on %s', (code) => {
    expect(shapeDetectingDialect('ga').fallback?.(code, full)).toBeUndefined();
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SessionOptions } from '../../../../src/core/session.js';
import {
  newEventId,
  voiceLiveDialect,
  voiceLiveSessionUpdate,
  voiceLiveVoice,
} from '../../../../src/providers/voicelive/session-update.js';

interface RefEntry {
  kind: string;
  json?: Record<string, unknown>;
}
const reference = JSON.parse(
  readFileSync(new URL('../../../fixtures/official-sdk-handshakes.json', import.meta.url), 'utf8'),
) as Record<string, RefEntry[]>;
const refUpdate = reference['voicelive']!.find((e) => e.kind === 'frame')!.json!;

const base: SessionOptions = { model: 'gpt-realtime', output: 'audio', vad: { mode: 'server' }, tools: [] };
const GA_KEYS = ['type', 'output_modalities', 'audio', 'max_output_tokens'];

describe('Voice Live session.update', () => {
  it('matches the official SDK for the same options (echo cancellation off)', () => {
    const ours = voiceLiveSessionUpdate(
      { ...base, voice: 'en-US-AvaNeural', instructions: 'Be brief.', echoCancellation: false },
      refUpdate['event_id'] as string,
    );
    expect(ours).toEqual(refUpdate);
    expect(JSON.stringify(ours)).toBe(JSON.stringify(refUpdate));
  });

  it('turns server echo cancellation on by default', () => {
    const session = voiceLiveSessionUpdate(base, 'e')['session'] as Record<string, unknown>;
    expect(session['input_audio_echo_cancellation']).toEqual({ type: 'server_echo_cancellation' });
  });

  it('leaves echo cancellation out with manual turn-taking unless asked for', () => {
    const manual = { ...base, vad: { mode: 'manual' as const } };
    expect(
      (voiceLiveSessionUpdate(manual, 'e')['session'] as Record<string, unknown>)['input_audio_echo_cancellation'],
    ).toBeUndefined();
    expect(
      (voiceLiveSessionUpdate({ ...manual, echoCancellation: true }, 'e')['session'] as Record<string, unknown>)[
        'input_audio_echo_cancellation'
      ],
    ).toEqual({
      type: 'server_echo_cancellation',
    });
  });

  it.each([
    ['en-US-AvaNeural', { type: 'azure-standard', name: 'en-US-AvaNeural' }],
    ['en-US-Ava:DragonHDLatestNeural', { type: 'azure-standard', name: 'en-US-Ava:DragonHDLatestNeural' }],
    ['alloy', 'alloy'],
    ['marin', 'marin'],
  ])('voice %s', (name, expected) => {
    expect(voiceLiveVoice(name)).toEqual(expected);
  });

  it.each([
    [{ mode: 'server' as const }, { type: 'server_vad' }],
    [
      { mode: 'server' as const, silenceDurationMs: 700 },
      { type: 'server_vad', silence_duration_ms: 700 },
    ],
    [{ mode: 'semantic' as const }, { type: 'azure_semantic_vad' }],
    [{ mode: 'manual' as const }, null],
  ])('turn detection %j', (vad, expected) => {
    expect(
      (voiceLiveSessionUpdate({ ...base, vad }, 'e')['session'] as Record<string, unknown>)['turn_detection'],
    ).toEqual(expected);
  });

  it.each([
    ['near_field' as const, { type: 'azure_deep_noise_suppression' }],
    ['far_field' as const, { type: 'far_field' }],
    ['off' as const, null],
  ])('noise reduction %s', (noiseReduction, expected) => {
    expect(
      (voiceLiveSessionUpdate({ ...base, noiseReduction }, 'e')['session'] as Record<string, unknown>)[
        'input_audio_noise_reduction'
      ],
    ).toEqual(expected);
  });

  it('asks for text with audio (never audio alone), transcription, tools; no GA field', () => {
    const update = voiceLiveSessionUpdate(
      {
        ...base,
        transcriptionModel: 'azure-speech',
        transcriptionLanguage: 'en-US',
        temperature: 0.7,
        maxOutputTokens: 200,
        tools: [{ name: 'get_current_time', description: 'd', parameters: { type: 'object' } }],
      },
      'e',
    );
    const session = update['session'] as Record<string, unknown>;
    expect(session['modalities']).toEqual(['text', 'audio']);
    expect(session['input_audio_transcription']).toEqual({ model: 'azure-speech', language: 'en-US' });
    expect(session['tools']).toEqual([
      { type: 'function', name: 'get_current_time', description: 'd', parameters: { type: 'object' } },
    ]);
    expect(session['temperature']).toBe(0.7);
    expect(session['max_response_output_tokens']).toBe(200);
    for (const key of GA_KEYS) expect(session).not.toHaveProperty(key);
  });

  it('the dialect stamps each update with an SDK-style event id', () => {
    const update = voiceLiveDialect.sessionUpdate(base);
    expect(update['event_id']).toMatch(/^evt_\d+_[0-9a-z]{9}$/);
    expect(newEventId(1795458783901, () => 0.5)).toBe('evt_1795458783901_iiiiiiiii');
  });
});

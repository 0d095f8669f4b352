import type { NoiseReduction, SessionOptions, VadOptions } from '../../core/session.js';
import { betaSession } from '../openai-ga/beta-session-update.js';
import { turnDetection } from '../openai-ga/client-events.js';
import type { OpenAiStyleDialect } from '../openai-ga/dialects.js';

/**
 * Voice Live speaks the beta session shape plus its own options: Azure voices, Azure semantic
 * VAD, deep noise suppression and server echo cancellation. Pure, except for the event id.
 */

export type VoiceLiveVoice = string | { type: 'azure-standard'; name: string };

/** `en-US-AvaNeural`, `en-US-Ava:DragonHDLatestNeural` are Azure voices; `alloy`, `marin` stay OpenAI names. */
export function voiceLiveVoice(name: string): VoiceLiveVoice {
  return name.includes('-') ? { type: 'azure-standard', name } : name;
}

export function voiceLiveTurnDetection(vad: VadOptions): Record<string, unknown> | null {
  switch (vad.mode) {
    case 'manual':
    case 'server':
      return turnDetection(vad);
    case 'semantic': {
      const td: Record<string, unknown> = { type: 'azure_semantic_vad' };
      if (vad.threshold !== undefined) td['threshold'] = vad.threshold;
      if (vad.prefixPaddingMs !== undefined) td['prefix_padding_ms'] = vad.prefixPaddingMs;
      if (vad.silenceDurationMs !== undefined) td['silence_duration_ms'] = vad.silenceDurationMs;
      return td;
    }
  }
}

/**
 * `near_field` asks for Azure deep noise suppression (it targets the near-field talker);
 * `far_field` passes OpenAI's far-field filter through (gpt-realtime models only); `off` clears it.
 */
export function voiceLiveNoiseReduction(value: NoiseReduction): Record<string, unknown> | null {
  switch (value) {
    case 'near_field':
      return { type: 'azure_deep_noise_suppression' };
    case 'far_field':
      return { type: 'far_field' };
    case 'off':
      return null;
  }
}

/**
 * Server echo cancellation is on unless turned off: it lets the user talk over laptop speakers.
 * With manual turn-taking it is only sent when asked for (the service is reported to refuse it).
 */
export function wantsEchoCancellation(options: SessionOptions): boolean {
  return options.echoCancellation ?? options.vad.mode !== 'manual';
}

export function voiceLiveSessionUpdate(options: SessionOptions, eventId: string): Record<string, unknown> {
  const session = betaSession(options);
  if (options.voice !== undefined) session['voice'] = voiceLiveVoice(options.voice);
  session['turn_detection'] = voiceLiveTurnDetection(options.vad);
  if (options.noiseReduction !== undefined) {
    session['input_audio_noise_reduction'] = voiceLiveNoiseReduction(options.noiseReduction);
  }
  if (wantsEchoCancellation(options)) {
    session['input_audio_echo_cancellation'] = { type: 'server_echo_cancellation' };
  }
  return { type: 'session.update', event_id: eventId, session };
}

/** Client event ids in the official SDK's style: `evt_<ms>_<9 random base-36 chars>`. */
export function newEventId(now: number = Date.now(), random: () => number = Math.random): string {
  let suffix = '';
  while (suffix.length < 9) suffix += Math.floor(random() * 36).toString(36);
  return `evt_${now}_${suffix}`;
}

export const voiceLiveDialect: OpenAiStyleDialect = {
  name: 'Voice Live',
  shape: 'beta',
  sessionUpdate: (options) => voiceLiveSessionUpdate(options, newEventId()),
};

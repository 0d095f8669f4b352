import { openAiFunctionTool } from './tool-schema.js';
import type { SessionOptions, VadOptions } from '../../core/session.js';
import { pcm16ToBase64 } from '../../core/pcm-codec.js';
import { OPENAI_SAMPLE_RATE } from './protocol.js';

/** Pure builders of OpenAI Realtime GA client events. Only GA fields, never a beta one. */

/** GA and beta share the turn-detection object (beta puts it at the top of the session). */
export function turnDetection(vad: VadOptions): Record<string, unknown> | null {
  switch (vad.mode) {
    case 'manual':
      return null;
    case 'server': {
      const td: Record<string, unknown> = { type: 'server_vad' };
      if (vad.threshold !== undefined) td['threshold'] = vad.threshold;
      if (vad.prefixPaddingMs !== undefined) td['prefix_padding_ms'] = vad.prefixPaddingMs;
      if (vad.silenceDurationMs !== undefined) td['silence_duration_ms'] = vad.silenceDurationMs;
      return td;
    }
    case 'semantic': {
      const td: Record<string, unknown> = { type: 'semantic_vad' };
      if (vad.eagerness !== undefined) td['eagerness'] = vad.eagerness;
      return td;
    }
  }
}

export function gaSessionUpdate(options: SessionOptions): Record<string, unknown> {
  const input: Record<string, unknown> = {
    format: { type: 'audio/pcm', rate: OPENAI_SAMPLE_RATE },
    turn_detection: turnDetection(options.vad),
  };
  if (options.transcriptionModel !== undefined) {
    const transcription: Record<string, unknown> = { model: options.transcriptionModel };
    if (options.transcriptionLanguage !== undefined) transcription['language'] = options.transcriptionLanguage;
    input['transcription'] = transcription;
  }
  if (options.noiseReduction !== undefined) {
    input['noise_reduction'] = options.noiseReduction === 'off' ? null : { type: options.noiseReduction };
  }
  const output: Record<string, unknown> = {};
  if (options.voice !== undefined) output['voice'] = options.voice;
  if (options.speed !== undefined) output['speed'] = options.speed;

  const session: Record<string, unknown> = { type: 'realtime', output_modalities: [options.output] };
  if (options.instructions !== undefined) session['instructions'] = options.instructions;
  session['audio'] = Object.keys(output).length > 0 ? { input, output } : { input };
  if (options.tools.length > 0) {
    session['tools'] = options.tools.map(openAiFunctionTool);
    session['tool_choice'] = 'auto';
  }
  if (options.maxOutputTokens !== undefined) session['max_output_tokens'] = options.maxOutputTokens;
  return { type: 'session.update', session };
}

export function userTextItem(text: string): Record<string, unknown> {
  return {
    type: 'conversation.item.create',
    item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
  };
}

/** Assistant text for history (e.g. replayed after a reconnect); GA names it `output_text`. */
export function assistantTextItem(text: string): Record<string, unknown> {
  return {
    type: 'conversation.item.create',
    item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] },
  };
}

/** A system message mid-conversation (both shapes take `input_text` here). */
export function systemNoteItem(text: string): Record<string, unknown> {
  return {
    type: 'conversation.item.create',
    item: { type: 'message', role: 'system', content: [{ type: 'input_text', text }] },
  };
}

export const RESUME_NOTE =
  'The connection was renewed and the conversation so far was restored above. Continue where it left off; do not greet the user again.';

export function responseCreate(): Record<string, unknown> {
  return { type: 'response.create' };
}

export function responseCancel(): Record<string, unknown> {
  return { type: 'response.cancel' };
}

export function audioAppend(pcm: Int16Array): Record<string, unknown> {
  return { type: 'input_audio_buffer.append', audio: pcm16ToBase64(pcm) };
}

export function audioCommit(): Record<string, unknown> {
  return { type: 'input_audio_buffer.commit' };
}

export function audioClear(): Record<string, unknown> {
  return { type: 'input_audio_buffer.clear' };
}

export function itemTruncate(itemId: string, contentIndex: number, audioEndMs: number): Record<string, unknown> {
  return { type: 'conversation.item.truncate', item_id: itemId, content_index: contentIndex, audio_end_ms: audioEndMs };
}

export function toolOutputItem(callId: string, output: string): Record<string, unknown> {
  return { type: 'conversation.item.create', item: { type: 'function_call_output', call_id: callId, output } };
}

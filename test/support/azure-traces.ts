import { readFileSync } from 'node:fs';
import { loadBidiTrace, type TraceLine } from './traces.js';

export const AZURE_GA_TRACE = 'azure-openai-ga__audio-in__transcription__function-call__audio-answer';
export const VOICE_LIVE_TRACE = 'azure-voicelive__audio-in-server-vad__transcription__audio-response';
export const azureGaTrace = loadBidiTrace(AZURE_GA_TRACE);
export const voiceLiveTrace = loadBidiTrace(VOICE_LIVE_TRACE);
/** Replay options for both traces: they are audio-in, a text turn must not wait at the audio gates. */
export const AZURE_REPLAY = { dialect: 'openai' as const, audioGateMs: 0, gateTimeoutMs: 2000 };

export interface RefEntry {
  kind: 'upgrade' | 'frame';
  url?: string;
  headers?: Record<string, string>;
  json?: Record<string, unknown>;
}

/** What the official SDKs sent on connect (test/fixtures/official-sdk-handshakes.json). */
export const reference = JSON.parse(
  readFileSync(new URL('../fixtures/official-sdk-handshakes.json', import.meta.url), 'utf8'),
) as Record<string, RefEntry[]>;

/** Bytes of reply audio a trace's server sends (GA or beta event names). */
export function replyAudioBytes(trace: TraceLine[]): number {
  return trace
    .filter(
      (l) =>
        l.dir === 's2c' &&
        (l.event['type'] === 'response.output_audio.delta' || l.event['type'] === 'response.audio.delta'),
    )
    .reduce((n, l) => n + Buffer.from(l.event['delta'] as string, 'base64').length, 0);
}

/** The assistant's final transcript in a trace. */
export function replyTranscript(trace: TraceLine[]): string {
  const done = trace.filter(
    (l) =>
      l.dir === 's2c' &&
      (l.event['type'] === 'response.output_audio_transcript.done' ||
        l.event['type'] === 'response.audio_transcript.done'),
  );
  return (done.at(-1)?.event['transcript'] as string | undefined) ?? '';
}

/** session.created of a trace, then the given tail: for setup-failure scripts. */
export function setupScript(trace: TraceLine[], tail: TraceLine[]): TraceLine[] {
  return [trace[0]!, { dir: 'c2s', event: { type: 'session.update' } }, ...tail];
}

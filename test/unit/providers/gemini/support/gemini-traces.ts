import type { TraceLine } from '../../../../support/traces.js';
import { loadBidiTrace } from '../../../../support/traces.js';

/** Gemini/Vertex trace helpers for the replay tests: names, reply text and audio size. */
export const GEMINI_TOOL_TRACE = 'gemini-live-3.1__tool-call__session-resumption-update__audio-answer';
export const GEMINI_BARGE_IN_TRACE =
  'gemini-live-2.5-native-audio__barge-in__interrupted__input-transcription__thoughts';
export const VERTEX_TEXT_TRACE = 'vertex-ai-live__text-in__audio-out__setupComplete-sessionId';

function serverContent(line: TraceLine): Record<string, unknown> | undefined {
  return line.dir === 's2c' ? (line.event['serverContent'] as Record<string, unknown> | undefined) : undefined;
}

/** The spoken reply as text: the output transcription fragments, joined. */
export function outputTranscript(lines: readonly TraceLine[]): string {
  return lines
    .map((l) => (serverContent(l)?.['outputTranscription'] as Record<string, unknown> | undefined)?.['text'])
    .filter((t): t is string => typeof t === 'string')
    .join('');
}

/** Bytes of model audio the trace's server sends. */
export function outputAudioBytes(lines: readonly TraceLine[]): number {
  let bytes = 0;
  for (const line of lines) {
    const parts = ((serverContent(line)?.['modelTurn'] as Record<string, unknown> | undefined)?.['parts'] ??
      []) as Record<string, unknown>[];
    for (const part of parts) {
      const data = (part['inlineData'] as Record<string, unknown> | undefined)?.['data'];
      if (typeof data === 'string') bytes += Buffer.from(data, 'base64').length;
    }
  }
  return bytes;
}

/** Index (in `lines`) just after the first `turnComplete`. */
export function afterFirstTurn(lines: readonly TraceLine[]): number {
  const index = lines.findIndex((l) => serverContent(l)?.['turnComplete'] === true);
  return index + 1;
}

/**
 * The barge-in trace's second model turn as a text one-shot: setup, setupComplete, a text
 * turn, then everything the server sent after the interrupted first turn.
 */
export function bargeInSecondTurnAsText(): TraceLine[] {
  const lines = loadBidiTrace(GEMINI_BARGE_IN_TRACE);
  const setupIndex = lines.findIndex((l) => l.dir === 'c2s' && 'setup' in l.event);
  const completeIndex = lines.findIndex((l) => l.dir === 's2c' && 'setupComplete' in l.event);
  const rest = lines.slice(afterFirstTurn(lines)).filter((l) => l.dir === 's2c');
  return [
    lines[setupIndex]!,
    lines[completeIndex]!,
    {
      dir: 'c2s',
      event: {
        clientContent: { turns: [{ parts: [{ text: 'My name is Marcelo.' }], role: 'user' }], turnComplete: true },
      },
    },
    ...rest,
  ];
}

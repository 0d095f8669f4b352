import type { Usage } from '../../core/events.js';
import { arr, asRecord, num, str } from './protocol.js';

function audioTokens(details: unknown[]): number | undefined {
  let total: number | undefined;
  for (const entry of details) {
    const record = asRecord(entry);
    if (str(record, 'modality') === 'AUDIO') total = (total ?? 0) + (num(record, 'tokenCount') ?? 0);
  }
  return total;
}

/** Reads `usageMetadata` in both namings (Gemini `response*`, Vertex `candidates*`). */
export function readUsage(raw: Record<string, unknown> | undefined): Usage | undefined {
  if (raw === undefined) return undefined;
  const input = num(raw, 'promptTokenCount') ?? 0;
  const output = num(raw, 'responseTokenCount') ?? num(raw, 'candidatesTokenCount') ?? 0;
  const usage: Usage = {
    inputTokens: input,
    outputTokens: output,
    totalTokens: num(raw, 'totalTokenCount') ?? input + output,
  };
  const inputAudio = audioTokens(arr(raw, 'promptTokensDetails'));
  const outputDetails = arr(raw, 'responseTokensDetails');
  const outputAudio = audioTokens(outputDetails.length > 0 ? outputDetails : arr(raw, 'candidatesTokensDetails'));
  const cached = num(raw, 'cachedContentTokenCount');
  if (inputAudio !== undefined) usage.inputAudioTokens = inputAudio;
  if (outputAudio !== undefined) usage.outputAudioTokens = outputAudio;
  if (cached !== undefined) usage.cachedTokens = cached;
  return usage;
}

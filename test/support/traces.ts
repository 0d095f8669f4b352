import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One line of a `.bidi.jsonl` trace. */
export interface TraceLine {
  dir: 'c2s' | 's2c';
  event: Record<string, unknown>;
}

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/traces/', import.meta.url));

/** Reads a bidi trace, skipping its `//` provenance lines. */
export function loadBidiTrace(name: string): TraceLine[] {
  const text = readFileSync(`${FIXTURE_DIR}${name}.bidi.jsonl`, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('//'))
    .map((line) => JSON.parse(line) as TraceLine);
}

/** The provenance lines, which every copied fixture must keep. */
export function provenance(name: string): string[] {
  return readFileSync(`${FIXTURE_DIR}${name}.bidi.jsonl`, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('//'));
}

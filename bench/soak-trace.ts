import type { TraceLine } from '../test/support/traces.js';

const ID = /^(resp|item|event|call)_[A-Za-z0-9]+$/;

/** Gives every provider id in a frame a per-turn suffix, so repeated turns are distinct. */
function renumber(value: unknown, turn: number): unknown {
  if (typeof value === 'string') return ID.test(value) ? `${value}t${turn}` : value;
  if (Array.isArray(value)) return value.map((v) => renumber(v, turn));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renumber(v, turn)]));
  }
  return value;
}

/**
 * A long conversation from one recorded OpenAI GA turn: the set-up frames, then the turn (client
 * audio gate, then the server's reply) `turns` times with fresh ids, each reply's audio repeated
 * `audioRepeat` times so it plays for a few seconds.
 */
export function loopTrace(base: readonly TraceLine[], turns: number, audioRepeat: number): TraceLine[] {
  const firstTurn = base.findIndex((l) => l.dir === 'c2s' && l.event['type'] === 'input_audio_buffer.append');
  const setup = base.slice(0, firstTurn);
  const turn = base
    .slice(firstTurn)
    .flatMap((l) =>
      l.dir === 's2c' && l.event['type'] === 'response.output_audio.delta'
        ? Array.from({ length: audioRepeat }, () => l)
        : [l],
    );
  const out: TraceLine[] = [...setup];
  for (let t = 0; t < turns; t++) {
    for (const line of turn) out.push({ dir: line.dir, event: renumber(line.event, t) as Record<string, unknown> });
  }
  return out;
}

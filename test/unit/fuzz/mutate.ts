import type { Rng } from './prng.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** A frame as it reaches the client: a JSON value, or raw text that may not be JSON at all. */
export type Frame = { kind: 'json'; value: Json } | { kind: 'raw'; text: string };

export function frameText(frame: Frame): string {
  return frame.kind === 'raw' ? frame.text : JSON.stringify(frame.value);
}

const GARBAGE = [
  '',
  '{',
  'null',
  '[]',
  '42',
  '"type"',
  '{"type":',
  '{"type":null}',
  '{"type":{}}',
  '\u0000\u0001\u0002',
  '\ud800',
  'true',
  '{"__proto__":{"polluted":1},"type":"response.done"}',
  `${'['.repeat(2000)}${']'.repeat(2000)}`,
];

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every path into a value (depth-limited), root excluded. */
function paths(value: Json, depth = 0, prefix: Path = []): Path[] {
  if (depth > 6) return [];
  const out: Path[] = [];
  if (Array.isArray(value)) {
    value.slice(0, 8).forEach((v, i) => {
      out.push([...prefix, i], ...paths(v, depth + 1, [...prefix, i]));
    });
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) out.push([...prefix, k], ...paths(v, depth + 1, [...prefix, k]));
  }
  return out;
}

function getAt(value: Json, path: Path): Json | undefined {
  let cur: Json | undefined = value;
  for (const key of path) {
    if (Array.isArray(cur) && typeof key === 'number') cur = cur[key];
    else if (isObject(cur) && typeof key === 'string') cur = cur[key];
    else return undefined;
  }
  return cur;
}

function setAt(value: Json, path: Path, next: Json | undefined): void {
  const parent = getAt(value, path.slice(0, -1));
  const key = path[path.length - 1];
  if (key === undefined) return;
  if (Array.isArray(parent) && typeof key === 'number') {
    if (next === undefined) parent.splice(key, 1);
    else parent[key] = next;
  } else if (isObject(parent) && typeof key === 'string') {
    if (next === undefined) delete parent[key];
    else parent[key] = next;
  }
}

/** A value of a different JSON type than `current`. */
function otherTyped(rng: Rng, current: Json | undefined): Json {
  const makers: (() => Json)[] = [
    () => 'x'.repeat(rng.int(4)),
    () => rng.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53, 4294967296]),
    () => null,
    () => ({}),
    () => [],
    () => rng.chance(0.5),
    () => ({ type: 'nested', id: 'z' }),
    () => [1, 'two', null],
  ];
  for (;;) {
    const candidate = rng.pick(makers)();
    if (typeof candidate !== typeof current || Array.isArray(candidate) !== Array.isArray(current)) return candidate;
  }
}

const BASE64 = /^[A-Za-z0-9+/]{8,}={0,2}$/;

export const MUTATIONS = [
  'drop',
  'duplicate',
  'swap',
  'move',
  'retype-event',
  'field-type',
  'delete-field',
  'truncate-string',
  'odd-bytes',
  'bad-base64',
  'garbage',
  'foreign',
  'empty-object',
  'repeat-burst',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

/**
 * Applies 1-4 random mutations to a copy of the server frames: drop, duplicate, reorder, change
 * event types and field types, truncate strings and base64 audio, odd byte counts, garbage frames
 * and frames of other dialects (`pool`). `typeKey` names the event-type field ('' for Gemini).
 */
export function mutateFrames(
  rng: Rng,
  source: readonly Json[],
  pool: readonly Json[],
  typeKey: string,
): { frames: Frame[]; ops: Mutation[] } {
  const frames: Frame[] = source.map((value) => ({ kind: 'json', value: structuredClone(value) }));
  const ops: Mutation[] = [];
  const count = 1 + rng.int(4);
  const types = source
    .map((v) => (isObject(v) && typeof v[typeKey] === 'string' ? v[typeKey] : undefined))
    .filter((t): t is string => t !== undefined);
  for (let n = 0; n < count; n++) {
    const op = rng.pick(MUTATIONS);
    ops.push(op);
    const i = rng.int(Math.max(1, frames.length));
    const frame = frames[i];
    const json = frame?.kind === 'json' ? frame.value : undefined;
    switch (op) {
      case 'drop':
        frames.splice(i, 1);
        break;
      case 'duplicate':
        if (frame !== undefined) frames.splice(i, 0, structuredClone(frame));
        break;
      case 'swap': {
        const j = rng.int(Math.max(1, frames.length));
        const a = frames[i];
        const b = frames[j];
        if (a !== undefined && b !== undefined) {
          frames[i] = b;
          frames[j] = a;
        }
        break;
      }
      case 'move': {
        const [moved] = frames.splice(i, 1);
        if (moved !== undefined) frames.splice(rng.int(frames.length + 1), 0, moved);
        break;
      }
      case 'retype-event':
        if (isObject(json)) {
          if (typeKey !== '' && rng.chance(0.7))
            json[typeKey] = rng.chance(0.8) && types.length > 0 ? rng.pick(types) : otherTyped(rng, 'x');
          else {
            // Gemini: the message kind is its top-level key; rename it
            const keys = Object.keys(json);
            const key = keys.length > 0 ? rng.pick(keys) : undefined;
            if (key !== undefined) {
              const v = json[key] ?? null;
              delete json[key];
              json[
                rng.pick([
                  'serverContent',
                  'toolCall',
                  'goAway',
                  'setupComplete',
                  'usageMetadata',
                  'sessionResumptionUpdate',
                  'toolCallCancellation',
                  'x',
                ])
              ] = v;
            }
          }
        }
        break;
      case 'field-type':
      case 'delete-field':
      case 'truncate-string':
      case 'odd-bytes':
      case 'bad-base64': {
        if (json === undefined) break;
        const all = paths(json);
        const strings = all.filter((p) => typeof getAt(json, p) === 'string');
        const audio = strings.filter((p) => BASE64.test(getAt(json, p) as string));
        if (op === 'field-type' && all.length > 0) {
          const p = rng.pick(all);
          setAt(json, p, otherTyped(rng, getAt(json, p)));
        } else if (op === 'delete-field' && all.length > 0) setAt(json, rng.pick(all), undefined);
        else if (op === 'truncate-string' && strings.length > 0) {
          const p = rng.pick(strings);
          const s = getAt(json, p) as string;
          setAt(json, p, s.slice(0, rng.int(s.length + 1)));
        } else if (op === 'odd-bytes' && audio.length > 0) {
          const p = rng.pick(audio);
          const bytes = Buffer.from(getAt(json, p) as string, 'base64');
          const odd = rng.chance(0.5)
            ? bytes.subarray(0, Math.max(0, bytes.length - 1 - 2 * rng.int(3)))
            : Buffer.concat([bytes, Buffer.from([7])]);
          setAt(json, p, odd.toString('base64'));
        } else if (op === 'bad-base64' && audio.length > 0) {
          const p = rng.pick(audio);
          const s = getAt(json, p) as string;
          const cut = rng.int(s.length);
          setAt(json, p, rng.chance(0.5) ? s.slice(0, cut) : `${s.slice(0, cut)}!*~${s.slice(cut)}`);
        }
        break;
      }
      case 'garbage':
        frames.splice(i, 0, { kind: 'raw', text: rng.pick(GARBAGE) });
        break;
      case 'foreign':
        if (pool.length > 0) frames.splice(i, 0, { kind: 'json', value: structuredClone(rng.pick(pool)) });
        break;
      case 'empty-object':
        if (frame !== undefined)
          frames[i] = {
            kind: 'json',
            value:
              typeKey === ''
                ? {}
                : { [typeKey]: frame.kind === 'json' && isObject(frame.value) ? (frame.value[typeKey] ?? null) : null },
          };
        break;
      case 'repeat-burst':
        if (frame !== undefined)
          frames.splice(i, 0, ...Array.from({ length: 5 + rng.int(20) }, () => structuredClone(frame)));
        break;
    }
  }
  return { frames, ops };
}

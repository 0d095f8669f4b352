/** Tolerant readers for untrusted JSON frames: a wrong type reads as absent, never as a crash. */

export type WireRecord = Record<string, unknown>;

export function asRecord(value: unknown): WireRecord | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as WireRecord) : undefined;
}

export function str(record: WireRecord | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' ? value : undefined;
}

export function num(record: WireRecord | undefined, key: string): number | undefined {
  const value = record?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function bool(record: WireRecord | undefined, key: string): boolean {
  return record?.[key] === true;
}

export function obj(record: WireRecord | undefined, key: string): WireRecord | undefined {
  return asRecord(record?.[key]);
}

export function arr(record: WireRecord | undefined, key: string): unknown[] {
  const value = record?.[key];
  return Array.isArray(value) ? value : [];
}

/** Parses one frame; anything but a JSON object is an error to report, not to throw. */
export function parseJsonObject(text: string): { ok: true; value: WireRecord } | { ok: false; error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `malformed JSON frame (${(error as Error).message})` };
  }
  const record = asRecord(parsed);
  return record === undefined ? { ok: false, error: 'frame is not a JSON object' } : { ok: true, value: record };
}

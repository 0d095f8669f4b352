/** Names both dialects accept: OpenAI `^[a-zA-Z0-9_-]{1,64}$`, Gemini also wants a letter or `_` first. */
export const MAX_TOOL_NAME_LENGTH = 64;
const SEPARATOR = '__';

export interface NamedTool {
  source: string;
  name: string;
}

function sanitize(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_-]/g, '_');
  return /^[a-zA-Z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** A short stable hash (FNV-1a) so two long names cut to the same prefix stay apart. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36).padStart(7, '0').slice(0, 7);
}

function fit(name: string, key: string): string {
  if (name.length <= MAX_TOOL_NAME_LENGTH) return name;
  return `${name.slice(0, MAX_TOOL_NAME_LENGTH - 8)}_${shortHash(key)}`;
}

/**
 * The names the model sees, in input order: a tool keeps its own (sanitised) name unless another
 * source offers the same one, then every clashing tool becomes `source__name`. Deterministic, so a
 * reconnect declares the same names.
 */
export function qualifyToolNames(tools: readonly NamedTool[]): string[] {
  const plain = tools.map((t) => sanitize(t.name));
  const counts = new Map<string, number>();
  for (const name of plain) counts.set(name, (counts.get(name) ?? 0) + 1);
  const chosen = tools.map((t, i) => {
    const own = plain[i] ?? '';
    const name = (counts.get(own) ?? 0) > 1 ? `${sanitize(t.source)}${SEPARATOR}${own}` : own;
    return fit(name, `${t.source}/${t.name}`);
  });
  // the same server listing the same name twice, or a qualified name equal to a plain one
  const seen = new Map<string, number>();
  return chosen.map((name, i) => {
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return n === 0 ? name : fit(`${name}_${n + 1}`, `${tools[i]?.source}/${tools[i]?.name}/${n}`);
  });
}

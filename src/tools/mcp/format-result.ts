import type { ToolCallOutcome } from '../../core/tool-box.js';
import { toolOutputs } from '../../core/tool-outputs.js';

/**
 * An MCP tool result as the text a realtime model reads. Realtime function results are text only,
 * so images, audio and binary resources are described by type and size instead of sent.
 */

/** Documented cap: a result longer than this is cut, with a marker saying how much was dropped. */
export const MAX_TOOL_OUTPUT_CHARS = 16_000;

type Block = Record<string, unknown>;

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** base64 length -> decoded bytes, without decoding. */
function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((data.length * 3) / 4) - padding);
}

export function describeBlock(block: Block): string {
  const type = str(block['type']) ?? 'unknown';
  switch (type) {
    case 'text':
      return str(block['text']) ?? '';
    case 'image':
    case 'audio': {
      const mime = str(block['mimeType']) ?? type;
      return `[${type}: ${mime}, ${base64Bytes(str(block['data']) ?? '')} bytes, not shown]`;
    }
    case 'resource': {
      const resource = (block['resource'] ?? {}) as Block;
      const uri = str(resource['uri']) ?? '?';
      const mime = str(resource['mimeType']);
      const text = str(resource['text']);
      if (text !== undefined) return `[resource ${uri}${mime === undefined ? '' : ` (${mime})`}]\n${text}`;
      return `[resource ${uri}: ${mime ?? 'binary'}, ${base64Bytes(str(resource['blob']) ?? '')} bytes, not shown]`;
    }
    case 'resource_link': {
      const mime = str(block['mimeType']);
      return `[resource link: ${str(block['name']) ?? ''} <${str(block['uri']) ?? '?'}>${mime === undefined ? '' : ` (${mime})`}]`;
    }
    default:
      return `[${type} content, not shown]`;
  }
}

function leaves(value: unknown, out: string[]): string[] {
  if (value === null || value === undefined) return out;
  if (typeof value === 'object') {
    for (const child of Object.values(value as Record<string, unknown>)) leaves(child, out);
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    out.push(String(value));
  return out;
}

/** Servers often repeat structured content as text (the spec asks them to); send it once. */
function isCoveredBy(structured: unknown, text: string): boolean {
  if (text === '') return false;
  const values = leaves(structured, []);
  return values.every((v) => text.includes(v));
}

export function truncateOutput(text: string, maxChars = MAX_TOOL_OUTPUT_CHARS): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}\n[truncated by voicechat: ${maxChars} of ${text.length} characters shown]`;
}

/** `content` blocks, then `structuredContent` when the text does not already carry it. */
export function formatToolResult(result: unknown, maxChars = MAX_TOOL_OUTPUT_CHARS): ToolCallOutcome {
  const record = (result ?? {}) as Block;
  const content = Array.isArray(record['content']) ? (record['content'] as unknown[]) : [];
  const parts = content
    .filter((b): b is Block => b !== null && typeof b === 'object')
    .map(describeBlock)
    .filter((t) => t !== '');
  const structured = record['structuredContent'];
  if (structured !== undefined && structured !== null) {
    if (!isCoveredBy(structured, parts.join('\n'))) parts.push(JSON.stringify(structured));
  }
  // the legacy (2024-10-07) shape: { toolResult: ... }
  if (parts.length === 0 && record['toolResult'] !== undefined) parts.push(JSON.stringify(record['toolResult']));
  const text = parts.join('\n');
  if (record['isError'] === true) {
    return {
      kind: 'error',
      output: toolOutputs.error(truncateOutput(text === '' ? 'the tool failed' : text, maxChars)),
    };
  }
  return { kind: 'ok', output: truncateOutput(text === '' ? '(no output)' : text, maxChars) };
}

import { describe, expect, it } from 'vitest';
import { formatToolResult, MAX_TOOL_OUTPUT_CHARS, truncateOutput } from '../../../src/tools/mcp/format-result.js';

describe('MCP results as text for the model', () => {
  it.each([
    [
      'text blocks joined',
      {
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      },
      { kind: 'ok', output: 'a\nb' },
    ],
    [
      'structured content alone',
      { content: [], structuredContent: { t: 21, unit: 'C' } },
      { kind: 'ok', output: '{"t":21,"unit":"C"}' },
    ],
    [
      'structured content already said in text is not repeated',
      { content: [{ type: 'text', text: 'It is 21 C' }], structuredContent: { t: 21, unit: 'C' } },
      { kind: 'ok', output: 'It is 21 C' },
    ],
    [
      'structured content that adds something is appended',
      { content: [{ type: 'text', text: 'done' }], structuredContent: { id: 42 } },
      { kind: 'ok', output: 'done\n{"id":42}' },
    ],
    [
      'an image is described, not sent',
      { content: [{ type: 'image', mimeType: 'image/png', data: 'AAAA' }] },
      { kind: 'ok', output: '[image: image/png, 3 bytes, not shown]' },
    ],
    [
      'audio too',
      { content: [{ type: 'audio', mimeType: 'audio/wav', data: 'AAAAAA==' }] },
      { kind: 'ok', output: '[audio: audio/wav, 4 bytes, not shown]' },
    ],
    [
      'an embedded text resource is included',
      { content: [{ type: 'resource', resource: { uri: 'file:///a', mimeType: 'text/plain', text: 'hi' } }] },
      { kind: 'ok', output: '[resource file:///a (text/plain)]\nhi' },
    ],
    [
      'a binary resource is described',
      { content: [{ type: 'resource', resource: { uri: 'file:///b', mimeType: 'application/gzip', blob: 'AAAA' } }] },
      { kind: 'ok', output: '[resource file:///b: application/gzip, 3 bytes, not shown]' },
    ],
    [
      'a resource link',
      { content: [{ type: 'resource_link', uri: 'file:///c', name: 'c', mimeType: 'text/x' }] },
      { kind: 'ok', output: '[resource link: c <file:///c> (text/x)]' },
    ],
    [
      'an unknown block type',
      { content: [{ type: 'hologram' }] },
      { kind: 'ok', output: '[hologram content, not shown]' },
    ],
    [
      'isError becomes an error output',
      { isError: true, content: [{ type: 'text', text: 'no such file' }] },
      { kind: 'error', output: '{"error":"no such file"}' },
    ],
    ['nothing at all', { content: [] }, { kind: 'ok', output: '(no output)' }],
  ])('%s', (_name, result, expected) => {
    expect(formatToolResult(result)).toEqual(expected);
  });

  it(`cuts at ${MAX_TOOL_OUTPUT_CHARS} characters with a marker saying how much there was`, () => {
    expect(truncateOutput('x'.repeat(MAX_TOOL_OUTPUT_CHARS))).toHaveLength(MAX_TOOL_OUTPUT_CHARS);
    const cut = truncateOutput('x'.repeat(MAX_TOOL_OUTPUT_CHARS + 1));
    expect(cut).toBe(
      `${'x'.repeat(MAX_TOOL_OUTPUT_CHARS)}\n[truncated by voicechat: ${MAX_TOOL_OUTPUT_CHARS} of ${MAX_TOOL_OUTPUT_CHARS + 1} characters shown]`,
    );
  });
});

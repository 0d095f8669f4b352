import type { ToolDefinition } from '../../core/session.js';

/**
 * `session.tools` entries (OpenAI, Azure, Voice Live, gateways). The dialect takes JSON Schema as
 * is; only what it refuses is adjusted: the meta `$schema` key, and a top level that is not an
 * object (MCP allows none, but a hand-written server may send `{}`).
 */
export function openAiFunctionTool(tool: ToolDefinition): Record<string, unknown> {
  const { $schema: _meta, ...parameters } = tool.parameters;
  if (parameters['type'] !== 'object') parameters['type'] = 'object';
  return { type: 'function', name: tool.name, description: tool.description, parameters };
}

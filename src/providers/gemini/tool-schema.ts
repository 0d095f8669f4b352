import type { ToolDefinition } from '../../core/session.js';
import { asRecord } from './protocol.js';

/**
 * JSON Schema -> the OpenAPI subset Gemini accepts, with upper-case type names as the SDK sends.
 * Unknown keywords are dropped: the service closes with 1007 on any non-standard key.
 */
export function toGeminiSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const type = schema['type'];
  if (typeof type === 'string') out['type'] = type.toUpperCase();
  else if (Array.isArray(type)) {
    const real = type.filter((t): t is string => typeof t === 'string' && t !== 'null');
    if (real[0] !== undefined) out['type'] = real[0].toUpperCase();
    if (type.includes('null')) out['nullable'] = true;
  }
  for (const key of ['description', 'format', 'nullable', 'minimum', 'maximum', 'minItems', 'maxItems'] as const) {
    if (schema[key] !== undefined) out[key] = schema[key];
  }
  if (Array.isArray(schema['enum'])) out['enum'] = schema['enum'].map(String);
  if (Array.isArray(schema['required'])) out['required'] = schema['required'].filter((r) => typeof r === 'string');
  const properties = asRecord(schema['properties']);
  if (properties !== undefined) {
    const mapped: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(properties)) {
      const child = asRecord(value);
      if (child !== undefined) mapped[name] = toGeminiSchema(child);
    }
    out['properties'] = mapped;
  }
  const items = asRecord(schema['items']);
  if (items !== undefined) out['items'] = toGeminiSchema(items);
  return out;
}

/** `setup.tools` for function calling, or undefined when there are none. */
export function toolsField(tools: readonly ToolDefinition[]): Record<string, unknown>[] | undefined {
  if (tools.length === 0) return undefined;
  return [
    {
      functionDeclarations: tools.map((tool) => {
        const declaration: Record<string, unknown> = { name: tool.name, description: tool.description };
        const parameters = toGeminiSchema(tool.parameters);
        // a function without arguments sends no schema: an empty OBJECT is refused by some models
        const props = asRecord(parameters['properties']);
        if (props === undefined || Object.keys(props).length > 0) declaration['parameters'] = parameters;
        return declaration;
      }),
    },
  ];
}

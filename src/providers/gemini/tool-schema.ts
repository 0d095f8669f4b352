import type { ToolDefinition } from '../../core/session.js';
import { asRecord } from './protocol.js';

/**
 * JSON Schema -> the OpenAPI subset Gemini accepts, with upper-case type names as the SDK sends.
 * The service closes with 1007 on any key outside that subset, so:
 * - annotations and validation-only keywords are dropped (`$schema`, `title`, `default`,
 *   `examples`, `additionalProperties: false`, `multipleOf`, `exclusiveMinimum`, unknown formats...);
 * - structure Gemini cannot state makes the whole tool inexpressible (`$ref`, `allOf`, `not`,
 *   `if`, tuples, free-form maps, a value of any type, non-string `enum`/`const`): the caller skips
 *   the tool and says why, rather than declaring a function whose arguments mean something else.
 */

export type GeminiSchemaResult =
  { ok: true; schema: Record<string, unknown> } | { ok: false; path: string; reason: string };

const GEMINI_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'];
/** The only formats the API takes per type; others would be refused. */
const FORMATS: Record<string, readonly string[]> = {
  STRING: ['enum', 'date-time'],
  NUMBER: ['float', 'double'],
  INTEGER: ['int32', 'int64'],
};
const KEPT = ['description', 'minimum', 'maximum', 'minItems', 'maxItems', 'minLength', 'maxLength', 'pattern'];
const UNSUPPORTED: Record<string, string> = {
  $ref: 'a reference ($ref)',
  allOf: 'allOf',
  not: 'not',
  if: 'if/then/else',
  patternProperties: 'patternProperties',
  prefixItems: 'a tuple (prefixItems)',
  dependentSchemas: 'dependentSchemas',
};

class Inexpressible extends Error {
  readonly path: string;
  constructor(path: string, reason: string) {
    super(reason);
    this.path = path;
  }
}

function inferType(schema: Record<string, unknown>): string | undefined {
  if (asRecord(schema['properties']) !== undefined) return 'object';
  if (schema['items'] !== undefined) return 'array';
  if (Array.isArray(schema['enum']) || typeof schema['const'] === 'string') return 'string';
  return undefined;
}

function convert(schema: Record<string, unknown>, path: string): Record<string, unknown> {
  for (const [key, what] of Object.entries(UNSUPPORTED)) {
    if (schema[key] !== undefined) throw new Inexpressible(path, `uses ${what}`);
  }
  const union = schema['anyOf'] ?? schema['oneOf'];
  if (Array.isArray(union)) {
    const variants = union.map((variant, i) => {
      const record = asRecord(variant);
      if (record === undefined) throw new Inexpressible(`${path}/anyOf/${i}`, 'is not a schema');
      return record;
    });
    const real = variants.filter((v) => v['type'] !== 'null');
    const out: Record<string, unknown> = {};
    if (typeof schema['description'] === 'string') out['description'] = schema['description'];
    if (real.length < variants.length) out['nullable'] = true;
    // `T | null`, the commonest union, is a nullable T
    if (real.length === 1 && real[0] !== undefined) return { ...convert(real[0], `${path}/anyOf/0`), ...out };
    out['anyOf'] = real.map((v, i) => convert(v, `${path}/anyOf/${i}`));
    return out;
  }

  const out: Record<string, unknown> = {};
  const rawType = schema['type'] ?? inferType(schema);
  let types: string[];
  if (typeof rawType === 'string') types = [rawType];
  else if (Array.isArray(rawType)) types = rawType.filter((t): t is string => typeof t === 'string');
  else throw new Inexpressible(path, 'accepts a value of any type (no "type")');
  if (types.some((t) => !GEMINI_TYPES.includes(t)))
    throw new Inexpressible(path, `has an unknown type ${JSON.stringify(rawType)}`);
  const nonNull = types.filter((t) => t !== 'null');
  if (types.includes('null') || schema['nullable'] === true) out['nullable'] = true;
  if (nonNull.length > 1) {
    // ["string", "number"]: a union of plain types
    const description = typeof schema['description'] === 'string' ? { description: schema['description'] } : {};
    return {
      ...description,
      ...out,
      anyOf: nonNull.map((t, i) => convert({ ...schema, type: t, description: undefined }, `${path}/type/${i}`)),
    };
  }
  const type = (nonNull[0] ?? 'null').toUpperCase();
  out['type'] = type;
  for (const key of KEPT) if (schema[key] !== undefined) out[key] = schema[key];
  const format = schema['format'];
  if (typeof format === 'string' && (FORMATS[type] ?? []).includes(format)) out['format'] = format;

  const values = Array.isArray(schema['enum'])
    ? schema['enum']
    : schema['const'] !== undefined
      ? [schema['const']]
      : undefined;
  if (values !== undefined) {
    if (type !== 'STRING' || !values.every((v) => typeof v === 'string')) {
      throw new Inexpressible(path, 'has an enum or const that is not made of strings');
    }
    out['enum'] = values;
  }

  if (type === 'OBJECT') {
    const properties = asRecord(schema['properties']) ?? {};
    const additional = schema['additionalProperties'];
    if (Object.keys(properties).length === 0 && (asRecord(additional) !== undefined || additional === true)) {
      throw new Inexpressible(path, 'is a free-form map (additionalProperties without properties)');
    }
    if (Object.keys(properties).length > 0 || path === '') {
      const mapped: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(properties)) {
        const child = asRecord(value);
        if (child === undefined) throw new Inexpressible(`${path}/properties/${name}`, 'is not a schema');
        mapped[name] = convert(child, `${path}/properties/${name}`);
      }
      out['properties'] = mapped;
      if (Array.isArray(schema['required'])) {
        const required = schema['required'].filter((r): r is string => typeof r === 'string' && r in mapped);
        if (required.length > 0) out['required'] = required;
      }
    } else {
      throw new Inexpressible(path, 'is an object with no declared properties');
    }
  }
  if (type === 'ARRAY') {
    const items = schema['items'];
    if (Array.isArray(items)) throw new Inexpressible(`${path}/items`, 'is a tuple (items as an array)');
    const record = asRecord(items);
    if (record === undefined) throw new Inexpressible(`${path}/items`, 'is missing: an array of anything');
    out['items'] = convert(record, `${path}/items`);
  }
  return out;
}

/** The Gemini form of a tool's argument schema, or where and why it cannot be stated. */
export function convertToGeminiSchema(schema: Record<string, unknown>): GeminiSchemaResult {
  try {
    return { ok: true, schema: convert(schema, '') };
  } catch (error) {
    if (error instanceof Inexpressible)
      return { ok: false, path: error.path === '' ? '/' : error.path, reason: error.message };
    throw error;
  }
}

/** Kept for callers that only want the schema; throws on a schema Gemini cannot express. */
export function toGeminiSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const result = convertToGeminiSchema(schema);
  if (!result.ok) throw new Error(`schema at ${result.path} ${result.reason}`);
  return result.schema;
}

function declaration(tool: ToolDefinition, parameters: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { name: tool.name, description: tool.description };
  // a function without arguments sends no schema: an empty OBJECT is refused by some models
  const props = asRecord(parameters['properties']);
  if (props === undefined || Object.keys(props).length > 0) out['parameters'] = parameters;
  return out;
}

/**
 * `setup.tools` for function calling, or undefined when there are none. Tools Gemini cannot
 * express are left out here too (the caller announced them via `toolsForProvider`): one bad
 * schema must not close the whole session with 1007.
 */
export function toolsField(tools: readonly ToolDefinition[]): Record<string, unknown>[] | undefined {
  const declarations = tools.flatMap((tool) => {
    const result = convertToGeminiSchema(tool.parameters);
    return result.ok ? [declaration(tool, result.schema)] : [];
  });
  if (declarations.length === 0) return undefined;
  return [{ functionDeclarations: declarations }];
}

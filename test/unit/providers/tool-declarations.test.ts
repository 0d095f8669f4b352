import { describe, expect, it } from 'vitest';
import { convertToGeminiSchema, toolsField } from '../../../src/providers/gemini/tool-schema.js';
import { openAiFunctionTool } from '../../../src/providers/openai-ga/tool-schema.js';
import { toolsForProvider } from '../../../src/providers/tool-declarations.js';

type Row = [string, Record<string, unknown>, Record<string, unknown> | { path: string; reason: RegExp }];

const rows: Row[] = [
  [
    'plain object, annotations dropped',
    {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      title: 'Args',
      additionalProperties: false,
      properties: { path: { type: 'string', description: 'a file', default: '.', format: 'uri', readOnly: true } },
      required: ['path', 'ghost'],
    },
    { type: 'OBJECT', properties: { path: { type: 'STRING', description: 'a file' } }, required: ['path'] },
  ],
  [
    'nullable via type array and via anyOf null',
    {
      type: 'object',
      properties: {
        a: { type: ['integer', 'null'], minimum: 0, format: 'int64' },
        b: { anyOf: [{ type: 'string' }, { type: 'null' }], description: 'maybe' },
      },
    },
    {
      type: 'OBJECT',
      properties: {
        a: { type: 'INTEGER', nullable: true, minimum: 0, format: 'int64' },
        b: { type: 'STRING', nullable: true, description: 'maybe' },
      },
    },
  ],
  [
    'unions of plain types and oneOf become anyOf',
    {
      type: 'object',
      properties: {
        v: { type: ['string', 'number'] },
        w: { oneOf: [{ type: 'boolean' }, { type: 'array', items: { type: 'string', enum: ['x', 'y'] } }] },
      },
    },
    {
      type: 'OBJECT',
      properties: {
        v: { anyOf: [{ type: 'STRING' }, { type: 'NUMBER' }] },
        w: { anyOf: [{ type: 'BOOLEAN' }, { type: 'ARRAY', items: { type: 'STRING', enum: ['x', 'y'] } }] },
      },
    },
  ],
  [
    'const string becomes a one-value enum',
    { type: 'object', properties: { k: { const: 'only' } } },
    { type: 'OBJECT', properties: { k: { type: 'STRING', enum: ['only'] } } },
  ],
  ['no arguments', { type: 'object' }, { type: 'OBJECT', properties: {} }],
  [
    'recursive $ref (the fault server\'s "tree")',
    {
      type: 'object',
      properties: { root: { $ref: '#/$defs/node' } },
      $defs: { node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/node' } } } } },
    },
    { path: '/properties/root', reason: /\$ref/ },
  ],
  [
    'allOf',
    { type: 'object', properties: { a: { allOf: [{ type: 'string' }] } } },
    { path: '/properties/a', reason: /allOf/ },
  ],
  ['a value of any type', { type: 'object', properties: { a: {} } }, { path: '/properties/a', reason: /any type/ }],
  [
    'a free-form map',
    { type: 'object', properties: { env: { type: 'object', additionalProperties: { type: 'string' } } } },
    { path: '/properties/env', reason: /free-form map/ },
  ],
  [
    'a tuple',
    { type: 'object', properties: { p: { type: 'array', items: [{ type: 'number' }] } } },
    { path: '/properties/p/items', reason: /tuple/ },
  ],
  [
    'numeric enum',
    { type: 'object', properties: { n: { type: 'integer', enum: [1, 2] } } },
    { path: '/properties/n', reason: /not made of strings/ },
  ],
  [
    'array of anything',
    { type: 'object', properties: { l: { type: 'array' } } },
    { path: '/properties/l/items', reason: /array of anything/ },
  ],
];

describe('JSON Schema -> Gemini', () => {
  it.each(rows)('%s', (_name, input, expected) => {
    const result = convertToGeminiSchema(input);
    if ('reason' in expected && expected.reason instanceof RegExp) {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.path).toBe(expected.path);
        expect(result.reason).toMatch(expected.reason);
      }
    } else {
      expect(result).toEqual({ ok: true, schema: expected });
    }
  });

  it('never emits a key outside the documented subset (the service closes with 1007 otherwise)', () => {
    const allowed = new Set([
      'type',
      'description',
      'nullable',
      'enum',
      'format',
      'items',
      'properties',
      'required',
      'anyOf',
      'minimum',
      'maximum',
      'minItems',
      'maxItems',
      'minLength',
      'maxLength',
      'pattern',
    ]);
    const walk = (schema: unknown): void => {
      if (schema === null || typeof schema !== 'object') return;
      for (const [key, value] of Object.entries(schema)) {
        expect(allowed.has(key), key).toBe(true);
        if (key === 'properties') for (const child of Object.values(value as object)) walk(child);
        if (key === 'items') walk(value);
        if (key === 'anyOf') for (const child of value as unknown[]) walk(child);
      }
    };
    for (const [, input] of rows) {
      const result = convertToGeminiSchema(input);
      if (result.ok) walk(result.schema);
    }
  });
});

describe('tools per provider', () => {
  const clock = { name: 'get_current_time', description: 'd', parameters: { type: 'object', properties: {} } };
  const tree = { name: 'tree', description: 't', parameters: rows[5]?.[1] ?? {} };

  it('Gemini and Vertex skip what they cannot express, saying where and why', () => {
    for (const provider of ['gemini', 'vertex'] as const) {
      const { tools, skipped } = toolsForProvider(provider, [clock, tree]);
      expect(tools.map((t) => t.name)).toEqual(['get_current_time']);
      expect(skipped).toEqual([
        {
          name: 'tree',
          reason: expect.stringMatching(
            /at \/properties\/root uses a reference \(\$ref\), which Gemini cannot express/,
          ),
        },
      ]);
    }
    // and the setup message leaves it out too, so one bad schema cannot close the session
    expect(toolsField([clock, tree])).toEqual([
      { functionDeclarations: [{ name: 'get_current_time', description: 'd' }] },
    ]);
  });

  it('OpenAI-style dialects take JSON Schema as is, minus $schema', () => {
    for (const provider of ['openai', 'azure-openai', 'azure-voicelive'] as const) {
      expect(toolsForProvider(provider, [clock, tree]).skipped).toEqual([]);
    }
    expect(
      openAiFunctionTool({
        name: 'n',
        description: 'd',
        parameters: {
          $schema: 'x',
          type: 'object',
          properties: { a: { $ref: '#/$defs/a' } },
          $defs: { a: { type: 'string' } },
        },
      }),
    ).toEqual({
      type: 'function',
      name: 'n',
      description: 'd',
      parameters: { type: 'object', properties: { a: { $ref: '#/$defs/a' } }, $defs: { a: { type: 'string' } } },
    });
  });
});

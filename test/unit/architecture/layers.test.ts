import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  findCycles,
  importEdges,
  layerViolations,
  sourceFiles,
  specifiersOf,
  type ImportEdge,
} from './import-graph.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The layer rules of docs/architecture.md: each layer and the layers it must never import.
 * Layers point down: cli > commands > modes > ui, record > core, providers, audio, tools, config > net.
 */
const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
  core: ['audio', 'providers', 'ui', 'config', 'record', 'modes', 'commands', 'cli'],
  audio: ['providers', 'ui', 'config', 'record', 'modes', 'commands', 'cli'],
  providers: ['audio', 'ui', 'record', 'modes', 'commands', 'cli'],
  ui: ['audio', 'providers', 'config', 'record', 'modes', 'commands', 'cli'],
  config: ['providers', 'audio', 'ui', 'record', 'modes', 'commands', 'cli'],
  record: ['providers', 'ui', 'config', 'modes', 'commands', 'cli'],
  modes: ['commands', 'cli'],
  tools: ['audio', 'providers', 'ui', 'config', 'record', 'modes', 'commands', 'cli'],
  net: ['audio', 'providers', 'ui', 'config', 'record', 'modes', 'commands', 'cli', 'tools'],
};

const edges = importEdges(ROOT, sourceFiles(ROOT, 'src'));

describe('layers (docs/architecture.md)', () => {
  it('reads every kind of import: static, type-only, re-export and dynamic', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c.js';",
      "const d = await import('./d.js');",
      "import 'node:fs';",
    ].join('\n');
    expect(specifiersOf(text)).toEqual(['./a.js', '../b.js', './c.js', './d.js', 'node:fs']);
    // the tree has dynamic imports (lazy loading); they must be among the edges
    expect(edges.some((e) => e.from === 'src/cli/program.ts' && e.to === 'src/cli/run-action.ts')).toBe(true);
  });

  it('no file imports across a layer rule', () => {
    expect(layerViolations(edges, FORBIDDEN)).toEqual([]);
  });

  it('no import cycle between files', () => {
    expect(findCycles(edges).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });
});

describe('the checks themselves fail on a planted violation', () => {
  const planted = (from: string, to: string): ImportEdge => ({ from, to, specifier: to });

  it('names the offending import', () => {
    const violations = layerViolations(
      [planted('src/ui/app.tsx', 'src/audio/engine.ts'), planted('src/ui/app.tsx', 'src/core/events.ts')],
      FORBIDDEN,
    );
    expect(violations).toEqual(["ui -> audio: src/ui/app.tsx imports 'src/audio/engine.ts'"]);
  });

  it('reports the path of a cycle', () => {
    const cycles = findCycles([
      planted('src/a.ts', 'src/b.ts'),
      planted('src/b.ts', 'src/c.ts'),
      planted('src/c.ts', 'src/a.ts'),
      planted('src/c.ts', 'src/d.ts'),
      planted('src/e.ts', 'src/e.ts'),
    ]);
    expect(cycles).toEqual([
      ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/a.ts'],
      ['src/e.ts', 'src/e.ts'],
    ]);
  });
});

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One import statement: `from` imports `to` (both repository-relative, `/`-separated). */
export interface ImportEdge {
  from: string;
  to: string;
  /** The specifier as written, for the failure message. */
  specifier: string;
}

const toPosix = (path: string): string => path.split(sep).join('/');

export function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(toPosix(relative(root, path)));
    }
  };
  walk(join(root, dir));
  return out;
}

/** Every module specifier a file names: static imports, `export … from`, `import type`, and `import()`. */
export function specifiersOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/**
 * A relative specifier as the file it loads (`./x.js` is `./x.ts` or `./x.tsx` under NodeNext);
 * undefined for a package. Throws for a relative import that names no file, so a typo cannot
 * hide an edge.
 */
export function resolveSpecifier(root: string, from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(root, dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, `${base}.tsx`];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  if (found === undefined) throw new Error(`${from}: cannot resolve import '${specifier}'`);
  return toPosix(relative(root, found));
}

export function importEdges(root: string, files: readonly string[]): ImportEdge[] {
  return files.flatMap((from) =>
    specifiersOf(readFileSync(join(root, from), 'utf8')).flatMap((specifier) => {
      const to = resolveSpecifier(root, from, specifier);
      return to === undefined ? [] : [{ from, to, specifier }];
    }),
  );
}

/**
 * Every import cycle between files, one path per strongly connected component (Tarjan), each
 * written `a -> b -> … -> a`. Type-only imports count: a cycle of types still ties the layers.
 */
export function findCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = (next.get(v) ?? []).includes(v);
      if (component.length > 1 || selfLoop) components.push(component);
    }
  };
  for (const v of nodes) if (!index.has(v)) connect(v);
  return components.map((component) => cyclePath(component, next));
}

/** A shortest cycle through the component's first file (breadth-first inside the component). */
function cyclePath(component: readonly string[], next: ReadonlyMap<string, string[]>): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of next.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let at = v; at !== start; at = previous.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/** The layer a file belongs to: its first folder under src/ (`src/cli.ts` and `src/cli/` are `cli`). */
export function layerOf(file: string): string | undefined {
  const match = /^src\/([^/.]+)/.exec(file);
  return match?.[1];
}

/** Imports that break a rule: `rules[layer]` lists the layers that layer may not import. */
export function layerViolations(
  edges: readonly ImportEdge[],
  rules: Readonly<Record<string, readonly string[]>>,
): string[] {
  return edges.flatMap((e) => {
    const from = layerOf(e.from);
    const to = layerOf(e.to);
    if (from === undefined || to === undefined || from === to) return [];
    return (rules[from] ?? []).includes(to) ? [`${from} -> ${to}: ${e.from} imports '${e.specifier}'`] : [];
  });
}

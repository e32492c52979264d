/**
 * No import cycle among our modules (issue 16): a cycle makes load order matter and
 * hides which module owns what. Type-only imports count too: a type cycle (such as
 * definitions.ts ↔ thread-state.ts once was) is the same knot for a reader. Parses
 * the sources with TypeScript, so it runs with the unit tests.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const ROOMS = ['activities', 'api', 'core', 'dev', 'web/app', 'worker', 'workflows'];

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sourcesUnder(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Relative specifiers of a file's import and export-from declarations (dynamic `import()` is not a load-time edge). */
function specifiersOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  return source.statements.flatMap((s) =>
    (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) &&
    s.moduleSpecifier &&
    ts.isStringLiteral(s.moduleSpecifier) &&
    s.moduleSpecifier.text.startsWith('.')
      ? [s.moduleSpecifier.text]
      : [],
  );
}

function resolve(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier.replace(/\?.*$/, ''));
  const candidates = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx'), base];
  return candidates.find((c) => /\.tsx?$/.test(c) && existsSync(c) && statSync(c).isFile()) ?? null;
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of ROOMS.flatMap((room) => sourcesUnder(path.join(ROOT, room)))) {
    graph.set(
      file,
      specifiersOf(file).flatMap((s) => resolve(file, s) ?? []),
    );
  }
  return graph;
}

/** Every cycle a depth-first walk meets, as relative paths from the first file back to it. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'visiting') cycles.push(stack.slice(stack.indexOf(next)).concat(next));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles.map((cycle) => cycle.map((file) => path.relative(ROOT, file)));
}

test('the modules of activities, api, core, dev, web, worker and workflows import each other without a cycle', () => {
  const graph = importGraph();
  expect(graph.size).toBeGreaterThan(150);
  expect(findCycles(graph)).toEqual([]);
});

test('the cycle finder sees a cycle when there is one, and not in a diamond', () => {
  const [a, b, c, d] = ['a.ts', 'b.ts', 'c.ts', 'd.ts'].map((name) => path.join(ROOT, name));
  const cyclic = new Map([
    [a, [b]],
    [b, [c]],
    [c, [a]],
  ]);
  expect(findCycles(cyclic)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  const diamond = new Map([
    [a, [b, c]],
    [b, [d]],
    [c, [d]],
    [d, []],
  ]);
  expect(findCycles(diamond)).toEqual([]);
});

test('type-only imports and re-exports are edges too', () => {
  expect(specifiersOf(path.join(ROOT, 'workflows/thread-state.ts'))).toContain('./types');
  expect(specifiersOf(path.join(ROOT, 'workflows/definitions.ts'))).toEqual(['./types', './types']);
});

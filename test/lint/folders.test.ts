/**
 * The folder graph of the repository, read from the sources themselves (every
 * relative `import`, `export ... from`, `import()`, `require()` and
 * `jest.mock()` in tracked .ts/.js files), so a dynamic import or a require
 * that the ESLint boundary rules cannot see is still caught:
 *   - no cycle between top-level folders (src, simulator, tools, governance,
 *     test), counting every file except tests (*.test.ts);
 *   - nothing but tests and test/ helpers imports test/;
 *   - nothing but tests and the helpers beside them imports governance/testing/
 *     (it is left out of the governance build, tsconfig.governance.json);
 *   - the simulator's own code imports nothing outside simulator/.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const REPO_ROOT = path.resolve(__dirname, '../..');
const SPECIFIER = /(?:\bfrom|\bimport|\brequire\(|\bjest\.mock\()\s*\(?\s*['"](\.{1,2}\/[^'"]*)['"]/g;

interface Import {
  from: string;
  to: string;
}

function trackedSources(): string[] {
  return execFileSync('git', ['ls-files', '*.ts', '*.js'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file !== '' && !file.includes('__recordings__') && fs.existsSync(path.join(REPO_ROOT, file)));
}

/** Every relative import in the repository, as repository-relative paths (target without extension). */
function relativeImports(): Import[] {
  const imports: Import[] = [];
  for (const file of trackedSources()) {
    const source = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
    for (const match of source.matchAll(SPECIFIER)) {
      imports.push({ from: file, to: path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1])) });
    }
  }
  return imports;
}

const topFolder = (file: string): string => (file.includes('/') ? file.split('/')[0] : '.');
const isTest = (file: string): boolean => file.endsWith('.test.ts');

/** The cycles (as folder lists) in a directed graph given as edges, one per strongly connected group. */
function folderCycles(edges: Array<[string, string]>): string[][] {
  const next = new Map<string, Set<string>>();
  for (const [a, b] of edges) {
    if (a !== b) next.set(a, (next.get(a) ?? new Set()).add(b));
  }
  const reaches = (start: string, goal: string): boolean => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      const node = stack.pop()!;
      for (const n of next.get(node) ?? []) {
        if (n === goal) return true;
        if (!seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
      }
    }
    return false;
  };
  const nodes = [...new Set(edges.flat())].sort();
  const groups = new Map<string, string[]>();
  for (const node of nodes) {
    if (!reaches(node, node)) continue;
    const group = nodes.filter((other) => other === node || (reaches(node, other) && reaches(other, node)));
    groups.set(group.join(' '), group);
  }
  return [...groups.values()];
}

describe('folder graph', () => {
  const imports = relativeImports();

  test('the source scan sees the imports it should (a scan that finds nothing would pass everything)', () => {
    expect(imports).toContainEqual({ from: 'tools/bench.ts', to: 'simulator' });
    expect(imports).toContainEqual({ from: 'governance/testing/collectGraph.ts', to: 'tools/lib/collect' });
    expect(imports).toContainEqual({
      from: 'governance/enforce/enforce.test.ts',
      to: 'governance/testing/enforceHarness',
    });
  });

  test('the cycle finder reports a cycle between folders and none in a chain', () => {
    expect(
      folderCycles([
        ['tools', 'test'],
        ['test', 'tools'],
        ['tools', 'src'],
      ]),
    ).toEqual([['test', 'tools']]);
    expect(
      folderCycles([
        ['test', 'tools'],
        ['tools', 'simulator'],
        ['tools', 'src'],
      ]),
    ).toEqual([]);
  });

  test('no cycle between top-level folders (tests aside)', () => {
    const edges = imports
      .filter((i) => !isTest(i.from))
      .map((i): [string, string] => [topFolder(i.from), topFolder(i.to)]);
    expect(folderCycles(edges)).toEqual([]);
  });

  test('only tests and test/ helpers import test/', () => {
    const offenders = imports.filter(
      (i) => topFolder(i.to) === 'test' && !isTest(i.from) && topFolder(i.from) !== 'test',
    );
    expect(offenders).toEqual([]);
  });

  test('only tests and governance/testing itself import governance/testing', () => {
    const offenders = imports.filter(
      (i) => i.to.startsWith('governance/testing/') && !isTest(i.from) && !i.from.startsWith('governance/testing/'),
    );
    expect(offenders).toEqual([]);
  });

  test("the simulator's own code imports nothing outside simulator/", () => {
    const offenders = imports.filter(
      (i) => topFolder(i.from) === 'simulator' && !isTest(i.from) && topFolder(i.to) !== 'simulator',
    );
    expect(offenders).toEqual([]);
  });
});

/**
 * `j1-integration document` and `j1-integration visualize` against the real
 * integration, in scratch projects.
 */
import fs from 'fs';
import path from 'path';
import { CliResult, createScratchProject, REPO_ROOT, runCli } from '../../tools/lib/cli';
import { SIM_TOKENS, startSimulator, tinyDataset } from '../../simulator';
import { plain, removeDir } from './expected';
import { DOCS_FILE, renderEndpointTable, withEndpointTable } from '../../tools/lib/endpointTable';

const TIMEOUT = 120_000;
const COMMITTED_DOCS = path.join(REPO_ROOT, 'docs', 'jupiterone.md');

let docsProject: string;
let graphProject: string;
let documented: CliResult;
let collected: CliResult;
let visualized: CliResult;

beforeAll(async () => {
  docsProject = createScratchProject();
  fs.cpSync(path.join(REPO_ROOT, 'docs'), path.join(docsProject, 'docs'), { recursive: true });
  graphProject = createScratchProject();
  const sim = await startSimulator({ dataset: tinyDataset() });
  try {
    // Independent CLI starts: run them side by side.
    [documented] = await Promise.all([
      runCli(['document'], { projectDir: docsProject, env: {} }),
      (async () => {
        collected = await runCli(['collect'], {
          projectDir: graphProject,
          env: { API_TOKEN: SIM_TOKENS.user, API_BASE_URL: sim.url },
        });
        // visualize has no --project-path: it reads and writes under the current directory.
        visualized = await runCli(['visualize'], { projectDir: graphProject, env: {}, projectPathFlag: false });
      })(),
    ]);
  } finally {
    await sim.close();
  }
}, TIMEOUT);

afterAll(() => {
  removeDir(docsProject);
  removeDir(graphProject);
});

test('docs/jupiterone.md is in sync with the step metadata (`j1-integration document` changes nothing)', () => {
  expect({ exitCode: documented.exitCode, output: plain(documented.stdout) }).toEqual({
    exitCode: 0,
    output: expect.stringContaining('Successfully generated documentation!'),
  });
  const regenerated = fs.readFileSync(path.join(docsProject, 'docs', 'jupiterone.md'));
  const committed = fs.readFileSync(COMMITTED_DOCS);
  // On failure, run `npm run document` and commit the result.
  expect(regenerated.toString('utf8')).toBe(committed.toString('utf8'));
  expect(regenerated.equals(committed)).toBe(true);
});

test('`j1-integration visualize` writes .j1-integration/index.html after a collect', () => {
  expect(collected.exitCode).toBe(0);
  expect({ exitCode: visualized.exitCode, stderr: visualized.exitCode === 0 ? '' : visualized.stderr }).toEqual({
    exitCode: 0,
    stderr: '',
  });
  const html = path.join(graphProject, '.j1-integration', 'index.html');
  expect(plain(visualized.stdout)).toContain(`Visualize graph here: ${fs.realpathSync(html)}`);
  const content = fs.readFileSync(html, 'utf8');
  expect(content).toContain('<html');
  // The drawing carries the collected objects, e.g. the tiny dataset's zone.
  expect(content).toContain('example.com');
  expect(content).not.toContain(SIM_TOKENS.user);
});

test('the endpoint table in docs/jupiterone.md is the one rendered from src/client/endpoints.ts', () => {
  const docs = fs.readFileSync(DOCS_FILE, 'utf8');
  expect(withEndpointTable(docs)).toBe(docs);
  // It names each endpoint's permission, e.g. DNS records need DNS Read.
  expect(renderEndpointTable()).toContain('| `GET /zones/{zoneId}/dns_records` | page number | 5000 | DNS Read |');
});

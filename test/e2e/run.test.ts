/**
 * The real `j1-integration run` (collect + upload) against the Cloudflare
 * simulator and a stub of JupiterOne's synchronization API.
 */
import { CliResult, CollectedGraph, createScratchProject, readCollectedGraph, runCli } from '../../tools/lib/cli';
import { JupiterOneStub, startJupiterOneStub } from '../jupiterone-stub/server';
import { realisticDataset, RunningSimulator, SIM_TOKENS, startSimulator } from '../../simulator';
import { countByType, countsLike, duplicateKeys, expectedGraph, plain, removeDir, stepStatuses } from './expected';

const TIMEOUT = 120_000;
const J1_API_KEY = 'fake-jupiterone-api-key-for-e2e-tests';
const J1_ACCOUNT = 'fake-jupiterone-account-e2e';
const INSTANCE_ID = 'e2e-instance-0001';

const dataset = realisticDataset();
let sim: RunningSimulator;
let stub: JupiterOneStub;
let projectDir: string;
let result: CliResult;
let written: CollectedGraph;

beforeAll(async () => {
  [sim, stub] = await Promise.all([startSimulator({ dataset }), startJupiterOneStub()]);
  projectDir = createScratchProject();
  result = await runCli(['run', '--api-base-url', stub.url, '-i', INSTANCE_ID], {
    projectDir,
    env: {
      API_TOKEN: SIM_TOKENS.user,
      API_BASE_URL: sim.url,
      JUPITERONE_API_KEY: J1_API_KEY,
      JUPITERONE_ACCOUNT: J1_ACCOUNT,
    },
  });
  // `run` writes the same graph files as `collect` before uploading them.
  written = readCollectedGraph(projectDir);
}, TIMEOUT);

afterAll(async () => {
  await Promise.all([sim?.close(), stub?.close()]);
  removeDir(projectDir);
});

const keys = (objects: Array<Record<string, unknown>>) => objects.map((o) => o._key as string).sort();

test('exits 0 after a complete collection', () => {
  expect({
    exitCode: result.exitCode,
    output: result.exitCode === 0 ? '' : plain(result.stdout + result.stderr),
  }).toEqual({
    exitCode: 0,
    output: '',
  });
  expect(new Set(Object.values(stepStatuses(written.summary)))).toEqual(new Set(['success', 'disabled']));
  expect(stepStatuses(written.summary)['check-account-ids']).toBe('disabled');
  expect(countByType(written.entities)).toEqual(expectedGraph(dataset).entities);
  const expected = expectedGraph(dataset);
  expect(countsLike(countByType(written.relationships), expected)).toEqual({
    exact: expected.relationships,
    derived: expected.derivedRelationships,
    unexpected: [],
  });
});

test('uploads every collected entity and relationship exactly once', () => {
  expect(duplicateKeys(stub.entities)).toEqual([]);
  expect(duplicateKeys(stub.relationships)).toEqual([]);
  expect(keys(stub.entities)).toEqual(keys(written.entities));
  expect(keys(stub.relationships)).toEqual(keys(written.relationships));
  expect(countByType(stub.entities)).toEqual(expectedGraph(dataset).entities);
  // More than one batch per type was needed, so batching was exercised.
  expect(stub.calls.filter((c) => c.path.endsWith('/entities')).length).toBeGreaterThan(1);
});

test('starts one job for the instance, uploads into it and finalizes it with no partial types', () => {
  expect(stub.jobs).toHaveLength(1);
  const [job] = stub.jobs;
  expect(job.body).toMatchObject({ source: 'integration-managed', integrationInstanceId: INSTANCE_ID });
  expect(job.finalized).toEqual({ partialDatasets: { types: [] } });
  expect(job.aborted).toBeUndefined();
  const paths = stub.calls.map((c) => `${c.method} ${c.path}`);
  expect(paths[0]).toBe('POST /persister/synchronization/jobs');
  expect(paths[paths.length - 1]).toBe(`POST /persister/synchronization/jobs/${job.id}/finalize`);
  const unexpected = paths.filter(
    (p) =>
      p !== paths[0] &&
      !new RegExp(`^POST /persister/synchronization/jobs/${job.id}/(entities|relationships|events|finalize)$`).test(p),
  );
  expect(unexpected).toEqual([]);
  expect(plain(result.stdout)).toContain('Synchronization job status: FINALIZE_PENDING');
});

test('every call carries the JupiterOne API key as a bearer token and the account header', () => {
  expect(stub.calls.length).toBeGreaterThan(3);
  for (const call of stub.calls) {
    expect({ path: call.path, authorization: call.authorization, account: call.account }).toEqual({
      path: call.path,
      authorization: `Bearer ${J1_API_KEY}`,
      account: J1_ACCOUNT,
    });
  }
});

test('the Cloudflare token appears in no uploaded object and no output', () => {
  const uploaded = JSON.stringify({
    entities: stub.entities,
    relationships: stub.relationships,
    events: stub.events,
    jobs: stub.jobs,
  });
  expect(uploaded).not.toContain(SIM_TOKENS.user);
  expect(result.stdout).not.toContain(SIM_TOKENS.user);
  expect(result.stderr).not.toContain(SIM_TOKENS.user);
  // Nor is the JupiterOne key echoed.
  expect(result.stdout + result.stderr).not.toContain(J1_API_KEY);
});

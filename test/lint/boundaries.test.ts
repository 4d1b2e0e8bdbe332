/**
 * The import boundaries in .eslintrc.js, checked with the ESLint Node API
 * (`new ESLint({ cwd: REPO_ROOT }).lintText(code, { filePath })`) against
 * virtual files inside the repository: nothing is written to disk. ESLint runs
 * in one child process (see lintVirtualFiles.js for why not inside Jest).
 */
import { execFileSync } from 'child_process';
import path from 'path';
import type { Linter } from 'eslint';

const REPO_ROOT = path.resolve(__dirname, '../..');
const RULE = 'no-restricted-imports';

const GOVERNANCE_MESSAGE =
  'The integration (src/) only reads Cloudflare: it must not import the governance write path (governance/).';
const CLIENT_MESSAGE = 'src/client knows nothing of the graph: no imports of constants or steps.';
const SIMULATOR_MESSAGE =
  "The simulator models Cloudflare independently: it must not import the integration's types or constants (src/).";

const TEST_MESSAGE = 'Only tests import test code (test/): move what this file needs into simulator/ or tools/lib/.';
const SIMULATOR_OURS_MESSAGE = 'The simulator stands alone: it imports nothing of ours (test/, tools/, governance/).';

/** The text ESLint reports for a specifier matched by a pattern with a custom message. */
function restricted(specifier: string, message: string): string {
  return `'${specifier}' import is restricted from being used by a pattern. ${message}`;
}

/** Virtual files (path relative to the repository root) and their source. */
const CASES = {
  srcImportsGovernance: {
    file: 'src/steps/example/index.ts',
    code: "import { write } from '../../../governance/write';\nexport const run = write;\n",
  },
  srcReexportsGovernance: {
    file: 'src/index.ts',
    code: [
      "import type { Plan } from '../governance';",
      "export * from '../governance/write/apply';",
      'export type P = Plan;',
      '',
    ].join('\n'),
  },
  clientImportsGraph: {
    file: 'src/client/CloudflareClient.ts',
    code: [
      "import { Entities } from '../constants';",
      "import { zoneSteps } from '../steps/zones';",
      "import { steps } from '../steps';",
      'export const all = [Entities, zoneSteps, steps];',
      '',
    ].join('\n'),
  },
  clientImportsGovernance: {
    file: 'src/client/Pager.ts',
    code: "import { write } from '../../governance/write';\nexport const run = write;\n",
  },
  clientImportsConfigAndSdk: {
    file: 'src/client/CloudflareTransport.ts',
    code: [
      "import { IntegrationError } from '@jupiterone/integration-sdk-core';",
      "import { CloudflareSettings } from '../config';",
      "import { CloudflareAccount } from './types';",
      'export type T = [IntegrationError, CloudflareSettings, CloudflareAccount];',
      '',
    ].join('\n'),
  },
  simulatorImportsSrc: {
    file: 'simulator/handlers.ts',
    code: "import type { CloudflareZone } from '../src/client/types';\nexport type Z = CloudflareZone;\n",
  },
  simulatorImportsItself: {
    file: 'simulator/data/entities.ts',
    code: [
      "import { hash128 } from './random';",
      "import type { SimMessage } from '../types';",
      'export const x: [typeof hash128, SimMessage?] = [hash128];',
      '',
    ].join('\n'),
  },
  simulatorImportsOurs: {
    file: 'simulator/server.ts',
    code: [
      "import { readCollectedGraph } from '../tools/lib/cli';",
      "import { ACME_CORP } from '../test/fixtures';",
      "import { main } from '../governance/cli';",
      'export const x = [readCollectedGraph, ACME_CORP, main];',
      '',
    ].join('\n'),
  },
  simulatorTestImportsFixtures: {
    file: 'simulator/example.test.ts',
    code: "import { ACME_CORP } from '../test/fixtures';\nexport const x = ACME_CORP;\n",
  },
  nonTestsImportTest: {
    file: 'tools/bench.ts',
    code: "import { ACME_CORP } from '../test/fixtures';\nexport const x = ACME_CORP;\n",
  },
  governanceHelperImportsTest: {
    file: 'governance/testing/collectGraph.ts',
    code: "import { ACME_CORP } from '../../test/fixtures';\nexport const x = ACME_CORP;\n",
  },
  srcImportsTest: {
    file: 'src/steps/example/index.ts',
    code: "import { ACME_CORP } from '../../../test/fixtures';\nexport const x = ACME_CORP;\n",
  },
  testsImportTest: {
    file: 'src/steps/example/index.test.ts',
    code: "import { ACME_CORP } from '../../../test/fixtures';\nexport const x = ACME_CORP;\n",
  },
  stepsImportClient: {
    file: 'src/steps/example/index.ts',
    code: "import { CloudflareClient } from '../../client';\nexport type C = CloudflareClient;\n",
  },
  srcImportsGovernanceDynamically: {
    file: 'src/steps/example/index.ts',
    code: "export const load = () => import('../../../governance/write');\n",
  },
  governanceImportsSrc: {
    file: 'governance/write.ts',
    code: "import { CloudflareClient } from '../src/client';\nexport type C = CloudflareClient;\n",
  },
};
type CaseName = keyof typeof CASES;

interface LintedFile {
  filePath: string;
  messages: Linter.LintMessage[];
  rules: Partial<Linter.RulesRecord>;
}

let linted: Record<CaseName, LintedFile>;

beforeAll(() => {
  const names = Object.keys(CASES) as CaseName[];
  const files = names.map((name) => ({ filePath: path.join(REPO_ROOT, CASES[name].file), code: CASES[name].code }));
  const stdout = execFileSync(process.execPath, [path.join(__dirname, 'lintVirtualFiles.js')], {
    cwd: REPO_ROOT,
    input: JSON.stringify({ cwd: REPO_ROOT, files }),
    encoding: 'utf8',
  });
  const results = JSON.parse(stdout) as LintedFile[];
  expect(results.map((r) => r.filePath)).toEqual(files.map((f) => f.filePath));
  linted = Object.fromEntries(names.map((name, i) => [name, results[i]])) as Record<CaseName, LintedFile>;
});

/** The no-restricted-imports messages for a case, as { ruleId, severity, message, line }. */
function boundaryMessages(name: CaseName) {
  const { messages } = linted[name];
  // A parse error or an "ignored file" warning has no ruleId: either would make "no boundary errors" meaningless.
  expect(messages.filter((m) => m.ruleId === null)).toEqual([]);
  return messages
    .filter((m) => m.ruleId === RULE)
    .map(({ ruleId, severity, message, line }) => ({ ruleId, severity, message, line }));
}

/** Whether no-restricted-imports is switched on for the case's file (so that finding no error means "allowed"). */
function ruleLevel(name: CaseName): unknown {
  const setting = linted[name].rules[RULE];
  return Array.isArray(setting) ? setting[0] : setting;
}

describe('import boundaries (.eslintrc.js)', () => {
  test('src/ must not import the governance write path', () => {
    expect(boundaryMessages('srcImportsGovernance')).toEqual([
      { ruleId: RULE, severity: 2, message: restricted('../../../governance/write', GOVERNANCE_MESSAGE), line: 1 },
    ]);
  });

  test('src/ must not import governance/ at any depth, nor type-import or re-export it', () => {
    expect(boundaryMessages('srcReexportsGovernance')).toEqual([
      { ruleId: RULE, severity: 2, message: restricted('../governance', GOVERNANCE_MESSAGE), line: 1 },
      { ruleId: RULE, severity: 2, message: restricted('../governance/write/apply', GOVERNANCE_MESSAGE), line: 2 },
    ]);
  });

  test('src/client must not import constants or steps', () => {
    expect(boundaryMessages('clientImportsGraph')).toEqual([
      { ruleId: RULE, severity: 2, message: restricted('../constants', CLIENT_MESSAGE), line: 1 },
      { ruleId: RULE, severity: 2, message: restricted('../steps/zones', CLIENT_MESSAGE), line: 2 },
      { ruleId: RULE, severity: 2, message: restricted('../steps', CLIENT_MESSAGE), line: 3 },
    ]);
  });

  test('src/client keeps the src/ restriction on governance/ (its override replaces the src/ one)', () => {
    expect(boundaryMessages('clientImportsGovernance')).toEqual([
      { ruleId: RULE, severity: 2, message: restricted('../../governance/write', GOVERNANCE_MESSAGE), line: 1 },
    ]);
  });

  test('src/client may import the config, its own modules and the SDK', () => {
    expect(ruleLevel('clientImportsConfigAndSdk')).toBe('error');
    expect(boundaryMessages('clientImportsConfigAndSdk')).toEqual([]);
  });

  test('simulator must not import anything from src/', () => {
    expect(boundaryMessages('simulatorImportsSrc')).toEqual([
      { ruleId: RULE, severity: 2, message: restricted('../src/client/types', SIMULATOR_MESSAGE), line: 1 },
    ]);
  });

  test('simulator may import its own modules', () => {
    expect(ruleLevel('simulatorImportsItself')).toBe('error');
    expect(boundaryMessages('simulatorImportsItself')).toEqual([]);
  });

  test('the simulator imports nothing else of ours', () => {
    expect(boundaryMessages('simulatorImportsOurs')).toEqual([
      { ruleId: RULE, severity: 2, message: restricted('../tools/lib/cli', SIMULATOR_OURS_MESSAGE), line: 1 },
      { ruleId: RULE, severity: 2, message: restricted('../test/fixtures', SIMULATOR_OURS_MESSAGE), line: 2 },
      { ruleId: RULE, severity: 2, message: restricted('../governance/cli', SIMULATOR_OURS_MESSAGE), line: 3 },
    ]);
  });

  test("the simulator's tests may import the test fixtures", () => {
    expect(ruleLevel('simulatorTestImportsFixtures')).toBe('error');
    expect(boundaryMessages('simulatorTestImportsFixtures')).toEqual([]);
  });

  test('tools/, governance/testing and src/ must not import test code; tests may', () => {
    expect(boundaryMessages('nonTestsImportTest')).toEqual([
      { ruleId: RULE, severity: 2, message: restricted('../test/fixtures', TEST_MESSAGE), line: 1 },
    ]);
    expect(boundaryMessages('governanceHelperImportsTest')).toEqual([
      { ruleId: RULE, severity: 2, message: restricted('../../test/fixtures', TEST_MESSAGE), line: 1 },
    ]);
    expect(boundaryMessages('srcImportsTest')).toEqual([
      { ruleId: RULE, severity: 2, message: restricted('../../../test/fixtures', TEST_MESSAGE), line: 1 },
    ]);
    expect(ruleLevel('testsImportTest')).toBe('error');
    expect(boundaryMessages('testsImportTest')).toEqual([]);
  });

  test('src/steps may import the client', () => {
    expect(ruleLevel('stepsImportClient')).toBe('error');
    expect(boundaryMessages('stepsImportClient')).toEqual([]);
  });

  test('governance/ may import the integration', () => {
    expect(boundaryMessages('governanceImportsSrc')).toEqual([]);
  });

  test('src/ may not reach governance/ through a dynamic import either: static imports only', () => {
    const messages = linted.srcImportsGovernanceDynamically.messages
      .filter((m) => m.ruleId === 'no-restricted-syntax')
      .map(({ message, line }) => ({ message, line }));
    expect(messages).toEqual([
      { message: 'src/ uses static imports only, so the import-boundary rules see every import.', line: 1 },
    ]);
  });
});

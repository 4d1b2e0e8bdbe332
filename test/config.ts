/**
 * Instance configurations for tests that talk to the local Cloudflare
 * simulator (simulator).
 */
import { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { StepTestConfig } from '@jupiterone/integration-sdk-testing';
import { invocationConfig } from '../src';
import { IntegrationConfig } from '../src/config';
import { RunningSimulator, SIM_TOKENS, SimulatorDataset, startSimulator } from '../simulator';

/**
 * The integration's invocation config as the SDK's test helpers
 * (executeStepWithDependencies, toMatchStepMetadata) take it: they are not
 * generic over the instance config type.
 */
export const testInvocationConfig = invocationConfig as unknown as IntegrationInvocationConfig;

/** What `toMatchStepMetadata` takes: the step's declared types are checked, the instance config is unused. */
export function stepMetadata(stepId: string): StepTestConfig {
  return { stepId, invocationConfig: testInvocationConfig, instanceConfig: {} };
}

/**
 * A config for the simulator: the all-permissions user token unless
 * overridden. The activity area is off unless a test turns it on: its
 * requests carry the time (`since`, `until`), so a recorded step test that
 * ran fetch-activity as a dependency would never replay.
 */
export function simulatorConfig(
  sim: Pick<RunningSimulator, 'url'>,
  overrides: Partial<IntegrationConfig> = {},
): IntegrationConfig {
  return {
    apiToken: SIM_TOKENS.user,
    apiBaseUrl: sim.url,
    ingestActivity: false,
    ...overrides,
  };
}

export interface SimulatorHandle {
  /** The running simulator; only valid inside tests (after beforeAll). */
  readonly sim: RunningSimulator;
  config(overrides?: Partial<IntegrationConfig>): IntegrationConfig;
}

/**
 * Starts a simulator for the enclosing describe block (beforeAll) and closes
 * it afterwards; stats are reset before each test.
 */
export function useSimulator(dataset: () => SimulatorDataset): SimulatorHandle {
  let running: RunningSimulator | undefined;
  beforeAll(async () => {
    running = await startSimulator({ dataset: dataset() });
  });
  beforeEach(() => running?.resetStats());
  afterAll(async () => {
    await running?.close();
    running = undefined;
  });
  return {
    get sim() {
      if (!running) throw new Error('the simulator runs only inside tests (beforeAll has not run)');
      return running;
    },
    config(overrides = {}) {
      return simulatorConfig(this.sim, overrides);
    },
  };
}

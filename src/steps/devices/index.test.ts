import { IntegrationProviderAPIError } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext, executeStepWithDependencies } from '@jupiterone/integration-sdk-testing';
import { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../../constants';
import {
  simulatorConfig,
  stepMetadata,
  testInvocationConfig as invocationConfig,
  useSimulator,
} from '../../../test/config';
import { edgesOf, expectUniqueKeys, keysOf, ofType } from '../../../test/graph';
import { useRecordings } from '../../../test/recording';
import { realisticDataset, RunningSimulator, startSimulator } from '../../../simulator';
import {
  ACME_CONTRACTOR_USER,
  ACME_CORP,
  ACME_DELETED_DEVICE,
  ACME_FIRST_ACCESS_USER,
  ACME_LABS,
  ACME_REVOKED_DEVICE,
  ACME_UNOWNED_DEVICE,
} from '../../../test/fixtures';
import { fetchAccessUsers } from '../access-users';
import { fetchAccountMembers } from '../account-members';
import { fetchAccountRoles } from '../account-roles';
import { fetchAccounts } from '../accounts';
import { StepContext } from '../common/StepRun';
import { fetchDevices } from '.';

const account = (id: string) => `cloudflare_account:${id}`;
const device = (id: string) => `cloudflare_device:${id}`;
const user = (id: string) => `cloudflare_access_user:${id}`;

const startRecording = useRecordings();

/** Physical devices and access users of the dataset, by name / email. */
function facts() {
  const dataset = realisticDataset();
  const devices = [ACME_CORP, ACME_LABS].flatMap((a) =>
    (dataset.physicalDevicesByAccount.get(a) ?? []).map((d) => ({ ...d, accountId: a })),
  );
  const userId = (accountId: string, email: string) =>
    dataset.accessUsersByAccount.get(accountId)!.find((u) => u.email.toLowerCase() === email.toLowerCase())!.id;
  const id = (name: string) => devices.find((d) => d.name === name)!.id;
  return { dataset, devices, userId, id };
}

/** Runs fetch-devices and its dependencies in one context, so its log lines can be read. */
async function runDevices(instanceConfig: IntegrationConfig) {
  const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig });
  const handlers: Array<(c: StepContext) => Promise<void>> = [
    fetchAccounts,
    fetchAccountRoles,
    fetchAccountMembers,
    fetchAccessUsers,
  ];
  for (const handler of handlers) await handler(context);
  const info = jest.spyOn(context.logger, 'info');
  const warn = jest.spyOn(context.logger, 'warn');
  let error: unknown;
  await fetchDevices(context).catch((err) => (error = err));
  const entities = ofType(context.jobState.collectedEntities, Entities.DEVICE._type);
  const relationships = context.jobState.collectedRelationships.filter((r) =>
    [Relationships.ACCOUNT_HAS_DEVICE._type, Relationships.ACCESS_USER_HAS_DEVICE._type].includes(r._type),
  );
  const messages = (spy: jest.SpyInstance) => spy.mock.calls.map((call) => call[call.length - 1] as string);
  return { entities, relationships, info: messages(info), warn: messages(warn), error };
}

describe('fetch-devices, realistic dataset', () => {
  const realistic = useSimulator(realisticDataset);

  test('devices merged with their registrations; revoked flagged, deleted left out, owners linked', async () => {
    startRecording({ directory: __dirname, name: 'fetch-devices-realistic', recordFailedRequests: true });
    const result = await executeStepWithDependencies({
      stepId: Steps.DEVICES,
      invocationConfig,
      instanceConfig: realistic.config(),
    });
    expect(result).toMatchStepMetadata(stepMetadata(Steps.DEVICES));
    expectUniqueKeys(result.collectedEntities);
    expectUniqueKeys(result.collectedRelationships);

    const { id, userId } = facts();
    // By hand: Acme Corp lists 8 devices, one deleted (left out by default); Acme Labs 1; Sandbox has no Zero Trust.
    const corpDevices = [
      'Olivia’s MacBook Pro',
      'LIAM-THINKPAD',
      'emma-ws',
      'Noah iPhone',
      'Pixel 7 (lost)',
      'Lobby kiosk',
      'contractor-mbp',
    ].map(id);
    const labsDevice = id('labs-mbp-01');
    expect(keysOf(result.collectedEntities)).toEqual([...corpDevices, labsDevice].map(device).sort());
    expect(corpDevices).toContain(ACME_REVOKED_DEVICE);
    expect(corpDevices).toContain(ACME_UNOWNED_DEVICE);
    expect(corpDevices).not.toContain(ACME_DELETED_DEVICE);

    const devices = ofType(result.collectedEntities, Entities.DEVICE._type);
    for (const d of devices) expect(d).toMatchGraphObjectSchema({ _class: Entities.DEVICE._class });
    const byKey = Object.fromEntries(devices.map((d) => [d._key, d]));

    expect(byKey[device(id('Olivia’s MacBook Pro'))]).toMatchObject({
      name: 'Olivia’s MacBook Pro',
      accountId: ACME_CORP,
      category: 'endpoint',
      make: 'Apple Inc.',
      model: 'MacBookPro18,3',
      serial: 'C02FK1AAQ6L4',
      platform: 'darwin',
      deviceType: 'mac',
      osName: 'macOS',
      osVersion: '14.5.0',
      warpClientVersion: '2025.4.929.0',
      macAddress: 'a4:83:e7:11:22:01',
      ownerEmail: 'olivia.nguyen@acme.example',
      userEmails: ['olivia.nguyen@acme.example'],
      lastSeenOn: Date.parse('2025-06-30T18:02:11.520Z'),
      revoked: false,
      deleted: false,
      activeRegistrations: 1,
      'tag.team': 'leadership',
    });
    // Re-enrolled: one revoked registration and one active one is not revoked.
    expect(byKey[device(id('emma-ws'))]).toMatchObject({
      revoked: false,
      revokedOn: undefined,
      ownerEmail: 'emma.smith@acme.example',
      platform: 'linux',
    });
    // Every registration revoked: collected and flagged.
    expect(byKey[device(ACME_REVOKED_DEVICE)]).toMatchObject({
      name: 'Pixel 7 (lost)',
      revoked: true,
      revokedOn: Date.parse('2025-02-12T08:00:00Z'),
      deleted: false,
      activeRegistrations: 0,
      platform: 'android',
      serial: null,
    });
    expect(byKey[device(ACME_UNOWNED_DEVICE)]).toMatchObject({ ownerEmail: undefined, userEmails: undefined });
    expect(byKey[device(labsDevice)]).toMatchObject({ accountId: ACME_LABS, ownerEmail: 'ava.okafor100@acme.example' });

    const rels = result.collectedRelationships;
    expect(edgesOf(rels, Relationships.ACCOUNT_HAS_DEVICE._type)).toEqual(
      [
        ...corpDevices.map((d) => `${account(ACME_CORP)} -> ${device(d)}`),
        `${account(ACME_LABS)} -> ${device(labsDevice)}`,
      ].sort(),
    );
    // Every owned device to its owner's access user of the same account; the kiosk has no owner.
    const owned: Array<[string, string, string]> = [
      [ACME_CORP, 'olivia.nguyen@acme.example', 'Olivia’s MacBook Pro'],
      [ACME_CORP, 'liam.garcia@acme.example', 'LIAM-THINKPAD'],
      [ACME_CORP, 'emma.smith@acme.example', 'emma-ws'],
      [ACME_CORP, 'noah.okafor@acme.example', 'Noah iPhone'],
      [ACME_CORP, 'ava.kowalski@acme.example', 'Pixel 7 (lost)'],
      [ACME_CORP, 'dev.contractor@contractors.example', 'contractor-mbp'],
      [ACME_LABS, 'ava.okafor100@acme.example', 'labs-mbp-01'],
    ];
    expect(edgesOf(rels, Relationships.ACCESS_USER_HAS_DEVICE._type)).toEqual(
      owned.map(([a, email, name]) => `${user(userId(a, email))} -> ${device(id(name))}`).sort(),
    );
    expect(userId(ACME_CORP, 'olivia.nguyen@acme.example')).toBe(ACME_FIRST_ACCESS_USER);
    expect(userId(ACME_CORP, 'dev.contractor@contractors.example')).toBe(ACME_CONTRACTOR_USER);
    expect(rels).toHaveLength(8 + 7);
    expect(
      rels.some((r) => r._toEntityKey === device(ACME_UNOWNED_DEVICE) && r._type !== 'cloudflare_account_has_device'),
    ).toBe(false);
  });
});

describe('fetch-devices: options and requests (live simulator, no recording)', () => {
  const realistic = useSimulator(realisticDataset);

  test('default: deleted left out and counted in the closing line; registrations read once per account', async () => {
    const run = await runDevices(realistic.config());
    expect(run.error).toBeUndefined();
    expect(run.entities).toHaveLength(8);
    expect(run.info).toEqual([
      'Collected 8 devices, 10 device registrations, 1 left out as deleted (INCLUDE_DELETED_DEVICES off)',
    ]);
    expect(run.warn).toEqual([]);
    // Sandbox was closed by fetch-access-users (no Zero Trust): fetch-devices asks it nothing.
    expect(realistic.sim.stats.byRoute).toMatchObject({
      'GET /accounts/:id/devices/registrations': 2,
      'GET /accounts/:id/devices/physical-devices': 2,
    });
    expect(realistic.sim.stats.byRoute['GET /accounts/:id/devices']).toBeUndefined();
  });

  test('INCLUDE_DELETED_DEVICES: the deleted device is collected, flagged deleted (and revoked), with its edges', async () => {
    const run = await runDevices(realistic.config({ includeDeletedDevices: true }));
    expect(run.entities).toHaveLength(9);
    const deleted = run.entities.find((d) => d._key === device(ACME_DELETED_DEVICE));
    expect(deleted).toMatchObject({
      name: 'Old Chromebook',
      deleted: true,
      deletedOn: Date.parse('2024-04-01T00:00:00Z'),
      revoked: true,
      revokedOn: Date.parse('2024-03-15T00:00:00Z'),
      platform: 'linux',
      osName: 'ChromeOS',
      ownerEmail: 'elijah.muller@acme.example',
    });
    expect(deleted).toMatchGraphObjectSchema({ _class: Entities.DEVICE._class });
    const { userId } = facts();
    expect(edgesOf(run.relationships).filter((e) => e.endsWith(device(ACME_DELETED_DEVICE)))).toEqual(
      [
        `${account(ACME_CORP)} -> ${device(ACME_DELETED_DEVICE)}`,
        `${user(userId(ACME_CORP, 'elijah.muller@acme.example'))} -> ${device(ACME_DELETED_DEVICE)}`,
      ].sort(),
    );
    expect(run.info).toEqual(['Collected 9 devices, 10 device registrations']);
  });

  test('INCLUDE_REVOKED_DEVICES=false: the revoked device is left out and counted', async () => {
    const run = await runDevices(realistic.config({ includeRevokedDevices: false }));
    expect(keysOf(run.entities)).not.toContain(device(ACME_REVOKED_DEVICE));
    expect(run.entities).toHaveLength(7);
    expect(run.relationships.some((r) => r._toEntityKey === device(ACME_REVOKED_DEVICE))).toBe(false);
    expect(run.info).toEqual([
      'Collected 7 devices, 10 device registrations, 1 left out as deleted (INCLUDE_DELETED_DEVICES off), ' +
        '1 left out as revoked (INCLUDE_REVOKED_DEVICES off)',
    ]);
  });
});

describe('fetch-devices: legacy fallback', () => {
  const legacy = useSimulator(() => ({
    ...realisticDataset(),
    physicalDevicesMissing: true,
    legacyDevicesRetired: false,
  }));

  test('both new device endpoints answering 404 (physicalDevicesMissing): the deprecated list is read, one info line per account', async () => {
    const run = await runDevices(legacy.config());
    expect(run.error).toBeUndefined();
    const { dataset } = facts();
    // One legacy row per registration, keyed by its registration id; the deleted one left out.
    const rows = [ACME_CORP, ACME_LABS].flatMap((a) =>
      dataset.legacyDevicesByAccount.get(a)!.map((r) => ({ ...r, a })),
    );
    expect(rows).toHaveLength(10);
    const kept = rows.filter((r) => !r.deleted);
    expect(kept).toHaveLength(9);
    expect(keysOf(run.entities)).toEqual(kept.map((r) => device(r.id)).sort());
    expect(run.info).toEqual([
      `Account ${ACME_CORP}: /devices/registrations answered 404, so devices were read from the deprecated /devices list (end of life 2025-11-11) instead.`,
      `Account ${ACME_LABS}: /devices/registrations answered 404, so devices were read from the deprecated /devices list (end of life 2025-11-11) instead.`,
      'Collected 9 devices, 0 device registrations, 1 left out as deleted (INCLUDE_DELETED_DEVICES off)',
    ]);
    expect(legacy.sim.stats.byRoute).toMatchObject({
      'GET /accounts/:id/devices/registrations': 2,
      'GET /accounts/:id/devices': 2,
    });
    expect(legacy.sim.stats.byRoute['GET /accounts/:id/devices/physical-devices']).toBeUndefined();

    const revoked = rows.filter((r) => r.revoked_at && !r.deleted).map((r) => device(r.id));
    expect(revoked).toHaveLength(2); // the lost Pixel and the re-enrolled workstation's old registration
    expect(
      run.entities
        .filter((e) => e.revoked === true)
        .map((e) => e._key)
        .sort(),
    ).toEqual(revoked.sort());
    const { userId } = facts();
    const owned = kept.filter((r) => r.user);
    expect(owned).toHaveLength(8);
    expect(edgesOf(run.relationships, Relationships.ACCESS_USER_HAS_DEVICE._type)).toEqual(
      owned.map((r) => `${user(userId(r.a, r.user!.email))} -> ${device(r.id)}`).sort(),
    );
    expect(edgesOf(run.relationships, Relationships.ACCOUNT_HAS_DEVICE._type)).toHaveLength(9);
    for (const e of run.entities) expect(e).toMatchGraphObjectSchema({ _class: Entities.DEVICE._class });
  });
});

describe('fetch-devices: only physical-devices missing', () => {
  let sim: RunningSimulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator({
      dataset: { ...realisticDataset(), legacyDevicesRetired: false },
      hostile: [{ pattern: /\/devices\/physical-devices$/, behaviour: 'no-route-404' }],
    });
  });
  afterAll(() => sim?.close());

  test('registrations read, physical-devices 404 on its first request: the legacy list instead', async () => {
    const run = await runDevices(simulatorConfig(sim!));
    expect(run.error).toBeUndefined();
    const { dataset } = facts();
    const kept = [ACME_CORP, ACME_LABS].flatMap((a) =>
      dataset.legacyDevicesByAccount.get(a)!.filter((r) => !r.deleted),
    );
    expect(keysOf(run.entities)).toEqual(kept.map((r) => device(r.id)).sort());
    expect(run.info).toEqual([
      `Account ${ACME_CORP}: /devices/physical-devices answered 404, so devices were read from the deprecated /devices list (end of life 2025-11-11) instead.`,
      `Account ${ACME_LABS}: /devices/physical-devices answered 404, so devices were read from the deprecated /devices list (end of life 2025-11-11) instead.`,
      'Collected 9 devices, 10 device registrations, 1 left out as deleted (INCLUDE_DELETED_DEVICES off)',
    ]);
    expect(sim!.stats.byRoute).toMatchObject({
      'GET /accounts/:id/devices/registrations': 2,
      'GET /accounts/:id/devices/physical-devices': 2,
      'GET /accounts/:id/devices': 2,
    });
  });
});

describe('fetch-devices: no device endpoint at all', () => {
  const none = useSimulator(() => ({
    ...realisticDataset(),
    physicalDevicesMissing: true,
    legacyDevicesRetired: true,
  }));

  test('the step fails naming both endpoints, so device types are partial; nothing is collected', async () => {
    const run = await runDevices(none.config());
    expect(run.error).toBeInstanceOf(IntegrationProviderAPIError);
    expect((run.error as Error).message).toContain(
      `devices of account ${ACME_CORP} could not be read: /devices/physical-devices and the retired /devices list both answered 404.`,
    );
    expect(run.entities).toEqual([]);
    expect(none.sim.stats.byRoute).toMatchObject({
      'GET /accounts/:id/devices/registrations': 2,
      'GET /accounts/:id/devices': 2,
    });
  });
});

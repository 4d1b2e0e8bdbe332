/**
 * The four Zero Trust users-and-devices steps together, in one run: an account
 * without Zero Trust is said once, and a token without the Zero Trust
 * permissions warns once per account and permission without failing any step
 * or touching other areas.
 */
import { PublishEventLevel } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { Permissions } from '../../client';
import { IntegrationConfig } from '../../config';
import { Entities } from '../../constants';
import { useSimulator } from '../../../test/config';
import { countBy } from '../../../test/graph';
import { realisticDataset, SIM_TOKENS } from '../../../simulator';
import { ACME_CORP, ACME_LABS, SANDBOX } from '../../../test/fixtures';
import { fetchAccountMembers } from '../account-members';
import { fetchAccountRoles } from '../account-roles';
import { fetchAccounts } from '../accounts';
import { fetchDevicePostureRules } from '../device-posture-rules';
import { fetchDevices } from '../devices';
import { fetchGatewayLocations } from '../gateway-locations';
import { StepContext } from '../common/StepRun';
import { fetchZones } from '../zones';
import { fetchAccessUsers } from '.';

const ZERO_TRUST_STEPS: Array<(c: StepContext) => Promise<void>> = [
  fetchAccessUsers,
  fetchDevices,
  fetchDevicePostureRules,
  fetchGatewayLocations,
];

/** Core steps, then the four Zero Trust steps, in one context (one run, one job state, one logger). */
async function runArea(instanceConfig: IntegrationConfig) {
  const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig });
  for (const handler of [fetchAccounts, fetchAccountRoles, fetchAccountMembers]) await handler(context);
  const info = jest.spyOn(context.logger, 'info');
  const warn = jest.spyOn(context.logger, 'warn');
  const events = jest.spyOn(context.logger, 'publishEvent');
  // Each step must succeed: a rejection fails the test here.
  for (const handler of [...ZERO_TRUST_STEPS, fetchZones]) await handler(context);
  const message = (call: unknown[]) => call[call.length - 1] as string;
  return {
    context,
    info: info.mock.calls.map(message),
    warn: warn.mock.calls,
    events: events.mock.calls.map(([event]) => event),
  };
}

const types = (context: { jobState: { collectedEntities: Array<{ _type: string }> } }) =>
  countBy(context.jobState.collectedEntities, (e) => e._type);

describe('Zero Trust users and devices: degraded accounts (live simulator)', () => {
  const realistic = useSimulator(realisticDataset);

  test('Sandbox has no Zero Trust: one info line across the four steps, no warning, one request', async () => {
    const run = await runArea(realistic.config());
    const sandboxLines = run.info.filter((line) => line.includes(SANDBOX));
    expect(sandboxLines).toEqual([
      `Account ${SANDBOX} has no Zero Trust (Cloudflare: Provider authorization failed at GET /accounts/${SANDBOX}/access/users?page=1&per_page=50: ` +
        '403 Forbidden (Cloudflare error 10000 Authentication error; 10001 Zero Trust is not enabled for this account). ' +
        'The token may not read this resource: grant the token the "Access: Audit Logs Read" permission (Cloudflare dashboard > API Tokens > Edit).); ' +
        'its Zero Trust and Access data is skipped.',
    ]);
    expect(run.warn).toEqual([]);
    expect(run.events).toEqual([]);
    expect(run.info.filter((line) => line.startsWith('Collected'))).toEqual([
      'Collected 16 Zero Trust users, 14 links to account members',
      'Collected 8 devices, 10 device registrations, 1 left out as deleted (INCLUDE_DELETED_DEVICES off)',
      'Collected 3 device posture rules',
      'Collected 2 Gateway locations',
      expect.stringMatching(/^Collected \d+ zones/),
    ]);
    // Sandbox is asked once (access/users); the other two accounts once per endpoint.
    expect(realistic.sim.stats.byRoute).toMatchObject({
      'GET /accounts/:id/access/users': 3,
      'GET /accounts/:id/devices/registrations': 2,
      'GET /accounts/:id/devices/physical-devices': 2,
      'GET /accounts/:id/devices/posture': 2,
      'GET /accounts/:id/gateway/locations': 2,
    });
    const collected = types(run.context);
    expect(collected).toMatchObject({
      [Entities.ACCESS_USER._type]: 16,
      [Entities.DEVICE._type]: 8,
      [Entities.DEVICE_POSTURE_RULE._type]: 3,
      [Entities.GATEWAY_LOCATION._type]: 2,
    });
    const zeroTrustTypes: string[] = [
      Entities.ACCESS_USER._type,
      Entities.DEVICE._type,
      Entities.DEVICE_POSTURE_RULE._type,
      Entities.GATEWAY_LOCATION._type,
    ];
    const sandboxZeroTrust = run.context.jobState.collectedEntities.filter(
      (e) => e.accountId === SANDBOX && zeroTrustTypes.includes(e._type),
    );
    expect(sandboxZeroTrust).toEqual([]);
  });

  test('a token without the Zero Trust permissions: one warning and one warn event per account and permission; other areas collected', async () => {
    const run = await runArea(realistic.config({ apiToken: SIM_TOKENS.noZeroTrust }));
    // Users need Access: Audit Logs Read, Gateway locations Zero Trust Read; devices and posture rules share
    // the unconfirmed name (the posture step asks nothing once the devices step was refused).
    const refusals: Array<[string, string, string]> = [
      ['Zero Trust users', 'access/users?page=1&per_page=50', Permissions.ACCESS_AUDIT_LOGS_READ],
      ['devices', 'devices/registrations?status=all&per_page=100', Permissions.ZERO_TRUST_READ_UNCONFIRMED],
      ['Gateway locations', 'gateway/locations', Permissions.ZERO_TRUST_READ],
    ];
    const expected = [ACME_CORP, ACME_LABS, SANDBOX].flatMap((accountId) =>
      refusals.map(([what, path, permission]) => {
        const description =
          `Skipped ${what} of account ${accountId}: the token may not read them. Grant the token "${permission}" ` +
          'for this account (Cloudflare dashboard > API Tokens > Edit); Cloudflare gives the same answer when Zero Trust is ' +
          `not set up on the account. Everything else is still collected. (Provider authorization failed at GET /accounts/${accountId}/${path}: ` +
          '403 Forbidden (Cloudflare error 10000 Authentication error). The token may not read this resource: grant the token ' +
          `the "${permission}" permission (Cloudflare dashboard > API Tokens > Edit).)`;
        return { accountId, permission, description };
      }),
    );
    expect([...run.warn].sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual(
      expected
        .map(({ accountId, permission, description }) => [{ accountId, permission }, description])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    );
    expect([...run.events].sort((a, b) => a.description.localeCompare(b.description))).toEqual(
      expected
        .map(({ description }) => ({ name: 'permission_missing', description, level: PublishEventLevel.Warn }))
        .sort((a, b) => a.description.localeCompare(b.description)),
    );
    expect(run.info.filter((line) => /no Zero Trust/.test(line))).toEqual([]);
    // One refused request per account and permission; what a refusal already covers is not asked.
    expect(realistic.sim.stats.byRoute['GET /accounts/:id/access/users']).toBe(3);
    expect(realistic.sim.stats.byRoute['GET /accounts/:id/devices/registrations']).toBe(3);
    expect(realistic.sim.stats.byRoute['GET /accounts/:id/gateway/locations']).toBe(3);
    for (const route of ['devices/physical-devices', 'devices/posture']) {
      expect(realistic.sim.stats.byRoute[`GET /accounts/:id/${route}`]).toBeUndefined();
    }
    const collected = types(run.context);
    for (const type of [
      Entities.ACCESS_USER._type,
      Entities.DEVICE._type,
      Entities.DEVICE_POSTURE_RULE._type,
      Entities.GATEWAY_LOCATION._type,
    ]) {
      expect(collected[type]).toBeUndefined();
    }
    // Other areas: accounts, members and zones are all there.
    expect(collected).toMatchObject({
      [Entities.ACCOUNT._type]: 3,
      [Entities.DNS_ZONE._type]: realisticDataset().zones.length,
    });
    expect(collected[Entities.ACCOUNT_MEMBER._type]).toBeGreaterThan(0);
    // Each step's closing line still comes.
    expect(run.info.filter((line) => line.startsWith('Collected'))).toEqual([
      'Collected 0 Zero Trust users, 0 links to account members',
      'Collected 0 devices, 0 device registrations',
      'Collected nothing',
      'Collected 0 Gateway locations',
      expect.stringMatching(/^Collected \d+ zones/),
    ]);
  });
});

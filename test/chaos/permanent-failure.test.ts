/**
 * Resilience: a request that still fails after its retries fails only its step
 * with an error naming the endpoint and status; the other steps finish and
 * the job reports those types as partial. A page is never skipped silently.
 *
 * Retry delays are shortened (the transport's minRetryDelayMs /
 * maxRetryDelayMs, which the instance config does not expose) so six
 * attempts take well under a second; the retry count and all logic are the
 * defaults.
 */
import { FaultProfile, realisticDataset, RunningSimulator, SimulatorDataset, startSimulator } from '../../simulator';
import { memberKey } from '../../src/steps/account-members/converter';
import { dnsRecordKey } from '../../src/steps/dns-records/converter';
import { Entities, Relationships, Steps } from '../../src/constants';
import {
  allSucceeded,
  collect,
  CollectResult,
  duplicates,
  everythingVisible,
  keys,
  statuses,
  TOKEN,
} from '../../tools/lib/collect';

const dataset: SimulatorDataset = realisticDataset();
const FAST_RETRIES = { minRetryDelayMs: 10, maxRetryDelayMs: 40 };
/** CloudflareTransport's default: 5 retries after the first attempt. */
const ATTEMPTS = 6;

const DNS_TYPES = [Entities.DNS_RECORD._type, Relationships.ZONE_HAS_RECORD._type];
const MEMBER_STEP_TYPES = [
  Entities.ACCOUNT_MEMBER._type,
  Entities.ACCOUNT_ROLE._type,
  Relationships.ACCOUNT_HAS_MEMBER._type,
  Relationships.MEMBER_ASSIGNED_ROLE._type,
  Relationships.ACCOUNT_HAS_ROLE._type,
  Relationships.MEMBER_ALLOWS_ACCOUNT._type,
];
/**
 * The steps that depend on fetch-account-members, directly (member zone
 * grants; Zero Trust users, linked to members) or through Zero Trust users
 * (devices; Access policy users): they run to the end when it fails, and the
 * SDK reports their types partial, as edges to members may be missing.
 */
const BUILT_ON_MEMBERS_RAN_AFTER_FAILURE = {
  [Steps.MEMBER_ZONE_ACCESS]: 'partial_success_due_to_dependency_failure',
  [Steps.ACCESS_USERS]: 'partial_success_due_to_dependency_failure',
  [Steps.DEVICES]: 'partial_success_due_to_dependency_failure',
  [Steps.ACCESS_POLICY_USERS]: 'partial_success_due_to_dependency_failure',
  [Steps.ACCESS_USER_ACTIVITY]: 'partial_success_due_to_dependency_failure',
};
const BUILT_ON_MEMBERS_TYPES = [
  Relationships.MEMBER_ALLOWS_ZONE._type,
  Entities.ACCESS_USER._type,
  Relationships.ACCOUNT_HAS_ACCESS_USER._type,
  Relationships.MEMBER_IS_ACCESS_USER._type,
  Entities.DEVICE._type,
  Relationships.ACCOUNT_HAS_DEVICE._type,
  Relationships.ACCESS_USER_HAS_DEVICE._type,
  Relationships.ACCESS_POLICY_ASSIGNED_USER._type,
  Relationships.ACCESS_USER_USES_APPLICATION._type,
];

/** Every step succeeded (ACCOUNT_IDS check off: no ids configured), except those named. */
function withStatuses(exceptions: Record<string, string>): Record<string, string> {
  return {
    ...Object.fromEntries(Object.values(Steps).map((id) => [id, 'success'])),
    [Steps.CHECK_ACCOUNT_IDS]: 'disabled',
    ...exceptions,
  };
}

let baseline: CollectResult;

/** One collection against a fresh simulator with these faults; the simulator is closed after, its stats kept. */
async function collectUnder(faults?: FaultProfile): Promise<{ sim: RunningSimulator; result: CollectResult }> {
  const sim = await startSimulator({ dataset, faults });
  try {
    return { sim, result: await collect({ apiBaseUrl: sim.url, transport: FAST_RETRIES }) };
  } finally {
    await sim.close();
  }
}

/** No random faults; requests matching `pattern` always answer `status`. */
function alwaysFailing(pattern: RegExp, status: number): FaultProfile {
  return { seed: 1, rate: 0, failPaths: [{ pattern, status }] };
}

beforeAll(async () => {
  ({ result: baseline } = await collectUnder());
  expect(baseline.error).toBeUndefined();
  expect(statuses(baseline)).toEqual(allSucceeded(baseline));
  expect(statuses(baseline)['check-account-ids']).toBe('disabled');
});

function without(objects: Array<Record<string, any>>, types: string[]): string[] {
  return keys(objects.filter((o) => !types.includes(o._type)));
}

function stepFailureEvent(result: CollectResult, stepName: string): string {
  const events = result.events.filter((e) => e.startsWith(`Step "${stepName}" failed`));
  expect(events).toHaveLength(1);
  return events[0];
}

describe("one zone's DNS records always answer 502", () => {
  // The zone with the most records (260 + a duplicate).
  const zone = dataset.zones.find((z) => z.name === 'acme-cdn.example')!;
  const endpoint = `GET /zones/${zone.id}/dns_records?page=1&per_page=5000`;
  let sim: RunningSimulator;
  let result: CollectResult;

  beforeAll(async () => {
    ({ sim, result } = await collectUnder(alwaysFailing(new RegExp(`/zones/${zone.id}/dns_records`), 502)));
  });

  test('only fetch-dns-records fails; its types are reported partial', () => {
    expect(result.error).toBeUndefined();
    // No step depends on the DNS records: every other step, optional areas included, succeeds.
    expect(statuses(result)).toEqual(withStatuses({ [Steps.DNS_RECORDS]: 'failure' }));
    expect([...result.partialTypes].sort()).toEqual([...DNS_TYPES].sort());
    expect(result.summary.metadata.partialDatasets.types).toEqual(result.partialTypes);
  });

  test('the step failure names the endpoint, the status and the attempts', () => {
    const event = stepFailureEvent(result, 'Fetch DNS Records');
    expect(event).toContain('errorCode="PROVIDER_API_ERROR"');
    expect(event).toContain(`Provider API failed at ${endpoint}: 502 Bad Gateway`);
    expect(event).toContain(`after ${ATTEMPTS} attempts`);
    // The same text reaches the log (error level: 50).
    const logged = result.records.filter((r) => r.level >= 40 && r.msg === event);
    expect(logged).toHaveLength(1);
    // And the per-zone warning says which zone and that the rest went on.
    expect(
      result.records.some(
        (r) =>
          r.msg.startsWith(
            `Collection failed for DNS records of zone ${zone.id} (${zone.name}): Provider API failed at ${endpoint}: 502`,
          ) && r.msg.endsWith('Continuing with the rest.'),
      ),
    ).toBe(true);
  });

  test('the request was retried: 1 + 5 attempts for that URL, each retry logged', () => {
    const route = 'GET /zones/:id/dns_records';
    // Fault-free, every zone takes exactly one request (each fits one page).
    expect(sim.stats.byRoute[route]).toBe(dataset.zones.length - 1 + ATTEMPTS);
    expect(sim.stats.responsesByStatus[502]).toBe(ATTEMPTS);
    const retries = result.records.filter((r) => r.endpoint === endpoint && /retrying$/.test(r.msg));
    expect(retries).toHaveLength(ATTEMPTS - 1);
    expect(retries.map((r) => r.status)).toEqual(Array(ATTEMPTS - 1).fill(502));
  });

  test("everything else equals the fault-free graph; the other zones' records are all there", () => {
    expect(duplicates(keys(result.entities))).toEqual([]);
    expect(duplicates(keys(result.relationships))).toEqual([]);
    expect(without(result.entities, DNS_TYPES)).toEqual(without(baseline.entities, DNS_TYPES));
    expect(without(result.relationships, DNS_TYPES)).toEqual(without(baseline.relationships, DNS_TYPES));

    const lost = new Set(dataset.dnsRecordsByZone.get(zone.id)!.map((r) => dnsRecordKey(r.id)));
    expect(lost.size).toBeGreaterThan(200);
    const expectedRecords = keys(baseline.entities, 'cloudflare_dns_record').filter((k) => !lost.has(k));
    expect(keys(result.entities, 'cloudflare_dns_record')).toEqual(expectedRecords);
    const expectedEdges = baseline.relationships
      .filter((r) => r._type === 'cloudflare_dns_zone_has_record' && !lost.has(r._toEntityKey))
      .map((r) => r._key)
      .sort();
    expect(keys(result.relationships, 'cloudflare_dns_zone_has_record')).toEqual(expectedEdges);
  });

  test('the token appears nowhere, also in the failure', () => {
    const visible = everythingVisible(result);
    expect(visible).toContain('502 Bad Gateway');
    expect(visible).not.toContain(TOKEN);
    expect(visible).not.toContain('_NOT_REAL');
  });
});

describe("page 2 of an account's members always answers 500", () => {
  const account = dataset.accounts[0];
  const members = dataset.membersByAccount.get(account.id)!;
  const endpoint = `GET /accounts/${account.id}/members?page=2&per_page=50`;
  let sim: RunningSimulator;
  let result: CollectResult;

  beforeAll(async () => {
    expect(members.length).toBeGreaterThan(50); // two pages of 50
    ({ sim, result } = await collectUnder(alwaysFailing(new RegExp(`/accounts/${account.id}/members\\?page=2&`), 500)));
  });

  test('only fetch-account-members fails; its declared types (and those of the steps built on members) are reported partial', () => {
    expect(result.error).toBeUndefined();
    expect(statuses(result)).toEqual(
      withStatuses({
        [Steps.ACCOUNT_MEMBERS]: 'failure',
        ...BUILT_ON_MEMBERS_RAN_AFTER_FAILURE,
      }),
    );
    // Roles too: the members step also builds roles /roles did not list.
    expect([...result.partialTypes].sort()).toEqual([...MEMBER_STEP_TYPES, ...BUILT_ON_MEMBERS_TYPES].sort());
  });

  test('the step failure names the endpoint and status', () => {
    const event = stepFailureEvent(result, 'Fetch Account Members');
    expect(event).toContain(`Provider API failed at ${endpoint}: 500 Internal Server Error`);
    expect(event).toContain(`after ${ATTEMPTS} attempts`);
    expect(sim.stats.responsesByStatus[500]).toBe(ATTEMPTS);
  });

  test("page 1 of that account and the other accounts' members are kept; only page 2 is missing", () => {
    expect(duplicates(keys(result.entities))).toEqual([]);
    const page1 = new Set(members.slice(0, 50).map((m) => memberKey(m.id)));
    const lost = new Set(
      members
        .slice(50)
        .map((m) => memberKey(m.id))
        .filter((k) => !page1.has(k)),
    );
    expect(lost.size).toBeGreaterThan(10);
    const expected = keys(baseline.entities, 'cloudflare_account_member').filter((k) => !lost.has(k));
    expect(keys(result.entities, 'cloudflare_account_member')).toEqual(expected);
    for (const key of page1) expect(expected).toContain(key);

    const otherTypes = [
      Entities.ACCOUNT._type,
      Entities.DNS_ZONE._type,
      Entities.DNS_RECORD._type,
      Relationships.ACCOUNT_HAS_ZONE._type,
      Relationships.ZONE_HAS_RECORD._type,
    ];
    const only = (objects: Array<Record<string, any>>) => keys(objects.filter((o) => otherTypes.includes(o._type)));
    expect(only(result.entities)).toEqual(only(baseline.entities));
    expect(only(result.relationships)).toEqual(only(baseline.relationships));
  });

  test('the token appears nowhere, also in the failure', () => {
    const visible = everythingVisible(result);
    expect(visible).toContain('500 Internal Server Error');
    expect(visible).not.toContain(TOKEN);
    expect(visible).not.toContain('_NOT_REAL');
  });
});

describe("an account's /roles always answers 500", () => {
  const account = dataset.accounts[0];
  const endpoint = `GET /accounts/${account.id}/roles?page=1&per_page=50`;
  const ROLE_TYPE = 'cloudflare_account_role';
  let result: CollectResult;

  beforeAll(async () => {
    ({ result } = await collectUnder(alwaysFailing(new RegExp(`/accounts/${account.id}/roles\\?`), 500)));
  });

  const rolesOf = (objects: Array<Record<string, any>>, accountId: string) =>
    objects.filter((o) => o._type === ROLE_TYPE && o.accountId === accountId);

  test('only fetch-account-roles fails; the members step still runs', () => {
    expect(result.error).toBeUndefined();
    expect(statuses(result)).toEqual(
      withStatuses({
        [Steps.ACCOUNT_ROLES]: 'failure',
        // The SDK's word for "ran to the end after a dependency failed".
        [Steps.ACCOUNT_MEMBERS]: 'partial_success_due_to_dependency_failure',
        ...BUILT_ON_MEMBERS_RAN_AFTER_FAILURE,
      }),
    );
    expect([...result.partialTypes].sort()).toEqual([...MEMBER_STEP_TYPES, ...BUILT_ON_MEMBERS_TYPES].sort());
    expect(stepFailureEvent(result, 'Fetch Account Roles')).toContain(
      `Provider API failed at ${endpoint}: 500 Internal Server Error`,
    );
    // Members, their edges and the other accounts are all there.
    const memberTypes = [
      Entities.ACCOUNT_MEMBER._type,
      Relationships.ACCOUNT_HAS_MEMBER._type,
      Relationships.MEMBER_ASSIGNED_ROLE._type,
    ];
    const only = (objects: Array<Record<string, any>>) => keys(objects.filter((o) => memberTypes.includes(o._type)));
    expect(only(result.entities)).toEqual(only(baseline.entities));
    expect(only(result.relationships)).toEqual(only(baseline.relationships));
  });

  test('roles its members hold are built from the members, and nobody claims they are unlisted', () => {
    const held = rolesOf(result.entities, account.id);
    // Exactly the roles this account's members hold; the baseline lists more (unassigned ones).
    const heldIds = new Set(dataset.membersByAccount.get(account.id)!.flatMap((m) => (m.roles ?? []).map((r) => r.id)));
    expect(held.map((r) => r.id).sort()).toEqual([...heldIds].sort());
    // Every role of this account is held by someone, so none is lost.
    expect(keys(held)).toEqual(keys(rolesOf(baseline.entities, account.id)));
    for (const role of held) expect(role).not.toHaveProperty('listedByRolesEndpoint');
    const superAdmin = held.find((r) => r.superAdmin === true);
    expect(superAdmin).toBeDefined();
    expect(
      result.records.some(
        (r) =>
          r.msg ===
          `/roles of account ${account.id} was not read in full, so roles held by its members were built from the members' roles: ${held.map((role) => `"${role.name}"`).join(', ')}`,
      ),
    ).toBe(true);
  });

  test('accounts whose /roles was read keep true and false exactly as without the fault', () => {
    for (const other of dataset.accounts.slice(1)) {
      const pick = (objects: Array<Record<string, any>>) =>
        rolesOf(objects, other.id)
          .map((r) => `${r._key} ${r.listedByRolesEndpoint}`)
          .sort();
      expect(pick(result.entities)).toEqual(pick(baseline.entities));
      // Each has the member-only Super Administrator, so both values occur.
      expect(pick(result.entities).filter((line) => line.endsWith(' false'))).toHaveLength(1);
      expect(pick(result.entities).filter((line) => line.endsWith(' true')).length).toBeGreaterThan(1);
    }
  });
});

import {
  IntegrationProviderAPIError,
  IntegrationProviderAuthenticationError,
  IntegrationProviderAuthorizationError,
} from '@jupiterone/integration-sdk-core';
import { createMockIntegrationLogger } from '@jupiterone/integration-sdk-testing';
import { CloudflareRequestError, toIntegrationError } from '../../client';
import { RefusalReporter, REFUSALS_TO_CONCLUDE, ZoneRef, ZoneRefusals } from './ZoneRefusals';

const ACCOUNT = 'a'.repeat(32);
const OTHER_ACCOUNT = 'b'.repeat(32);

function zonesOf(accountId: string, count: number): ZoneRef[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${accountId.slice(0, 1)}${String(i).padStart(31, '0')}`,
    name: `zone${i}.example`,
    accountId,
  }));
}

/** The errors the client raises, mapped as it maps them. */
function answer(status: number, code: number, message: string, zoneId = 'z') {
  return toIntegrationError(
    new CloudflareRequestError(
      `GET /zones/${zoneId}/dns_records`,
      status,
      status === 403 ? 'Forbidden' : 'Error',
      [{ code, message }],
      false,
    ),
    { permission: 'DNS Read' },
  );
}
const refusal = (zoneId = 'z') => answer(403, 10000, 'Authentication error', zoneId);

function reporter() {
  const calls = {
    reported: [] as Array<[string, string | undefined, string]>,
    warned: [] as Array<[string, string | undefined, string]>,
    incomplete: [] as string[],
  };
  const run: RefusalReporter = {
    logger: createMockIntegrationLogger(),
    gate: {
      reportMissingPermission: (_logger, permission, accountId, text) =>
        void calls.reported.push([permission, accountId, text]),
      warnMissingPermission: (_logger, permission, accountId, text) =>
        void calls.warned.push([permission, accountId, text]),
    },
    markIncomplete: (problem) => void calls.incomplete.push(problem),
  };
  return { run, calls };
}

const SPEC = {
  endpoint: 'dnsRecords' as const,
  what: 'DNS records',
  consequence: 'The rest are kept.',
  partial: true,
};

/** Reads every zone at once; `refuse` decides per zone. Returns the zones asked, in order. */
async function readAll(refusals: ZoneRefusals, zones: ZoneRef[], refuse: (zone: ZoneRef) => boolean) {
  const asked: string[] = [];
  const answers = await Promise.all(
    zones.map((zone) =>
      refusals.read(zone, async () => {
        asked.push(zone.name);
        await new Promise((resolve) => setImmediate(resolve));
        if (refuse(zone)) throw refusal(zone.id);
        return zone.name;
      }),
    ),
  );
  return { asked, answers };
}

test('the errors it counts: a 403 authorization refusal, not a rejected token or another failure', () => {
  expect(refusal()).toBeInstanceOf(IntegrationProviderAuthorizationError);
  // 9109 also answers a resource out of the token's reach: still one zone's refusal.
  expect(answer(403, 9109, 'Unauthorized to access requested resource')).toBeInstanceOf(
    IntegrationProviderAuthorizationError,
  );
  expect(answer(403, 9109, 'Invalid access token')).toBeInstanceOf(IntegrationProviderAuthenticationError);
  expect(answer(401, 1000, 'Invalid API Token')).toBeInstanceOf(IntegrationProviderAuthenticationError);
});

test('one refused zone costs that zone alone: every other zone is read, one warning names it, types partial', async () => {
  const { run, calls } = reporter();
  const refusals = new ZoneRefusals(run, SPEC);
  const zones = zonesOf(ACCOUNT, 20);
  const { asked, answers } = await readAll(refusals, zones, (zone) => zone.name === 'zone1.example');
  expect(asked).toHaveLength(20);
  expect(answers.filter((a) => a === undefined)).toHaveLength(1);
  expect(answers[1]).toBeUndefined();
  expect(answers[0]).toBe('zone0.example');
  expect(refusals.refusedZones(ACCOUNT)).toEqual([zones[1]]);
  refusals.report();
  expect(calls.reported).toEqual([]);
  expect(calls.warned).toEqual([
    [
      'DNS Read',
      ACCOUNT,
      `DNS records of 1 zone of account ${ACCOUNT} are left out: the token may not read them there (zone1.example). ` +
        'Grant the token "DNS Read" on that zone (Cloudflare dashboard > API Tokens > Edit). The rest are kept. ' +
        `(${refusal(zones[1].id).message})`,
    ],
  ]);
  expect(calls.incomplete).toEqual([`DNS records of 1 zone of account ${ACCOUNT} were refused (403)`]);
});

test(`${REFUSALS_TO_CONCLUDE} refusals and no answer conclude for the account: the rest are not asked, said once`, async () => {
  const { run, calls } = reporter();
  const refusals = new ZoneRefusals(run, SPEC);
  const zones = zonesOf(ACCOUNT, 40);
  const other = zonesOf(OTHER_ACCOUNT, 5);
  const { asked, answers } = await readAll(refusals, [...zones, ...other], (zone) => zone.accountId === ACCOUNT);
  // Three requests for the refusing account, however many zones; the other account is read in full.
  expect(asked).toEqual(['zone0.example', 'zone1.example', 'zone2.example', ...other.map((z) => z.name)]);
  expect(answers.slice(0, 40).every((a) => a === undefined)).toBe(true);
  expect(answers.slice(40)).toEqual(other.map((z) => z.name));
  refusals.report();
  expect(calls.warned).toEqual([]);
  expect(calls.reported).toEqual([
    [
      'DNS Read',
      ACCOUNT,
      `DNS records of account ${ACCOUNT} are left out: the token may not read them in this account. ` +
        'The first 3 zones asked were refused (zone0.example, zone1.example, zone2.example) and none answered, ' +
        `so the other 37 were not asked. Grant the token "DNS Read" for this account's zones (Cloudflare dashboard > ` +
        `API Tokens > Edit). The rest are kept. (${refusal(zones[0].id).message})`,
    ],
  ]);
  expect(calls.incomplete).toEqual([
    `DNS records of account ${ACCOUNT}: the token may not read them ("DNS Read"); 3 zones refused, 37 not asked`,
  ]);
});

test('until a zone answers, at most three requests of an account are out; then the rest go at once', async () => {
  const { run } = reporter();
  const refusals = new ZoneRefusals(run, SPEC);
  const zones = zonesOf(ACCOUNT, 10);
  let inFlight = 0;
  const peaks: number[] = [];
  const releases: Array<() => void> = [];
  const reads = zones.map((zone) =>
    refusals.read(zone, async () => {
      inFlight++;
      peaks.push(inFlight);
      await new Promise<void>((resolve) => releases.push(resolve));
      inFlight--;
      return zone.id;
    }),
  );
  await new Promise((resolve) => setImmediate(resolve));
  expect(inFlight).toBe(3);
  releases.shift()!(); // The first answers: the account is readable.
  await new Promise((resolve) => setImmediate(resolve));
  expect(inFlight).toBe(2 + 7);
  for (const release of releases.splice(0)) release();
  await new Promise((resolve) => setImmediate(resolve));
  for (const release of releases.splice(0)) release();
  expect(await Promise.all(reads)).toEqual(zones.map((z) => z.id));
  expect(Math.max(...peaks)).toBe(9);
});

test('an answer after two refusals: no conclusion, every zone asked; the warning names ten zones and counts the rest', async () => {
  const { run, calls } = reporter();
  const refusals = new ZoneRefusals(run, { ...SPEC, partial: false });
  const zones = zonesOf(ACCOUNT, 20);
  // zone2 answers; every other zone is refused.
  const { asked } = await readAll(refusals, zones, (zone) => zone.name !== 'zone2.example');
  expect(asked).toHaveLength(20);
  refusals.report();
  expect(calls.reported).toEqual([]);
  const names = zones.filter((z) => z.name !== 'zone2.example').map((z) => z.name);
  expect(calls.warned).toEqual([
    [
      'DNS Read',
      ACCOUNT,
      `DNS records of 19 zones of account ${ACCOUNT} are left out: the token may not read them there ` +
        `(${names.slice(0, 10).join(', ')} and 9 more). Grant the token "DNS Read" on those zones (Cloudflare ` +
        `dashboard > API Tokens > Edit). The rest are kept. (${refusal(zones[0].id).message})`,
    ],
  ]);
  // partial: false (properties on an entity that is still collected).
  expect(calls.incomplete).toEqual([]);
});

test('an account with fewer zones than the threshold, all refused: each named, no conclusion', async () => {
  const { run, calls } = reporter();
  const refusals = new ZoneRefusals(run, SPEC);
  const zones = zonesOf(ACCOUNT, 2);
  await readAll(refusals, zones, () => true);
  refusals.report();
  expect(calls.reported).toEqual([]);
  expect(calls.warned).toHaveLength(1);
  expect(calls.warned[0][2]).toContain(
    `DNS records of 2 zones of account ${ACCOUNT} are left out: the token may not read them there (zone0.example, zone1.example).`,
  );
});

test('a rejected token and other failures are rethrown, not counted; a failed probe frees its place', async () => {
  const { run, calls } = reporter();
  const refusals = new ZoneRefusals(run, SPEC);
  const [z0, z1, z2, z3, z4] = zonesOf(ACCOUNT, 5);
  const invalid = answer(403, 9109, 'Invalid access token');
  await expect(refusals.read(z0, () => Promise.reject(invalid))).rejects.toBe(invalid);
  const serverError = answer(502, 0, 'Bad gateway');
  expect(serverError).toBeInstanceOf(IntegrationProviderAPIError);
  await expect(refusals.read(z1, () => Promise.reject(serverError))).rejects.toBe(serverError);
  // Two failures, no refusal: three more zones may still be probed, and conclude.
  for (const zone of [z2, z3, z4]) {
    await expect(refusals.read(zone, () => Promise.reject(refusal(zone.id)))).resolves.toBeUndefined();
  }
  expect(refusals.refusedZones(ACCOUNT)).toEqual([z2, z3, z4]);
  refusals.report();
  expect(calls.reported).toHaveLength(1);
  expect(calls.reported[0][2]).toContain(
    'The first 3 zones asked were refused (zone2.example, zone3.example, zone4.example)',
  );
});

/**
 * The enforcement commands' guards against doing more (or other) than asked:
 * a role change never drops resource-scoped policies, a member keeps a role,
 * a mistyped email is an error, Zero Trust being off is not a missing
 * permission, and invitations take addresses as written.
 */
import {
  ACME_CDN_ZONE,
  ACME_CORP,
  ACME_ZONE,
  ADMIN_READ_ONLY_ID,
  GRACE,
  POLICY_ONLY_MEMBER,
  SUPER_ADMIN_MEMBER,
  TINY_ACCOUNT,
} from '../../test/fixtures';
import { fail, realisticDataset, SimMemberPolicy, SimResourceGroupRef, tinyDataset } from '../../simulator';
import { writeLog } from '../../simulator/writes';
import {
  enforceHarness,
  giveRole,
  memberById,
  nonGetRoutes,
  onAccount,
  snapshot,
  withRoute,
} from '../testing/enforceHarness';

const { simulator, run } = enforceHarness();
const tiny = onAccount(TINY_ACCOUNT);
const acme = onAccount(ACME_CORP);

const accountScope = (account: string) => ({ key: `com.cloudflare.api.account.${account}`, objects: [{ key: '*' }] });
const zoneScope = (account: string, ...zones: string[]) => ({
  key: `com.cloudflare.api.account.${account}`,
  objects: zones.map((z) => ({ key: `com.cloudflare.api.account.zone.${z}` })),
});
/** A member's policies when it has one: `access` to one permission group over one scope. */
const onePolicy = (
  access: SimMemberPolicy['access'],
  permissionGroup: string,
  scope: SimResourceGroupRef['scope'],
): SimMemberPolicy[] => [
  {
    id: 'p1',
    access,
    permission_groups: [{ id: 'g1', name: permissionGroup }],
    resource_groups: [{ id: 'r1', scope }],
  },
];

describe('a role change never drops policies', () => {
  it('grant-role on a member with zone-scoped policies only is refused, naming them (exit 1, nothing sent)', async () => {
    const { sim, dataset } = await simulator(realisticDataset());
    const before = snapshot(dataset);
    const result = await run(
      sim,
      'grant-role',
      acme('--member', 'zoe.zonedns@acme.example', '--role', 'DNS', '--apply'),
    );
    const policy = `allow "Domain DNS" on zones ${ACME_ZONE}, ${ACME_CDN_ZONE}`;
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `graph-cloudflare grant-role: refused: zoe.zonedns@acme.example (member ${POLICY_ONLY_MEMBER}, accepted) has access ` +
        `through policies that a role change would remove: ${policy}. Cloudflare sets a member's roles or its policies, ` +
        'never both, so nothing was sent. Grant "DNS" in the Cloudflare dashboard (Manage Account > Members > the member > Edit), ' +
        'which edits roles and policies together.\n',
    );
    expect(nonGetRoutes(sim)).toEqual([]);
    expect(snapshot(dataset)).toBe(before);
    expect(result.audit).toEqual([
      expect.objectContaining({ result: 'refused', request: null, policies: { before: [policy], after: [policy] } }),
    ]);
  });

  it('revoke-role on a member holding a role and a zone policy is refused too', async () => {
    const dataset = tinyDataset();
    giveRole(dataset, TINY_ACCOUNT, GRACE, 'DNS');
    memberById(dataset, TINY_ACCOUNT, GRACE).policies = onePolicy('deny', 'DNS', zoneScope(TINY_ACCOUNT, 'z1'));
    const { sim } = await simulator(dataset);
    const result = await run(sim, 'revoke-role', tiny('--member', GRACE, '--role', 'DNS'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'has access through policies that a role change would remove: deny "DNS" on zone z1.',
    );
    expect(result.stdout).toBe('');
    expect(nonGetRoutes(sim)).toEqual([]);
  });

  it('policies that only mirror a role follow it: the change goes through and shows policies before and after', async () => {
    const { sim, dataset } = await simulator(realisticDataset());
    const mirror = 'allow "Super Administrator - All Privileges" on the account';
    const result = await run(sim, 'grant-role', acme('--member', SUPER_ADMIN_MEMBER, '--role', 'DNS', '--apply'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `: roles Super Administrator - All Privileges -> Super Administrator - All Privileges, DNS; policies ${mirror} -> ${mirror}\n`,
    );
    expect(writeLog(dataset).map((w) => [w.method, JSON.parse(w.body!)])).toEqual([
      ['PUT', { roles: [{ id: expect.any(String) }, { id: expect.any(String) }] }],
    ]);
    expect(result.audit).toEqual([
      expect.objectContaining({ result: 'applied', policies: { before: [mirror], after: [mirror] } }),
    ]);
  });
});

describe('a member keeps at least one role, whatever its policies (code and docs/governance.md agree)', () => {
  it('revoking the only role of a member whose policies mirror it is refused, and roles: [] is never sent', async () => {
    const dataset = tinyDataset();
    memberById(dataset, TINY_ACCOUNT, GRACE).policies = onePolicy(
      'allow',
      'Administrator Read Only',
      accountScope(TINY_ACCOUNT),
    );
    const { sim } = await simulator(dataset);
    const result = await run(sim, 'revoke-role', tiny('--member', GRACE, '--role', ADMIN_READ_ONLY_ID, '--apply'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `graph-cloudflare revoke-role: refused: "Administrator Read Only" is the only role of grace.auditor@example.com (member ${GRACE}, accepted); a member needs at least one role. Grant another role first, or use remove-member to take away all access.\n`,
    );
    expect(nonGetRoutes(sim)).toEqual([]);
  });
});

describe('an email that matches no member is an error', () => {
  it('remove-member with a mistyped email exits 1 and suggests the closest members', async () => {
    const { sim, dataset } = await simulator();
    const result = await run(sim, 'remove-member', tiny('--member', 'grace.auditr@example.com', '--apply'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `graph-cloudflare remove-member: no member grace.auditr@example.com in account ${TINY_ACCOUNT} (3 members read); did you mean grace.auditor@example.com?\n`,
    );
    expect(writeLog(dataset)).toEqual([]);
    expect(result.audit).toEqual([expect.objectContaining({ result: 'failed', request: null })]);
  });

  it('an email far from every member gets no guesses; a membership id that is gone is already absent', async () => {
    const { sim } = await simulator();
    const far = await run(sim, 'remove-member', tiny('--member', 'zz@elsewhere.org'));
    expect(far.code).toBe(1);
    expect(far.stderr).toContain('give a membership id (32 hexadecimal characters) or the email address of a member');
    const gone = await run(sim, 'remove-member', tiny('--member', 'f'.repeat(32)));
    expect(gone.code).toBe(0);
    expect(gone.stdout).toBe(
      `no change needed: member ${'f'.repeat(32)} is not in account ${TINY_ACCOUNT} (already absent)\n`,
    );
  });
});

describe('revoke-sessions: Zero Trust off is not a missing permission', () => {
  it('Cloudflare naming Access as not enabled (as the collector recognises it) is reported as such', async () => {
    const routes = withRoute(
      'POST',
      '/accounts/:id/access/organizations/revoke_user',
      () => () => fail(403, [{ code: 10000, message: 'Access is not enabled for this account' }]),
    );
    const { sim } = await simulator(tinyDataset(), { routes });
    const result = await run(sim, 'revoke-sessions', tiny('--email', 'a@example.com', '--apply'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Zero Trust (Access) is not enabled for this account, so it has no sessions, devices or seats to revoke; this is not a missing permission\n',
    );
    expect(result.stderr).not.toContain('grant it');
  });

  it('--help names the Write permission the schema gives revoke_user', async () => {
    const { sim } = await simulator();
    const help = await run(sim, 'revoke-sessions', ['--help']);
    expect(help.stdout).toContain('"Access: Organizations, Identity Providers, and Groups Write"');
  });
});

describe('invite-member takes addresses as written', () => {
  it.each([
    ['grace', 'it has no @ (expected name@domain)'],
    ['a@@example.com', 'it has more than one @'],
    ['@example.com', 'nothing before the @'],
    ['a b@example.com', 'before the @ has a space'],
    ['.a@example.com', 'a dot at its start'],
    ['a@example', '"example" after the @ is not a domain name'],
    ['a@exa mple.com', 'after the @ is not a domain name'],
    ['a@-bad.com', 'after the @ is not a domain name'],
    ['a@example.123', 'after the @ is not a domain name'],
  ])('%s is refused before anything is read: %s', async (email, reason) => {
    const { sim } = await simulator();
    const result = await run(sim, 'invite-member', tiny('--email', email, '--role', 'DNS'));
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(`--email "${email}" is not an email address: `);
    expect(result.stderr.split('\n')[0]).toContain(reason);
    expect(sim.stats.requests).toBe(0);
  });

  it('keeps the local part as typed, lower-cases the domain, and accepts an internationalised domain', async () => {
    const { sim, dataset } = await simulator();
    const mixed = await run(
      sim,
      'invite-member',
      tiny('--email', 'New.Person@Example.COM', '--role', 'DNS', '--apply'),
    );
    expect(mixed.code).toBe(0);
    const idn = await run(sim, 'invite-member', tiny('--email', 'Jürgen@München.de', '--role', 'DNS', '--apply'));
    expect(idn.code).toBe(0);
    expect(writeLog(dataset).map((w) => JSON.parse(w.body!).email)).toEqual([
      'New.Person@example.com',
      'Jürgen@münchen.de',
    ]);
    expect(idn.audit.map((r) => r.target)).toEqual(['New.Person@example.com', 'Jürgen@münchen.de']);
  });

  it('an existing member lacking a requested role is told to use grant-role (exit 1), not "no change needed"', async () => {
    const { sim, dataset } = await simulator();
    const result = await run(
      sim,
      'invite-member',
      tiny('--email', 'grace.auditor@example.com', '--role', 'DNS', '--apply'),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `graph-cloudflare invite-member: refused: grace.auditor@example.com (member ${GRACE}, accepted) is already a member, ` +
        'with roles Administrator Read Only; to add "DNS" use grant-role --member grace.auditor@example.com --role "DNS"\n',
    );
    expect(writeLog(dataset)).toEqual([]);
  });
});

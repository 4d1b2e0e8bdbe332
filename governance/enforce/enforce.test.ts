import fs from 'fs';
import os from 'os';
import path from 'path';
import { ACME_CORP, ADA, ADMIN_READ_ONLY_ID, DNS_ROLE_ID, GRACE, NEW_HIRE, TINY_ACCOUNT } from '../../test/fixtures';
import {
  ADMIN_ROLE_ID,
  fail,
  realisticDataset,
  RunningSimulator,
  SIM_TOKENS,
  SimulatorDataset,
  SUPER_ADMIN_ROLE_ID,
  tinyDataset,
} from '../../simulator';
import { denyWritePermission, revokedSessions, writeLog } from '../../simulator/writes';
import {
  carriedOutThenAnswered,
  enforceHarness,
  giveRole,
  memberById,
  memberNotFound,
  nonGetRoutes,
  onAccount,
  serverError,
  snapshot,
  withRoute,
} from '../testing/enforceHarness';

const MISSING = '0123456789abcdef0123456789abcdef';

const { simulator, run, auditFile, dir } = enforceHarness();
const tiny = onAccount(TINY_ACCOUNT);

const rolesOf = (dataset: SimulatorDataset, memberId: string, account = TINY_ACCOUNT) =>
  memberById(dataset, account, memberId).roles.map((r) => r.id);

/** The request block a run printed: method, URL and body line. */
function printedRequest(stdout: string): { method: string; url: string; body?: string } {
  const lines = stdout.split('\n');
  const start = lines.indexOf('request:');
  expect(start).toBeGreaterThanOrEqual(0);
  const [method, url] = lines[start + 1].trim().split(' ');
  const hasBody = lines[start + 4]?.trim() === 'Content-Type: application/json';
  return { method, url, ...(hasBody ? { body: lines[start + 5].trim() } : {}) };
}

const tinyMembersUrl = (sim: RunningSimulator, id = '') =>
  `${sim.url}/accounts/${TINY_ACCOUNT}/members${id ? `/${id}` : ''}`;

describe('dry run (the default)', () => {
  it('reads only, changes nothing, logs nothing, and prints the exact request', async () => {
    const { sim, dataset } = await simulator();
    const before = snapshot(dataset);
    const result = await run(sim, 'grant-role', tiny('--member', 'Grace.Auditor@example.com', '--role', 'DNS'));
    expect(result).toEqual({
      code: 0,
      stderr: '',
      audit: [],
      stdout:
        `grant "DNS" to grace.auditor@example.com (member ${GRACE}, accepted): roles Administrator Read Only -> Administrator Read Only, DNS; policies (none) -> (none)\n` +
        'request:\n' +
        `  PUT ${tinyMembersUrl(sim, GRACE)}\n` +
        '  Authorization: Bearer [REDACTED]\n' +
        '  Accept: application/json\n' +
        '  Content-Type: application/json\n' +
        `  {"roles":[{"id":"${ADMIN_READ_ONLY_ID}"},{"id":"${DNS_ROLE_ID}"}]}\n` +
        'dry run: nothing changed; add --apply to make this change\n',
    });
    expect(snapshot(dataset)).toBe(before);
    expect(nonGetRoutes(sim)).toEqual([]);
    expect(sim.stats.byRoute).toEqual({ 'GET /accounts/:id/members': 1, 'GET /accounts/:id/roles': 1 });
    expect(writeLog(dataset)).toEqual([]);
    expect(fs.existsSync(auditFile())).toBe(false);
  });

  it.each([
    ['revoke-role', ['--member', ADA, '--role', SUPER_ADMIN_ROLE_ID]],
    ['remove-member', ['--member', NEW_HIRE]],
    ['invite-member', ['--email', 'someone@example.com', '--role', 'DNS']],
    ['revoke-sessions', ['--email', 'grace.auditor@example.com', '--devices']],
  ])('%s sends no write either', async (command, argv) => {
    const { sim, dataset } = await simulator();
    const before = snapshot(dataset);
    const result = await run(sim, command, tiny(...argv));
    expect(nonGetRoutes(sim)).toEqual([]);
    expect(writeLog(dataset)).toEqual([]);
    expect(snapshot(dataset)).toBe(before);
    expect(result.audit).toEqual([]);
  });
});

describe('--apply makes exactly the change the dry run printed', () => {
  it.each([
    ['grant-role', ['--member', GRACE, '--role', 'DNS']],
    ['revoke-role', ['--member', 'grace.auditor@example.com', '--role', ADMIN_READ_ONLY_ID, '--account', TINY_ACCOUNT]],
    ['remove-member', ['--member', NEW_HIRE]],
    ['invite-member', ['--email', 'New.Person@Example.com', '--role', 'DNS', '--role', 'Administrator']],
    ['revoke-sessions', ['--email', 'grace.auditor@example.com', '--devices']],
  ])('%s', async (command, argv) => {
    const { sim, dataset } = await simulator();
    // revoke-role of Grace's only role is refused: give her a second one first.
    if (command === 'revoke-role') giveRole(dataset, TINY_ACCOUNT, GRACE, DNS_ROLE_ID);
    const args = tiny(...argv);
    const dry = await run(sim, command, args);
    expect(dry.code).toBe(0);
    const printed = printedRequest(dry.stdout);

    const applied = await run(sim, command, [...args, '--apply']);
    expect(applied.code).toBe(0);
    expect(printedRequest(applied.stdout)).toEqual(printed);
    const origin = new URL(sim.url).origin;
    expect(writeLog(dataset)).toEqual([
      {
        method: printed.method,
        path: printed.url.slice(origin.length),
        query: '',
        ...(printed.body === undefined ? {} : { body: printed.body }),
      },
    ]);
    expect(nonGetRoutes(sim)).toHaveLength(1);
    expect(applied.audit).toHaveLength(1);
    expect(applied.audit[0].result).toBe('applied');
    expect(applied.audit[0].request).toEqual({
      method: printed.method,
      path: printed.url.slice(sim.url.length),
      ...(printed.body === undefined ? {} : { body: JSON.parse(printed.body) }),
    });
  });

  it('grant-role changes only that member, keeping its other roles', async () => {
    const { sim, dataset } = await simulator();
    const result = await run(sim, 'grant-role', tiny('--member', GRACE, '--role', 'DNS', '--apply'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`applied: member ${GRACE} now holds Administrator Read Only, DNS\n`);
    const expected = tinyDataset();
    giveRole(expected, TINY_ACCOUNT, GRACE, DNS_ROLE_ID);
    expect(snapshot(dataset)).toBe(snapshot(expected));
  });

  it('revoke-sessions sends {email, devices} and the simulator records it', async () => {
    const { sim, dataset } = await simulator();
    const result = await run(sim, 'revoke-sessions', tiny('--email', 'Grace.Auditor@example.com', '--apply'));
    expect(result.code).toBe(0);
    expect(revokedSessions(dataset)).toEqual([
      { accountId: TINY_ACCOUNT, email: 'grace.auditor@example.com', devices: false, warpSessionReauth: false },
    ]);
    expect(result.stdout).toContain('applied: the Zero Trust sessions of Grace.Auditor@example.com were revoked\n');
  });
});

describe('idempotent: nothing to change means no write call', () => {
  it.each([
    [
      'grant-role of a role already held',
      'grant-role',
      ['--member', ADA, '--role', SUPER_ADMIN_ROLE_ID],
      `no change needed: ada.owner@example.com (member ${ADA}, accepted) already holds "Super Administrator - All Privileges"`,
    ],
    [
      'revoke-role of a role not held',
      'revoke-role',
      ['--member', GRACE, '--role', 'DNS'],
      `no change needed: grace.auditor@example.com (member ${GRACE}, accepted) does not hold "DNS" (roles: Administrator Read Only)`,
    ],
    [
      'invite-member of an existing member (other case)',
      'invite-member',
      ['--email', 'NEW.HIRE@example.com', '--role', 'DNS'],
      `no change needed: new.hire@example.com (member ${NEW_HIRE}, pending) is already a member with roles DNS`,
    ],
    [
      'remove-member of an absent id',
      'remove-member',
      ['--member', MISSING],
      `no change needed: member ${MISSING} is not in account ${TINY_ACCOUNT} (already absent)`,
    ],
  ])('%s', async (_what, command, argv, message) => {
    const { sim, dataset } = await simulator();
    const before = snapshot(dataset);
    const result = await run(sim, command, tiny(...argv, '--apply'));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${message}\naudit: appended to ${auditFile()}\n`);
    expect(result.stderr).toBe('');
    expect(nonGetRoutes(sim)).toEqual([]);
    expect(writeLog(dataset)).toEqual([]);
    expect(snapshot(dataset)).toBe(before);
    expect(result.audit).toEqual([expect.objectContaining({ result: 'no-change', request: null, message })]);
  });
});

describe('the last Super Administrator', () => {
  const refusal = (account: string, member: string, email: string, verb: string) =>
    `refused: ${email} (member ${member}, accepted) is the last Super Administrator of account ${account}; ` +
    `Cloudflare accounts need one. Make another member Super Administrator first, then ${verb} this one.`;

  it('is never removed or demoted, in a dry run or with --apply', async () => {
    const { sim, dataset } = await simulator();
    const before = snapshot(dataset);
    for (const [command, argv, verb] of [
      ['remove-member', ['--member', 'ada.owner@example.com'], 'remove'],
      ['revoke-role', ['--member', ADA, '--role', 'Super Administrator - All Privileges'], 'demote'],
    ] as const) {
      for (const apply of [[], ['--apply']]) {
        const result = await run(sim, command, tiny(...argv, ...apply));
        expect(result.code).toBe(1);
        expect(result.stderr).toBe(
          `graph-cloudflare ${command}: ${refusal(TINY_ACCOUNT, ADA, 'ada.owner@example.com', verb)}\n`,
        );
      }
    }
    expect(nonGetRoutes(sim)).toEqual([]);
    expect(snapshot(dataset)).toBe(before);
  });

  it('with two, one may go; then the other is refused (pending invites do not count)', async () => {
    const { sim, dataset } = await simulator(realisticDataset());
    const members = dataset.membersByAccount.get(ACME_CORP)!;
    const supers = members.filter((m) => m.roles.some((r) => r.id === SUPER_ADMIN_ROLE_ID));
    expect(supers.map((m) => m.status)).toEqual(['accepted', 'accepted']);
    // A pending Super Administrator invite is not an owner yet.
    members[10].roles = [...members[10].roles, supers[0].roles[0]];
    expect(members[10].status).toBe('pending');

    const removed = await run(sim, 'remove-member', ['--account', ACME_CORP, '--member', supers[0].id, '--apply']);
    expect(removed.code).toBe(0);
    expect(members.some((m) => m.id === supers[0].id)).toBe(false);

    const last = await run(sim, 'remove-member', ['--account', ACME_CORP, '--member', supers[1].id, '--apply']);
    expect(last.code).toBe(1);
    expect(last.stderr).toBe(
      `graph-cloudflare remove-member: ${refusal(ACME_CORP, supers[1].id, supers[1].email, 'remove')}\n`,
    );
    expect(writeLog(dataset).map((w) => w.method)).toEqual(['DELETE']);
    expect(last.audit.map((r) => r.result)).toEqual(['applied', 'refused']);
  });

  it('a Super Administrator who also holds another role may be demoted while another owner remains', async () => {
    const { sim, dataset } = await simulator(realisticDataset());
    const supers = dataset.membersByAccount
      .get(ACME_CORP)!
      .filter((m) => m.roles.some((r) => r.id === SUPER_ADMIN_ROLE_ID));
    giveRole(dataset, ACME_CORP, supers[0].id, ADMIN_ROLE_ID);
    giveRole(dataset, ACME_CORP, supers[1].id, ADMIN_ROLE_ID);
    const demote = (id: string) =>
      run(sim, 'revoke-role', ['--account', ACME_CORP, '--member', id, '--role', SUPER_ADMIN_ROLE_ID, '--apply']);
    expect((await demote(supers[0].id)).code).toBe(0);
    expect(rolesOf(dataset, supers[0].id, ACME_CORP)).toEqual([ADMIN_ROLE_ID]);
    const refused = await demote(supers[1].id);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is the last Super Administrator');
    expect(rolesOf(dataset, supers[1].id, ACME_CORP)).toEqual([SUPER_ADMIN_ROLE_ID, ADMIN_ROLE_ID]);
  });
});

describe('a member keeps at least one role', () => {
  it('revoking the only role of a member without policies is refused', async () => {
    const dataset = tinyDataset();
    delete memberById(dataset, TINY_ACCOUNT, GRACE).policies;
    const { sim } = await simulator(dataset);
    const result = await run(
      sim,
      'revoke-role',
      tiny('--member', GRACE, '--role', 'Administrator Read Only', '--apply'),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `graph-cloudflare revoke-role: refused: "Administrator Read Only" is the only role of grace.auditor@example.com (member ${GRACE}, accepted); a member needs at least one role. Grant another role first, or use remove-member to take away all access.\n`,
    );
    expect(nonGetRoutes(sim)).toEqual([]);
  });
});

describe('the audit log', () => {
  it('gets one JSON line per --apply run, with exactly these fields, and none for dry runs', async () => {
    const { sim } = await simulator();
    await run(sim, 'grant-role', tiny('--member', GRACE, '--role', 'DNS'));
    await run(sim, 'grant-role', tiny('--member', GRACE, '--role', 'DNS', '--apply'));
    await run(sim, 'grant-role', tiny('--member', GRACE, '--role', 'DNS', '--apply'));
    await run(sim, 'remove-member', tiny('--member', ADA, '--apply'));
    await run(sim, 'remove-member', tiny('--member', 'nobody@example.com', '--apply'));
    const last = await run(sim, 'grant-role', tiny('--member', 'nobody@example.com', '--role', 'DNS', '--apply'));
    const dnsRole = { id: DNS_ROLE_ID, name: 'DNS' };
    // What every line carries about the run itself.
    const context = {
      time: '2024-05-01T12:00:00.000Z',
      actor: { user: os.userInfo().username, host: os.hostname() },
      toolVersion: JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version,
      apiBaseUrl: sim.url,
      account: TINY_ACCOUNT,
    };
    const hash = expect.stringMatching(/^[0-9a-f]{64}$/);
    const graceBefore = {
      status: 'accepted',
      roles: [{ id: ADMIN_READ_ONLY_ID, name: 'Administrator Read Only' }],
      policies: [],
    };
    // Both grant-role --apply runs for Grace (the first changes, the second finds nothing to change).
    const graceGrant = {
      ...context,
      action: 'grant-role',
      target: 'grace.auditor@example.com',
      memberId: GRACE,
      roles: [dnsRole],
      policies: { before: [], after: [] },
    };
    expect(last.audit).toEqual([
      {
        ...graceGrant,
        request: {
          method: 'PUT',
          path: `/accounts/${TINY_ACCOUNT}/members/${GRACE}`,
          body: { roles: [{ id: ADMIN_READ_ONLY_ID }, { id: DNS_ROLE_ID }] },
        },
        result: 'applied',
        message: `applied: member ${GRACE} now holds Administrator Read Only, DNS`,
        before: graceBefore,
        prev: null,
      },
      {
        ...graceGrant,
        request: null,
        result: 'no-change',
        message: `no change needed: grace.auditor@example.com (member ${GRACE}, accepted) already holds "DNS"`,
        before: { ...graceBefore, roles: [...graceBefore.roles, dnsRole] },
        prev: hash,
      },
      {
        ...context,
        action: 'remove-member',
        target: 'ada.owner@example.com',
        memberId: ADA,
        request: null,
        result: 'refused',
        message: expect.stringMatching(/^refused: ada\.owner@example\.com .* is the last Super Administrator/),
        before: {
          status: 'accepted',
          roles: [{ id: SUPER_ADMIN_ROLE_ID, name: 'Super Administrator - All Privileges' }],
          policies: [],
        },
        prev: hash,
      },
      {
        ...context,
        action: 'remove-member',
        target: 'nobody@example.com',
        request: null,
        result: 'failed',
        message: expect.stringMatching(/^failed: nothing was changed: no member nobody@example.com in account/),
        error: expect.any(String),
        prev: hash,
      },
      {
        ...context,
        action: 'grant-role',
        target: 'nobody@example.com',
        request: null,
        result: 'failed',
        message: expect.stringMatching(/^failed: nothing was changed: no member nobody@example.com in account/),
        error: `no member nobody@example.com in account ${TINY_ACCOUNT} (3 members read); give a membership id (32 hexadecimal characters) or the email address of a member`,
        prev: hash,
      },
    ]);
  });

  it('goes where --audit-log says, and an unwritable log stops the run before any request', async () => {
    const { sim } = await simulator();
    const custom = path.join(dir(), 'custom.jsonl');
    const ok = await run(sim, 'remove-member', tiny('--member', NEW_HIRE, '--apply', '--audit-log', custom));
    expect(ok.code).toBe(0);
    expect(fs.readFileSync(custom, 'utf8').split('\n')).toHaveLength(2);
    sim.resetStats();
    const missingDir = path.join(dir(), 'no', 'such', 'dir', 'audit.jsonl');
    const bad = await run(sim, 'remove-member', tiny('--member', GRACE, '--apply', '--audit-log', missingDir));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^graph-cloudflare remove-member: cannot write the audit log .*no\/such\/dir\/audit\.jsonl \(ENOENT/,
    );
    expect(sim.stats.requests).toBe(0);
  });
});

describe('an answer lost after a write: read the state, never resend blindly', () => {
  it('a PUT Cloudflare carried out but answered 500: verified as applied, sent once', async () => {
    const routes = carriedOutThenAnswered('PUT', '/accounts/:id/members/:memberId', serverError);
    const { sim, dataset } = await simulator(tinyDataset(), { routes });
    const result = await run(sim, 'grant-role', tiny('--member', GRACE, '--role', 'DNS', '--apply'));
    expect(result.code).toBe(0);
    expect(sim.stats.byRoute['PUT /accounts/:id/members/:memberId']).toBe(1);
    expect(sim.stats.byRoute['GET /accounts/:id/members']).toBe(2);
    expect(result.stderr).toMatch(
      /^graph-cloudflare grant-role: the answer to PUT was lost \(PUT \/accounts\/\S+: 500 Internal Server Error \(Cloudflare error 10001 Internal server error\)\); the request was NOT sent again; reading the state to find out whether the change was made\n$/,
    );
    expect(result.stdout).toContain(
      'applied (verified by reading the state back): roles are now Administrator Read Only, DNS\n',
    );
    expect(result.audit).toEqual([
      expect.objectContaining({
        result: 'unknown-then-verified',
        verified: 'changed',
        error: expect.stringContaining('500 Internal Server Error'),
      }),
    ]);
    expect(rolesOf(dataset, GRACE)).toEqual([ADMIN_READ_ONLY_ID, DNS_ROLE_ID]);
  });

  it('a PUT that failed with 502 before Cloudflare acted: verified as not applied, exit 1, not resent', async () => {
    const { sim, dataset } = await simulator(tinyDataset(), {
      faults: { seed: 1, rate: 0, failPaths: [{ pattern: new RegExp(`/members/${GRACE}$`), status: 502 }] },
    });
    const result = await run(sim, 'grant-role', tiny('--member', GRACE, '--role', 'DNS', '--apply'));
    expect(result.code).toBe(1);
    expect(sim.stats.byRoute['PUT /accounts/:id/members/:memberId']).toBe(1);
    expect(writeLog(dataset)).toEqual([]);
    expect(result.stderr).toContain(
      'graph-cloudflare grant-role: not applied (verified by reading the state back): roles are still Administrator Read Only; run the command again to retry\n',
    );
    expect(result.audit).toEqual([expect.objectContaining({ result: 'unknown-then-verified', verified: 'unchanged' })]);
  });

  it('a PUT whose answer never arrives (timeout): verified as applied', async () => {
    const { sim, dataset } = await simulator(tinyDataset(), {
      hostile: [{ pattern: new RegExp(`/members/${GRACE}$`), behaviour: 'stall-body' }],
    });
    const timedOut = await run(sim, 'grant-role', tiny('--member', GRACE, '--role', 'DNS', '--apply'), {
      REQUEST_TIMEOUT_SECONDS: '1',
    });
    expect(timedOut.code).toBe(0);
    expect(timedOut.stderr).toContain('no complete answer within 1 s (REQUEST_TIMEOUT_SECONDS)');
    expect(sim.stats.byRoute['PUT /accounts/:id/members/:memberId']).toBe(1);
    expect(timedOut.audit).toEqual([expect.objectContaining({ result: 'unknown-then-verified', verified: 'changed' })]);
    expect(rolesOf(dataset, GRACE)).toEqual([ADMIN_READ_ONLY_ID, DNS_ROLE_ID]);
  });

  it('an invitation answered 500 is found by its email when reading back', async () => {
    const routes = carriedOutThenAnswered('POST', '/accounts/:id/members', serverError);
    const { sim } = await simulator(tinyDataset(), { routes });
    const result = await run(sim, 'invite-member', tiny('--email', 'late@example.com', '--role', 'DNS', '--apply'));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /applied \(verified by reading the state back\): late@example\.com \(member [0-9a-f]{32}, pending\) is now in the account\n/,
    );
    expect(sim.stats.byRoute['POST /accounts/:id/members']).toBe(1);
  });

  it('revoke-sessions cannot be read back: outcome unknown, exit 1, not resent', async () => {
    const { sim } = await simulator(tinyDataset(), {
      faults: { seed: 1, rate: 0, failPaths: [{ pattern: /revoke_user$/, status: 503 }] },
    });
    const result = await run(sim, 'revoke-sessions', tiny('--email', 'a@example.com', '--apply'));
    expect(result.code).toBe(1);
    expect(sim.stats.byRoute['POST /accounts/:id/access/organizations/revoke_user']).toBe(1);
    expect(result.stderr).toContain(
      'graph-cloudflare revoke-sessions: outcome unknown: nothing can show whether it happened; running the command again is safe\n',
    );
    expect(result.audit).toEqual([expect.objectContaining({ result: 'unknown' })]);
  });
});

describe('a write refused because the state is already what was asked', () => {
  it('invite answered 1008 (someone invited them meanwhile) is no change once the list shows the roles', async () => {
    // The invitation lands (as if someone else sent it), then Cloudflare answers 1008.
    const routes = carriedOutThenAnswered('POST', '/accounts/:id/members', () =>
      fail(400, [{ code: 1008, message: 'Account member already exists for email address' }]),
    );
    const { sim } = await simulator(tinyDataset(), { routes });
    const result = await run(sim, 'invite-member', tiny('--email', 'x@example.com', '--role', 'DNS', '--apply'));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /no change needed: x@example\.com \(member [0-9a-f]{32}, pending\) is already a member with roles DNS \(Cloudflare answered 1008\)\n/,
    );
    expect(result.audit).toEqual([
      expect.objectContaining({ result: 'no-change', request: expect.objectContaining({ method: 'POST' }) }),
    ]);
  });

  it('DELETE answered 404 is no change only when the member is really gone', async () => {
    const goneMeanwhile = carriedOutThenAnswered('DELETE', '/accounts/:id/members/:memberId', memberNotFound);
    const a = await simulator(tinyDataset(), { routes: goneMeanwhile });
    const gone = await run(a.sim, 'remove-member', tiny('--member', NEW_HIRE, '--apply'));
    expect(gone.code).toBe(0);
    expect(gone.stdout).toContain(`no change needed: member ${NEW_HIRE} was already gone (Cloudflare answered 404)\n`);

    const stillThere = withRoute('DELETE', '/accounts/:id/members/:memberId', () => memberNotFound);
    const b = await simulator(tinyDataset(), { routes: stillThere });
    const failed = await run(b.sim, 'remove-member', tiny('--member', NEW_HIRE, '--apply'));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(
      `graph-cloudflare remove-member: failed: nothing was changed: DELETE /accounts/${TINY_ACCOUNT}/members/${NEW_HIRE}: 404 Not Found (Cloudflare error 1003 Member not found)\n`,
    );
    expect(failed.audit.map((r) => r.result)).toEqual(['no-change', 'failed']);
  });
});

describe('clear errors', () => {
  it.each([
    [[], 'missing --account ID (the Cloudflare account id)'],
    [
      ['--account', 'ABC'],
      '--account "ABC" is not a Cloudflare account id: 32 lowercase hexadecimal characters (dashboard: Account Home > the account > Account ID)',
    ],
    [['--account', TINY_ACCOUNT, '--role', 'DNS'], 'missing --member M (a membership id or an email address)'],
    [
      ['--account', TINY_ACCOUNT, '--member', 'grace', '--role', 'DNS'],
      '--member "grace" is neither a membership id (32 lowercase hexadecimal characters) nor an email address',
    ],
    [['--account', TINY_ACCOUNT, '--member', GRACE], 'missing --role R (a role id or its exact name)'],
    [['--account', TINY_ACCOUNT, '--member', GRACE, '--role', 'DNS', '--colour'], "Unknown option '--colour'"],
  ])('grant-role %j: exit 2, %s', async (argv, message) => {
    const { sim } = await simulator();
    const result = await run(sim, 'grant-role', argv);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`graph-cloudflare grant-role: ${message}`);
    expect(result.stderr).toContain('usage: graph-cloudflare grant-role --account ID --member M --role R [--apply]');
    expect(sim.stats.requests).toBe(0);
  });

  it.each([
    [
      ['--member', MISSING, '--role', 'DNS'],
      `no member ${MISSING} in account ${TINY_ACCOUNT} (3 members read); give a membership id (32 hexadecimal characters) or the email address of a member`,
    ],
    [
      ['--member', 'b5d5d9d08aeb0c62ab458b8587561271', '--role', 'DNS'],
      `b5d5d9d08aeb0c62ab458b8587561271 is the user id of ada.owner@example.com, not a membership id; use the membership id ${ADA} or the email address`,
    ],
    [
      ['--member', GRACE, '--role', 'dns'],
      `no role named "dns" in account ${TINY_ACCOUNT} (names are exact, case included); did you mean: "DNS"`,
    ],
    [
      ['--member', GRACE, '--role', 'Billing'],
      `no role named "Billing" in account ${TINY_ACCOUNT} (names are exact, case included); roles: "Administrator", "Administrator Read Only", "DNS", "Super Administrator - All Privileges"`,
    ],
    [
      ['--member', GRACE, '--role', MISSING],
      `no role with id ${MISSING} in account ${TINY_ACCOUNT}; roles: "Administrator", "Administrator Read Only", "DNS", "Super Administrator - All Privileges"`,
    ],
  ])('grant-role %j: exit 1, nothing sent', async (argv, message) => {
    const { sim } = await simulator();
    const result = await run(sim, 'grant-role', tiny(...argv));
    expect(result).toMatchObject({ code: 1, stdout: '', stderr: `graph-cloudflare grant-role: ${message}\n` });
    expect(nonGetRoutes(sim)).toEqual([]);
  });

  it('an ambiguous role name lists the candidates with their ids', async () => {
    const dataset = tinyDataset();
    const roles = dataset.rolesByAccount.get(TINY_ACCOUNT)!;
    roles.push({ ...roles.find((r) => r.id === DNS_ROLE_ID)!, id: MISSING });
    const { sim } = await simulator(dataset);
    const result = await run(sim, 'grant-role', tiny('--member', GRACE, '--role', 'DNS'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `graph-cloudflare grant-role: role name "DNS" is ambiguous in account ${TINY_ACCOUNT}: DNS (${DNS_ROLE_ID}), DNS (${MISSING}); give the role id\n`,
    );
  });

  it('a token that may not write: 403 naming Account Settings Write, nothing changed', async () => {
    const { sim, dataset } = await simulator();
    denyWritePermission(dataset, SIM_TOKENS.user, 'account_settings_write');
    const result = await run(sim, 'remove-member', tiny('--member', NEW_HIRE, '--apply'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `graph-cloudflare remove-member: failed: nothing was changed: DELETE /accounts/${TINY_ACCOUNT}/members/${NEW_HIRE}: 403 Forbidden (Cloudflare error 10000 Authentication error): the token may not make this change; grant it the "Account Settings Write" permission for this account (Cloudflare dashboard > API Tokens > Edit)\n`,
    );
    expect(dataset.membersByAccount.get(TINY_ACCOUNT)!.map((m) => m.id)).toEqual([ADA, GRACE, NEW_HIRE]);
    expect(result.audit).toEqual([expect.objectContaining({ result: 'failed' })]);
  });

  it('revoke-sessions refused with a bare 10000: names the Access Write permission and Zero Trust being off', async () => {
    const { sim, dataset } = await simulator();
    denyWritePermission(dataset, SIM_TOKENS.user, 'access_revoke');
    const result = await run(sim, 'revoke-sessions', tiny('--email', 'a@example.com', '--apply'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `graph-cloudflare revoke-sessions: failed: nothing was changed: POST /accounts/${TINY_ACCOUNT}/access/organizations/revoke_user: 403 Forbidden (Cloudflare error 10000 Authentication error): ` +
        'either the token may not make this change (grant it the "Access: Organizations, Identity Providers, and Groups Write" permission for this account (Cloudflare dashboard > API Tokens > Edit)), ' +
        'or Zero Trust (Access) is not enabled for this account (Cloudflare gives the same answer for both; Zero Trust > Settings in the dashboard shows which)\n',
    );
  });

  it('revoke-sessions on an account without Zero Trust says so', async () => {
    const dataset = tinyDataset();
    (dataset as SimulatorDataset & { zeroTrustDisabled?: Set<string> }).zeroTrustDisabled = new Set([TINY_ACCOUNT]);
    const { sim } = await simulator(dataset);
    const result = await run(sim, 'revoke-sessions', tiny('--email', 'a@example.com', '--apply'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `graph-cloudflare revoke-sessions: failed: nothing was changed: POST /accounts/${TINY_ACCOUNT}/access/organizations/revoke_user: 403 Forbidden (Cloudflare error 10000 Authentication error; 10001 Zero Trust is not enabled for this account): Zero Trust (Access) is not enabled for this account, so it has no sessions, devices or seats to revoke; this is not a missing permission\n`,
    );
    expect(revokedSessions(dataset)).toEqual([]);
  });

  it('a token that may not read members: the read permission and the account are named', async () => {
    const { sim } = await simulator();
    const result = await run(sim, 'remove-member', tiny('--member', NEW_HIRE), {
      API_TOKEN: SIM_TOKENS.noAccountSettingsRead,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('grant the token the "Account Settings Read" permission');
    expect(result.stderr).toContain(
      `Also check that account ${TINY_ACCOUNT} exists and the token was given access to it.`,
    );
  });

  it('configuration errors name the environment variable (exit 2)', async () => {
    const { sim } = await simulator();
    const noToken = await run(sim, 'remove-member', tiny('--member', NEW_HIRE), {
      API_TOKEN: '',
    });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(
      /^graph-cloudflare remove-member: Missing required config field apiToken \(env API_TOKEN\)/,
    );
    expect(noToken.stderr).toContain(
      'For remove-member the token needs "Account Settings Read" and "Account Settings Write".\n',
    );
    const badUrl = await run(sim, 'remove-member', tiny('--member', NEW_HIRE), {
      API_BASE_URL: 'http://api.example.com/client/v4',
    });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('(env API_BASE_URL)');
    expect(sim.stats.requests).toBe(0);
  });

  it('an unknown command and --help', async () => {
    const { sim } = await simulator();
    const unknown = await run(sim, 'promote', []);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'graph-cloudflare: unknown command promote; enforcement commands: grant-role, revoke-role, invite-member, remove-member, revoke-sessions, offboard\n',
    );
    const help = await run(sim, 'invite-member', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /^usage: graph-cloudflare invite-member --account ID --email E --role R \[--role R2 \.\.\.\] \[--apply\]\n/,
    );
  });
});

describe('each enforcement command’s --help', () => {
  const HOW = ['--apply', '--audit-log', '--json', '--reason'];
  const accepted: Record<string, string[]> = {
    'grant-role': ['--account', '--member', '--role', ...HOW],
    'revoke-role': ['--account', '--member', '--role', ...HOW],
    'invite-member': ['--account', '--email', '--role', ...HOW],
    'remove-member': ['--account', '--member', ...HOW],
    'revoke-sessions': ['--account', '--devices', '--email', ...HOW],
    offboard: ['--account', '--devices', '--email', '--from-check', '--roster', '--successor', ...HOW],
  };
  const ALL = [...new Set(Object.values(accepted).flat())];

  it.each(Object.entries(accepted))(
    '%s lists exactly the options it accepts, with only their notes',
    async (command, options) => {
      const { sim } = await simulator();
      const help = await run(sim, command, ['--help']);
      expect(help.code).toBe(0);
      const described = [...help.stdout.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]).sort();
      expect(described).toEqual([...options].sort());
      // Notes about an argument appear only where the command takes it.
      expect(/membership id/.test(help.stdout)).toBe(options.includes('--member'));
      expect(/role id/.test(help.stdout)).toBe(options.includes('--role'));
      // What the help does not list, the parser refuses (before any request).
      for (const option of ALL.filter((o) => !options.includes(o))) {
        const refused = await run(sim, command, [option, 'x']);
        expect({ option, code: refused.code }).toEqual({ option, code: 2 });
        expect(refused.stderr).toContain(`Unknown option '${option}'`);
      }
      expect(sim.stats.requests).toBe(0);
    },
  );
});

describe('the token never appears in output', () => {
  it('in any output or the audit log, even when Cloudflare echoes it back', async () => {
    const token = SIM_TOKENS.user;
    // A misbehaving gateway that echoes the request's token in its error page.
    const routes = withRoute(
      'PUT',
      '/accounts/:id/members/:memberId',
      () => (ctx) => fail(400, [{ code: 1005, message: `bad request from ${ctx.req.headers.authorization}` }]),
    );
    const { sim } = await simulator(tinyDataset(), { routes });
    const outputs: string[] = [];
    for (const argv of [
      ['grant-role', '--member', GRACE, '--role', 'DNS'],
      ['grant-role', '--member', GRACE, '--role', 'DNS', '--apply', '--json'],
      ['grant-role', '--member', GRACE, '--role', 'DNS', '--apply'],
      ['revoke-sessions', '--email', 'a@example.com', '--json'],
    ]) {
      const result = await run(sim, argv[0], tiny(...argv.slice(1)));
      outputs.push(result.stdout, result.stderr);
    }
    outputs.push(fs.readFileSync(auditFile(), 'utf8'));
    const all = outputs.join('\n');
    expect(all).toContain('bad request from Bearer [REDACTED]');
    expect(all).toContain('Authorization: Bearer [REDACTED]');
    expect(all).not.toContain(token);
  });
});

describe('--json', () => {
  it('prints one JSON object with the request and the result', async () => {
    const { sim } = await simulator();
    const result = await run(sim, 'invite-member', tiny('--email', 'new@example.com', '--role', 'DNS', '--json'));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      command: 'invite-member',
      account: TINY_ACCOUNT,
      dryRun: true,
      result: 'dry-run',
      target: 'new@example.com',
      roles: [{ id: DNS_ROLE_ID, name: 'DNS' }],
      summary: `invite new@example.com to account ${TINY_ACCOUNT} with roles DNS`,
      message: 'dry run: nothing changed; add --apply to make this change',
      request: {
        method: 'POST',
        url: `${sim.url}/accounts/${TINY_ACCOUNT}/members`,
        body: { email: 'new@example.com', roles: [DNS_ROLE_ID], status: 'pending' },
      },
    });
  });
});

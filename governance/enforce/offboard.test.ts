/**
 * graph-cloudflare offboard, end to end against our simulator: the plan
 * first (dry run writes nothing), --apply makes exactly it, a second --apply
 * changes nothing, the last Super Administrator is handed over or refused,
 * and leavers come from --email, a check report or a roster.
 */
import fs from 'fs';
import path from 'path';
import { ACME_CORP, ACME_LABS, SANDBOX, TINY_ACCOUNT } from '../../test/fixtures';
import { realisticDataset, SIM_TOKENS, SimulatorDataset, SUPER_ADMIN_ROLE_ID, tinyDataset } from '../../simulator';
import { denyWritePermission, revokedSessions, writeLog } from '../../simulator/writes';
import { makeReport, renderCheckJson } from '../check/report';
import { DEFAULT_POLICY } from '../check/policy';
import {
  carriedOutThenAnswered,
  enforceHarness,
  memberNotFound,
  nonGetRoutes,
  serverError,
  snapshot,
  withRoute,
} from '../testing/enforceHarness';
import { verifyAuditLog } from './audit';
import { CollectionInfo } from '../graph/collection';

const COMPLETE: CollectionInfo = {
  completeness: 'complete',
  filesWrittenAt: null,
  newestDataAt: null,
  failedSteps: [],
  partialTypes: [],
  notCollected: [],
  time: 'unknown',
  timeLine: 'Collected: unknown',
};

const { simulator, run, auditFile, dir } = enforceHarness();

const NOAH = 'noah.okafor@acme.example';
const AVA = 'ava.okafor100@acme.example';

const memberOf = (dataset: SimulatorDataset, account: string, email: string) =>
  dataset.membersByAccount.get(account)!.find((m) => m.email.toLowerCase() === email);
const zeroTrustUser = (dataset: SimulatorDataset, account: string, email: string) =>
  dataset.accessUsersByAccount.get(account)!.find((u) => u.email.toLowerCase() === email)!;
const writes = (dataset: SimulatorDataset) =>
  writeLog(dataset).map((w) => `${w.method} ${w.path.replace('/client/v4', '')} ${w.body ?? ''}`);

describe('offboard --email', () => {
  it('a dry run prints the whole plan with each request, and reads only', async () => {
    const { sim, dataset } = await simulator(realisticDataset());
    const before = snapshot(dataset);
    const noahCorp = memberOf(dataset, ACME_CORP, NOAH)!;
    const noahLabs = memberOf(dataset, ACME_LABS, NOAH)!;
    const seatCorp = zeroTrustUser(dataset, ACME_CORP, NOAH).seat_uid;
    const seatLabs = zeroTrustUser(dataset, ACME_LABS, NOAH).seat_uid;
    const result = await run(sim, 'offboard', ['--email', 'Noah.Okafor@ACME.example']);
    const base = `${sim.url}/accounts`;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `offboard Noah.Okafor@acme.example\n` +
        `  account ${ACME_CORP} (Acme Corp):\n` +
        `    1. remove-member: remove ${NOAH} (member ${noahCorp.id}, accepted) (roles: Administrator; policies: (none)) from account ${ACME_CORP}\n` +
        `       DELETE ${base}/${ACME_CORP}/members/${noahCorp.id} {}\n` +
        `    2. revoke-sessions: revoke the Zero Trust sessions of ${NOAH}\n` +
        `       POST ${base}/${ACME_CORP}/access/organizations/revoke_user {"email":"${NOAH}","devices":false}\n` +
        `    3. free-seat: free the Zero Trust seat of ${NOAH} (${seatCorp}: Gateway)\n` +
        `       PATCH ${base}/${ACME_CORP}/access/seats [{"seat_uid":"${seatCorp}","access_seat":false,"gateway_seat":false}]\n` +
        `  account ${ACME_LABS} (Acme Labs):\n` +
        `    1. remove-member: remove ${NOAH} (member ${noahLabs.id}, accepted) (roles: DNS; policies: (none)) from account ${ACME_LABS}\n` +
        `       DELETE ${base}/${ACME_LABS}/members/${noahLabs.id} {}\n` +
        `    2. revoke-sessions: revoke the Zero Trust sessions of ${NOAH}\n` +
        `       POST ${base}/${ACME_LABS}/access/organizations/revoke_user {"email":"${NOAH}","devices":false}\n` +
        `    3. free-seat: free the Zero Trust seat of ${NOAH} (${seatLabs}: Access)\n` +
        `       PATCH ${base}/${ACME_LABS}/access/seats [{"seat_uid":"${seatLabs}","access_seat":false,"gateway_seat":false}]\n` +
        `  account ${SANDBOX} (Sandbox (personal)): nothing to do [not a member; Zero Trust is not enabled (no sessions or seat)]\n` +
        'plan: 6 changes in 2 of 3 accounts\n' +
        'dry run: nothing changed; add --apply to make these 6 changes\n',
    );
    expect(nonGetRoutes(sim)).toEqual([]);
    expect(writeLog(dataset)).toEqual([]);
    expect(snapshot(dataset)).toBe(before);
    expect(fs.existsSync(auditFile())).toBe(false);
  });

  it('--apply makes exactly the plan; a second --apply changes nothing and says so', async () => {
    const { sim, dataset } = await simulator(realisticDataset());
    const noahCorp = memberOf(dataset, ACME_CORP, NOAH)!;
    const seatCorp = zeroTrustUser(dataset, ACME_CORP, NOAH).seat_uid;
    const args = ['--email', NOAH, '--reason', 'HR-1234'];
    const dry = await run(sim, 'offboard', args);
    const applied = await run(sim, 'offboard', [...args, '--apply']);
    expect(applied.code).toBe(0);
    expect(applied.stderr).toBe('');
    // The printed plan is the dry run's, then one line per step.
    expect(applied.stdout.startsWith(dry.stdout.replace(/dry run: .*\n$/, ''))).toBe(true);
    expect(applied.stdout).toContain(`offboard ${NOAH} (reason: HR-1234)\n`);
    expect(applied.stdout).toContain(
      `${NOAH}: account ${ACME_CORP} (Acme Corp), remove-member: applied: remove ${NOAH} (member ${noahCorp.id}, accepted)`,
    );
    expect(applied.stdout).toContain('6 of 6 changes applied\n');
    expect(writes(dataset)).toEqual([
      `DELETE /accounts/${ACME_CORP}/members/${noahCorp.id} {}`,
      `POST /accounts/${ACME_CORP}/access/organizations/revoke_user {"email":"${NOAH}","devices":false}`,
      `PATCH /accounts/${ACME_CORP}/access/seats [{"seat_uid":"${seatCorp}","access_seat":false,"gateway_seat":false}]`,
      expect.stringMatching(new RegExp(`^DELETE /accounts/${ACME_LABS}/members/[0-9a-f]{32} \\{\\}$`)),
      expect.stringMatching(new RegExp(`^POST /accounts/${ACME_LABS}/access/organizations/revoke_user `)),
      expect.stringMatching(new RegExp(`^PATCH /accounts/${ACME_LABS}/access/seats `)),
    ]);
    expect(memberOf(dataset, ACME_CORP, NOAH)).toBeUndefined();
    expect(memberOf(dataset, ACME_LABS, NOAH)).toBeUndefined();
    for (const account of [ACME_CORP, ACME_LABS]) {
      const user = zeroTrustUser(dataset, account, NOAH);
      expect([user.access_seat, user.gateway_seat]).toEqual([false, false]);
    }
    expect(revokedSessions(dataset).map((r) => [r.accountId, r.email, r.devices])).toEqual([
      [ACME_CORP, NOAH, false],
      [ACME_LABS, NOAH, false],
    ]);
    expect(applied.audit.map((r) => [r.account, r.step, r.result, r.reason])).toEqual([
      [ACME_CORP, 'remove-member', 'applied', 'HR-1234'],
      [ACME_CORP, 'revoke-sessions', 'applied', 'HR-1234'],
      [ACME_CORP, 'free-seat', 'applied', 'HR-1234'],
      [ACME_LABS, 'remove-member', 'applied', 'HR-1234'],
      [ACME_LABS, 'revoke-sessions', 'applied', 'HR-1234'],
      [ACME_LABS, 'free-seat', 'applied', 'HR-1234'],
    ]);
    expect(applied.audit[0].before).toEqual({
      status: 'accepted',
      roles: [{ id: expect.any(String), name: 'Administrator' }],
      policies: [],
    });
    expect(applied.audit[2].before).toEqual([
      expect.objectContaining({ seat_uid: seatCorp, access_seat: false, gateway_seat: true }),
    ]);

    const again = await run(sim, 'offboard', [...args, '--apply']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`no change needed: nothing of ${NOAH} is left to remove in the 3 accounts read\n`);
    expect(again.stdout).toContain(
      `  account ${ACME_CORP} (Acme Corp): nothing to do [not a member; Zero Trust user holds no seat (sessions revoked and seat freed already, or never used)]\n`,
    );
    expect(writeLog(dataset)).toHaveLength(6);
    expect(again.audit.slice(6).map((r) => [r.account, r.result])).toEqual([['*', 'no-change']]);
    expect(verifyAuditLog(fs.readFileSync(auditFile(), 'utf8'))).toEqual({ ok: true, lines: 7, unchained: 0 });
  });

  it('--devices revokes devices too', async () => {
    const { sim, dataset } = await simulator(realisticDataset());
    const result = await run(sim, 'offboard', ['--email', NOAH, '--devices', '--apply']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`revoke-sessions: revoke the Zero Trust sessions and devices of ${NOAH}\n`);
    expect(revokedSessions(dataset).map((r) => r.devices)).toEqual([true, true]);
    expect(writes(dataset).filter((w) => w.startsWith('POST'))).toEqual([
      `POST /accounts/${ACME_CORP}/access/organizations/revoke_user {"email":"${NOAH}","devices":true}`,
      `POST /accounts/${ACME_LABS}/access/organizations/revoke_user {"email":"${NOAH}","devices":true}`,
    ]);
  });

  it('a step that fails stops the rest of its account, and the output says which ran and which did not', async () => {
    const { sim, dataset } = await simulator(realisticDataset());
    denyWritePermission(dataset, SIM_TOKENS.user, 'access_revoke');
    const result = await run(sim, 'offboard', ['--email', NOAH, '--apply']);
    expect(result.code).toBe(1);
    expect(writes(dataset).map((w) => w.split(' ')[0])).toEqual(['DELETE', 'POST', 'DELETE', 'POST']);
    expect(result.stderr).toContain(
      `graph-cloudflare offboard: ${NOAH}: account ${ACME_CORP} (Acme Corp), revoke-sessions: failed: POST /accounts/${ACME_CORP}/access/organizations/revoke_user: 403 Forbidden`,
    );
    expect(result.stderr).toContain(
      `graph-cloudflare offboard: 2 of 6 changes applied; not run (an earlier step of the same account failed): ` +
        `${NOAH}: account ${ACME_CORP} (Acme Corp), free-seat; ${NOAH}: account ${ACME_LABS} (Acme Labs), free-seat; ` +
        '2 failed or not known to be applied (see above)\n',
    );
    expect(result.audit.map((r) => `${r.step} ${r.result}`)).toEqual([
      'remove-member applied',
      'revoke-sessions failed',
      'free-seat not-run',
      'remove-member applied',
      'revoke-sessions failed',
      'free-seat not-run',
    ]);
    expect(zeroTrustUser(dataset, ACME_CORP, NOAH).gateway_seat).toBe(true);
  });
});

/** The routes with one write carried out but answered 500: its answer is lost after Cloudflare acted. */
const carriedOutAnswered500 = (method: string, pattern: string) => carriedOutThenAnswered(method, pattern, serverError);

/** Faults that fail a write before Cloudflare acts on it (the answer is a 502: outcome unknown to the client). */
const failedBeforeActing = (pattern: RegExp) => ({
  faults: { seed: 1, rate: 0, failPaths: [{ pattern, status: 502 }] },
});

const CORP = `account ${ACME_CORP} (Acme Corp)`;
const steps = (audit: Array<{ step?: string; result: string; verified?: string }>) =>
  audit.map((r) => [r.step, r.result, r.verified ?? '']);

describe('an answer lost during offboard: read the state back, never resend', () => {
  it('a removal Cloudflare made but whose answer was lost is verified as applied, and the account goes on', async () => {
    const dataset = realisticDataset();
    const noah = memberOf(dataset, ACME_CORP, NOAH)!;
    const { sim } = await simulator(dataset, {
      routes: carriedOutAnswered500('DELETE', '/accounts/:id/members/:memberId'),
    });
    const result = await run(sim, 'offboard', ['--email', NOAH, '--account', ACME_CORP, '--apply']);
    expect(result.code).toBe(0);
    expect(sim.stats.byRoute['DELETE /accounts/:id/members/:memberId']).toBe(1);
    expect(result.stderr).toBe(
      `graph-cloudflare offboard: ${NOAH}: ${CORP}, remove-member: the answer to DELETE was lost ` +
        `(DELETE /accounts/${ACME_CORP}/members/${noah.id}: 500 Internal Server Error (Cloudflare error 10001 Internal server error)); ` +
        'the request was NOT sent again; reading the state to find out whether the change was made\n',
    );
    expect(result.stdout).toContain(
      `${NOAH}: ${CORP}, remove-member: applied (verified by reading the state back): member ${noah.id} is no longer in the account\n`,
    );
    expect(result.stdout).toContain('3 of 3 changes applied\n');
    expect(writes(dataset).map((w) => w.split(' ')[0])).toEqual(['DELETE', 'POST', 'PATCH']);
    expect(steps(result.audit)).toEqual([
      ['remove-member', 'unknown-then-verified', 'changed'],
      ['revoke-sessions', 'applied', ''],
      ['free-seat', 'applied', ''],
    ]);
    expect(result.audit[0].error).toContain('500 Internal Server Error');
    const again = await run(sim, 'offboard', ['--email', NOAH, '--account', ACME_CORP, '--apply']);
    expect(again.stdout).toContain(`no change needed: nothing of ${NOAH} is left to remove`);
  });

  it('a removal that never reached Cloudflare is verified as not applied: exit 1, the rest of the account not run', async () => {
    const dataset = realisticDataset();
    const noah = memberOf(dataset, ACME_CORP, NOAH)!;
    const { sim } = await simulator(dataset, failedBeforeActing(new RegExp(`/members/${noah.id}$`)));
    const result = await run(sim, 'offboard', ['--email', NOAH, '--account', ACME_CORP, '--apply']);
    expect(result.code).toBe(1);
    expect(sim.stats.byRoute['DELETE /accounts/:id/members/:memberId']).toBe(1);
    expect(writeLog(dataset)).toEqual([]);
    expect(result.stderr).toContain(
      `graph-cloudflare offboard: ${NOAH}: ${CORP}, remove-member: not applied (verified by reading the state back): ` +
        `member ${noah.id} is still in the account; run offboard again to retry\n`,
    );
    expect(result.stderr).toContain(
      `graph-cloudflare offboard: 0 of 3 changes applied; not run (an earlier step of the same account failed): ` +
        `${NOAH}: ${CORP}, revoke-sessions; ${NOAH}: ${CORP}, free-seat; 1 failed or not known to be applied (see above)\n`,
    );
    expect(steps(result.audit)).toEqual([
      ['remove-member', 'unknown-then-verified', 'unchanged'],
      ['revoke-sessions', 'not-run', ''],
      ['free-seat', 'not-run', ''],
    ]);
    expect(memberOf(dataset, ACME_CORP, NOAH)).toBeDefined();
  });

  it('when the member list cannot be read back either, the outcome stays unknown and the account stops', async () => {
    let deleted = false;
    const deleteAnswered500 = carriedOutAnswered500('DELETE', '/accounts/:id/members/:memberId');
    const noticingDelete = withRoute(
      'DELETE',
      '/accounts/:id/members/:memberId',
      (original) => (ctx) => {
        deleted = true;
        return original.handle(ctx);
      },
      deleteAnswered500,
    );
    const routes = withRoute(
      'GET',
      '/accounts/:id/members',
      (original) => (ctx) => (deleted ? serverError() : original.handle(ctx)),
      noticingDelete,
    );
    const { sim, dataset } = await simulator(realisticDataset(), { routes });
    const result = await run(sim, 'offboard', ['--email', NOAH, '--account', ACME_CORP, '--apply']);
    expect(result.code).toBe(1);
    expect(sim.stats.byRoute['DELETE /accounts/:id/members/:memberId']).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `remove-member: outcome unknown: the state could not be read back either \\(.*500.*\\); check it before running offboard again\n`,
      ),
    );
    expect(steps(result.audit)).toEqual([
      ['remove-member', 'unknown', ''],
      ['revoke-sessions', 'not-run', ''],
      ['free-seat', 'not-run', ''],
    ]);
    expect(writes(dataset).map((w) => w.split(' ')[0])).toEqual(['DELETE']);
  });

  it('a revocation whose answer was lost stays unknown (nothing can show it) but the seat is still freed; exit 1', async () => {
    const { sim, dataset } = await simulator(realisticDataset(), failedBeforeActing(/revoke_user$/));
    const result = await run(sim, 'offboard', ['--email', NOAH, '--account', ACME_CORP, '--apply']);
    expect(result.code).toBe(1);
    expect(sim.stats.byRoute['POST /accounts/:id/access/organizations/revoke_user']).toBe(1);
    expect(result.stderr).toContain(
      `graph-cloudflare offboard: ${NOAH}: ${CORP}, revoke-sessions: outcome unknown: the answer was lost (`,
    );
    expect(result.stderr).toContain(
      '); the request was NOT sent again, and nothing can show whether the sessions were revoked; going on with the next step. ' +
        `Revoking again is harmless: graph-cloudflare revoke-sessions --account ${ACME_CORP} --email ${NOAH} --apply\n`,
    );
    expect(result.stderr).toContain(
      'graph-cloudflare offboard: 2 of 3 changes applied; 1 failed or not known to be applied (see above)\n',
    );
    expect(steps(result.audit)).toEqual([
      ['remove-member', 'applied', ''],
      ['revoke-sessions', 'unknown', ''],
      ['free-seat', 'applied', ''],
    ]);
    expect(writes(dataset).map((w) => w.split(' ')[0])).toEqual(['DELETE', 'PATCH']);
    const user = zeroTrustUser(dataset, ACME_CORP, NOAH);
    expect([user.access_seat, user.gateway_seat]).toEqual([false, false]);
  });

  it('a seat freed but whose answer was lost is verified by reading the seat back', async () => {
    const { sim, dataset } = await simulator(realisticDataset(), {
      routes: carriedOutAnswered500('PATCH', '/accounts/:id/access/seats'),
    });
    const seat = zeroTrustUser(dataset, ACME_CORP, NOAH).seat_uid;
    const result = await run(sim, 'offboard', ['--email', NOAH, '--account', ACME_CORP, '--apply']);
    expect(result.code).toBe(0);
    expect(sim.stats.byRoute['PATCH /accounts/:id/access/seats']).toBe(1);
    expect(result.stdout).toContain(
      `${NOAH}: ${CORP}, free-seat: applied (verified by reading the state back): seat ${seat} is now free\n`,
    );
    expect(steps(result.audit)).toEqual([
      ['remove-member', 'applied', ''],
      ['revoke-sessions', 'applied', ''],
      ['free-seat', 'unknown-then-verified', 'changed'],
    ]);
  });

  it('a seat that was not freed is verified as not applied: exit 1, the seat still held', async () => {
    const { sim, dataset } = await simulator(realisticDataset(), failedBeforeActing(/\/access\/seats$/));
    const seat = zeroTrustUser(dataset, ACME_CORP, NOAH).seat_uid;
    const result = await run(sim, 'offboard', ['--email', NOAH, '--account', ACME_CORP, '--apply', '--json']);
    expect(result.code).toBe(1);
    expect(sim.stats.byRoute['PATCH /accounts/:id/access/seats']).toBe(1);
    expect(JSON.parse(result.stdout).people[0].accounts[0].steps[2]).toEqual(
      expect.objectContaining({
        kind: 'free-seat',
        result: 'unknown-then-verified',
        verified: 'unchanged',
        message: `not applied (verified by reading the state back): seat ${seat} is still held; run offboard again to retry`,
        error: expect.stringContaining('502'),
      }),
    );
    expect(zeroTrustUser(dataset, ACME_CORP, NOAH).gateway_seat).toBe(true);
  });

  it('a hand-over whose answer was lost is verified by reading the roles back, then the person goes', async () => {
    const { sim, dataset } = await simulator(realisticDataset(), {
      routes: carriedOutAnswered500('PUT', '/accounts/:id/members/:memberId'),
    });
    const result = await run(sim, 'offboard', ['--email', AVA, '--successor', NOAH, '--account', ACME_LABS, '--apply']);
    expect(result.code).toBe(0);
    expect(sim.stats.byRoute['PUT /accounts/:id/members/:memberId']).toBe(1);
    expect(result.stdout).toContain(
      'grant-successor: applied (verified by reading the state back): roles are now DNS, Super Administrator - All Privileges\n',
    );
    expect(steps(result.audit).slice(0, 2)).toEqual([
      ['grant-successor', 'unknown-then-verified', 'changed'],
      ['remove-member', 'applied', ''],
    ]);
    expect(memberOf(dataset, ACME_LABS, AVA)).toBeUndefined();
  });
});

describe('offboard --json', () => {
  it('prints one object: the plan per person and account, each step with its request and result', async () => {
    const { sim } = await simulator(realisticDataset());
    const result = await run(sim, 'offboard', ['--email', AVA, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ command: 'offboard', dryRun: true, result: 'refused' });
    expect(report.accounts.map((a: { id: string }) => a.id)).toEqual([ACME_CORP, ACME_LABS, SANDBOX]);
    expect(report.people).toEqual([
      {
        email: AVA,
        accounts: [
          expect.objectContaining({ accountId: ACME_CORP, status: 'nothing', steps: [] }),
          expect.objectContaining({
            accountId: ACME_LABS,
            status: 'refused',
            steps: [],
            refusal: expect.stringContaining('is the last Super Administrator'),
          }),
          expect.objectContaining({ accountId: SANDBOX, status: 'nothing', steps: [] }),
        ],
      },
    ]);
    const dry = JSON.parse((await run(sim, 'offboard', ['--email', NOAH, '--json'])).stdout);
    expect(dry.people[0].accounts[0].steps[0]).toEqual({
      kind: 'remove-member',
      summary: expect.stringMatching(/^remove noah/),
      request: { method: 'DELETE', url: expect.stringContaining(`/accounts/${ACME_CORP}/members/`), body: {} },
      result: 'dry-run',
      message: 'dry run: not sent',
    });
  });
});

describe('what offboard could not read or was told to skip', () => {
  it('Zero Trust users it may not read: the membership is still planned, the account is flagged, exit 1', async () => {
    const { sim } = await simulator(realisticDataset());
    const result = await run(sim, 'offboard', ['--email', NOAH], { API_TOKEN: SIM_TOKENS.noZeroTrust });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`    1. remove-member: remove ${NOAH}`);
    expect(result.stdout).not.toContain('revoke-sessions');
    expect(result.stdout).toMatch(
      / {4}INCOMPLETE: its Zero Trust users could not be read \(.*403.*\), so sessions and seat were not checked; run offboard again once the token may read them\n/,
    );
    expect(result.stdout).toContain('plan: 2 changes in 2 of 3 accounts; 3 not fully read\n');
    expect(result.stderr).toContain(
      `graph-cloudflare offboard: not fully read: account ${ACME_CORP} (Acme Corp) for ${NOAH}`,
    );
  });

  it('--account limits it to one account; an account the token does not see is an error', async () => {
    const { sim, dataset } = await simulator(realisticDataset());
    const one = await run(sim, 'offboard', ['--email', NOAH, '--account', ACME_LABS, '--apply']);
    expect(one.code).toBe(0);
    expect(writes(dataset).every((w) => w.includes(ACME_LABS))).toBe(true);
    expect(memberOf(dataset, ACME_CORP, NOAH)).toBeDefined();
    const unknown = await run(sim, 'offboard', ['--email', NOAH, '--account', 'f'.repeat(32)]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`account ${'f'.repeat(32)} is not among the 3 accounts the token sees`);
  });

  it('a removal answered 404 because someone removed them meanwhile is no change, and the rest goes on', async () => {
    const routes = carriedOutThenAnswered('DELETE', '/accounts/:id/members/:memberId', memberNotFound);
    const { sim } = await simulator(realisticDataset(), { routes });
    const result = await run(sim, 'offboard', ['--email', NOAH, '--account', ACME_CORP, '--apply']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('remove-member: no change needed: member ');
    expect(result.stdout).toContain('2 of 3 changes applied; 1 already done meanwhile\n');
    expect(result.audit.map((r) => r.result)).toEqual(['no-change', 'applied', 'applied']);
  });
});

describe('the last Super Administrator', () => {
  it('without --successor: that account is refused (exit 1), with how to hand over; nothing is sent there', async () => {
    const { sim, dataset } = await simulator(realisticDataset());
    const before = snapshot(dataset);
    for (const apply of [[], ['--apply']]) {
      const result = await run(sim, 'offboard', ['--email', AVA, ...apply]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        `  account ${ACME_LABS} (Acme Labs): REFUSED, nothing will be done here\n` +
          `    refused: ${AVA} (member ${memberOf(dataset, ACME_LABS, AVA)!.id}, accepted) is the last Super Administrator of account ${ACME_LABS} (Acme Labs); ` +
          'nothing will be done in this account. Hand over first: run offboard again with --successor EMAIL',
      );
      expect(result.stdout).toContain(
        `grant-role --account ${ACME_LABS} --member EMAIL --role "Super Administrator - All Privileges" --apply.\n`,
      );
      expect(result.stderr).toContain(
        `graph-cloudflare offboard: refused in account ${ACME_LABS} (Acme Labs) for ${AVA}: nothing was done there`,
      );
    }
    expect(writeLog(dataset)).toEqual([]);
    expect(snapshot(dataset)).toBe(before);
  });

  it('--successor grants them Super Administrator first, then the person goes', async () => {
    const { sim, dataset } = await simulator(realisticDataset());
    const ava = memberOf(dataset, ACME_LABS, AVA)!;
    const noah = memberOf(dataset, ACME_LABS, NOAH)!;
    const dnsRole = noah.roles[0].id;
    const dry = await run(sim, 'offboard', ['--email', AVA, '--successor', NOAH]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(
      `    1. grant-successor: hand over: grant "Super Administrator - All Privileges" to ${NOAH} (member ${noah.id}, accepted): ` +
        'roles DNS -> DNS, Super Administrator - All Privileges; policies (none) -> (none)\n',
    );
    expect(dry.stdout).toContain(`    2. remove-member: remove ${AVA} (member ${ava.id}, accepted)`);
    const applied = await run(sim, 'offboard', ['--email', AVA, '--successor', NOAH, '--apply']);
    expect(applied.code).toBe(0);
    expect(writes(dataset).slice(0, 2)).toEqual([
      `PUT /accounts/${ACME_LABS}/members/${noah.id} {"roles":[{"id":"${dnsRole}"},{"id":"${SUPER_ADMIN_ROLE_ID}"}]}`,
      `DELETE /accounts/${ACME_LABS}/members/${ava.id} {}`,
    ]);
    expect(memberOf(dataset, ACME_LABS, NOAH)!.roles.map((r) => r.id)).toEqual([dnsRole, SUPER_ADMIN_ROLE_ID]);
    expect(memberOf(dataset, ACME_LABS, AVA)).toBeUndefined();
    expect(applied.audit[0]).toEqual(
      expect.objectContaining({ step: 'grant-successor', target: NOAH, memberId: noah.id, result: 'applied' }),
    );
  });

  it('a successor who is not an accepted member of that account is refused, naming what to do', async () => {
    const { sim } = await simulator(realisticDataset());
    const result = await run(sim, 'offboard', ['--email', AVA, '--successor', 'someone@acme.example']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'and the successor someone@acme.example is not a member of it (invite them first: invite-member ... --role "Super Administrator - All Privileges", and wait for them to accept)',
    );
  });
});

describe('leavers from a check report or a roster', () => {
  it('--from-check offboards the leavers of check --format json', async () => {
    const { sim, dataset } = await simulator(realisticDataset());
    const report = makeReport(
      { graph: 'graph', roster: 'roster.csv', now: 0, settings: DEFAULT_POLICY, collection: COMPLETE },
      [
        {
          id: 'leavers',
          title: 'No access for people the roster marks as terminated or does not list',
          status: 'fail',
          summary: '',
          offenders: [
            { accountId: ACME_CORP, accountName: 'Acme Corp', email: NOAH, detail: 'terminated in the roster' },
            { accountId: ACME_LABS, accountName: 'Acme Labs', email: NOAH, detail: 'terminated in the roster' },
          ],
        },
        {
          id: '2fa',
          title: '2FA',
          status: 'fail',
          summary: '',
          offenders: [{ accountId: ACME_CORP, accountName: 'Acme Corp', email: AVA, detail: '' }],
        },
      ],
    );
    const file = path.join(dir(), 'check.json');
    fs.writeFileSync(file, renderCheckJson(report));
    const result = await run(sim, 'offboard', ['--from-check', file]);
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^offboard .*$/gm)).toEqual([`offboard ${NOAH}`]);
    expect(result.stdout).toContain('plan: 6 changes in 2 of 3 accounts\n');
    expect(writeLog(dataset)).toEqual([]);
  });

  it('--from-check with a file that is not a check report is a usage error (exit 2), before any request', async () => {
    const { sim } = await simulator(realisticDataset());
    const file = path.join(dir(), 'not-a-report.json');
    fs.writeFileSync(file, '{"members": []}');
    const result = await run(sim, 'offboard', ['--from-check', file]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      `graph-cloudflare offboard: --from-check ${file}: not a check report (no "checks" list); write one with graph-cloudflare check --format json --out FILE`,
    );
    expect(sim.stats.requests).toBe(0);
  });

  it('--roster offboards those it marks terminated and members it does not list', async () => {
    const { sim } = await simulator(tinyDataset());
    const file = path.join(dir(), 'roster.csv');
    fs.writeFileSync(
      file,
      'email,status\nada.owner@example.com,active\ngrace.auditor@example.com,terminated\nleft.long.ago@example.com,terminated\n',
    );
    const result = await run(sim, 'offboard', ['--roster', file]);
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^offboard .*$/gm)).toEqual([
      'offboard grace.auditor@example.com',
      'offboard left.long.ago@example.com',
      'offboard new.hire@example.com',
    ]);
    expect(result.stdout).toContain(
      `  account ${TINY_ACCOUNT} (Tiny Example Account): nothing to do [not a member; no Zero Trust user]\n`,
    );
    expect(result.stdout).toContain('plan: 2 changes in 1 of 1 accounts\n');
  });

  it('says whom to offboard when no source is given', async () => {
    const { sim } = await simulator();
    const result = await run(sim, 'offboard', []);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      'graph-cloudflare offboard: say whom to offboard: --email E, --from-check REPORT.json or --roster FILE.csv',
    );
  });
});

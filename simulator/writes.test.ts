import fetch from 'node-fetch';
import { ADA, GRACE, NEW_HIRE, TINY_ACCOUNT, ACME_CORP, DNS_ROLE_ID, ADMIN_READ_ONLY_ID } from '../test/fixtures';
import {
  ADMIN_ROLE_ID,
  handleRequest,
  realisticDataset,
  SIM_TOKENS,
  startSimulator,
  SUPER_ADMIN_ROLE_ID,
  tinyDataset,
} from '.';
import type { SimulatorDataset } from '.';
import type { SimRequest } from './router';
import {
  denyWritePermission,
  INVALID_BODY_CODE,
  MALFORMED_JSON_CODE,
  MEMBER_EXISTS_CODE,
  MEMBER_NOT_FOUND_CODE,
  revokedSessions,
  writeLog,
} from './writes';

const MISSING = '0123456789abcdef0123456789abcdef';

function request(method: string, path: string, body?: unknown, token = SIM_TOKENS.user, query = ''): SimRequest {
  return {
    method,
    path: `/client/v4${path}`,
    query: new URLSearchParams(query),
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  };
}

function send(dataset: SimulatorDataset, method: string, path: string, body?: unknown, token?: string, query?: string) {
  const response = handleRequest(request(method, path, body, token, query), dataset);
  return { status: response.status, body: response.body as any };
}

const membersOf = (dataset: SimulatorDataset, account = TINY_ACCOUNT) => dataset.membersByAccount.get(account)!;
const roleIds = (dataset: SimulatorDataset, memberId: string, account = TINY_ACCOUNT) =>
  membersOf(dataset, account)
    .filter((m) => m.id === memberId)
    .map((m) => m.roles.map((r) => r.id));
const failure = (status: number, code: number, message: string) => ({
  status,
  body: { success: false, errors: [{ code, message }], messages: [], result: null },
});

describe('POST /accounts/:id/members (invite)', () => {
  it('adds a pending member with the roles named by id, and answers the member', () => {
    const dataset = tinyDataset();
    const answer = send(dataset, 'POST', `/accounts/${TINY_ACCOUNT}/members`, {
      email: 'New.Person@example.com',
      roles: [DNS_ROLE_ID, ADMIN_READ_ONLY_ID],
    });
    expect(answer.status).toBe(200);
    const member = answer.body.result;
    expect(member).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      email: 'New.Person@example.com',
      status: 'pending',
      user: {
        id: null,
        email: 'New.Person@example.com',
        first_name: null,
        last_name: null,
        two_factor_authentication_enabled: false,
      },
      roles: [
        expect.objectContaining({ id: DNS_ROLE_ID, name: 'DNS' }),
        expect.objectContaining({ id: ADMIN_READ_ONLY_ID }),
      ],
    });
    expect(membersOf(dataset).map((m) => m.id)).toEqual([ADA, GRACE, NEW_HIRE, member.id]);
    expect(writeLog(dataset)).toEqual([
      {
        method: 'POST',
        path: `/client/v4/accounts/${TINY_ACCOUNT}/members`,
        query: '',
        body: JSON.stringify({ email: 'New.Person@example.com', roles: [DNS_ROLE_ID, ADMIN_READ_ONLY_ID] }),
      },
    ]);
  });

  it('takes status accepted, and a Super Administrator role held by a member though /roles does not list it', () => {
    const dataset = tinyDataset();
    const answer = send(dataset, 'POST', `/accounts/${TINY_ACCOUNT}/members`, {
      email: 'owner2@example.com',
      roles: [SUPER_ADMIN_ROLE_ID],
      status: 'accepted',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.result.status).toBe('accepted');
    expect(answer.body.result.roles.map((r: { id: string }) => r.id)).toEqual([SUPER_ADMIN_ROLE_ID]);
  });

  it('answers 1008 for an email that is already a member, whatever its case', () => {
    const dataset = tinyDataset();
    const answer = send(dataset, 'POST', `/accounts/${TINY_ACCOUNT}/members`, {
      email: 'GRACE.Auditor@example.com',
      roles: [DNS_ROLE_ID],
    });
    expect(answer).toEqual(failure(400, MEMBER_EXISTS_CODE, 'Account member already exists for email address'));
    expect(membersOf(dataset)).toHaveLength(3);
  });

  it.each([
    [
      'role objects (the PUT shape)',
      { email: 'x@example.com', roles: [{ id: DNS_ROLE_ID }] },
      'roles must be an array of role id strings (POST takes ids, PUT takes {id} objects)',
    ],
    ['no roles', { email: 'x@example.com', roles: [] }, 'roles must list at least one role'],
    ['an unknown role', { email: 'x@example.com', roles: [MISSING] }, `Unknown role id(s): ${MISSING}`],
    ['a bad email', { email: 'not-an-email', roles: [DNS_ROLE_ID] }, 'email must be an email address'],
    [
      'a bad status',
      { email: 'x@example.com', roles: [DNS_ROLE_ID], status: 'active' },
      'status must be pending or accepted',
    ],
    ['a JSON array', [], 'Request body must be a JSON object'],
    ['no body', undefined, 'Request body is required'],
  ])('answers 400 for %s and changes nothing', (_what, body, message) => {
    const dataset = tinyDataset();
    expect(send(dataset, 'POST', `/accounts/${TINY_ACCOUNT}/members`, body)).toEqual(
      failure(400, INVALID_BODY_CODE, message),
    );
    expect(membersOf(dataset)).toHaveLength(3);
  });

  it('answers 400 6007 for malformed JSON', () => {
    expect(send(tinyDataset(), 'POST', `/accounts/${TINY_ACCOUNT}/members`, '{"email": ')).toEqual(
      failure(400, MALFORMED_JSON_CODE, 'Malformed JSON in request body'),
    );
  });
});

describe('PUT /accounts/:id/members/:memberId (roles)', () => {
  it('replaces the whole role set with the {id} objects sent', () => {
    const dataset = tinyDataset();
    const answer = send(dataset, 'PUT', `/accounts/${TINY_ACCOUNT}/members/${GRACE}`, {
      roles: [{ id: DNS_ROLE_ID }, { id: ADMIN_ROLE_ID }],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.result.id).toBe(GRACE);
    expect(roleIds(dataset, GRACE)).toEqual([[DNS_ROLE_ID, ADMIN_ROLE_ID]]);
    expect(roleIds(dataset, ADA)).toEqual([[SUPER_ADMIN_ROLE_ID]]);
  });

  it('changes every copy of a member the realistic dataset lists twice', () => {
    const dataset = realisticDataset();
    const members = membersOf(dataset, ACME_CORP);
    const duplicate = members[49].id;
    expect(members.filter((m) => m.id === duplicate)).toHaveLength(2);
    send(dataset, 'PUT', `/accounts/${ACME_CORP}/members/${duplicate}`, { roles: [{ id: DNS_ROLE_ID }] });
    expect(roleIds(dataset, duplicate, ACME_CORP)).toEqual([[DNS_ROLE_ID], [DNS_ROLE_ID]]);
  });

  it('answers 400 for role id strings (the POST shape) and 404 for an unknown member', () => {
    const dataset = tinyDataset();
    expect(send(dataset, 'PUT', `/accounts/${TINY_ACCOUNT}/members/${GRACE}`, { roles: [DNS_ROLE_ID] })).toEqual(
      failure(
        400,
        INVALID_BODY_CODE,
        'roles must be an array of {"id": "<role id>"} objects (PUT takes objects, POST takes ids)',
      ),
    );
    expect(
      send(dataset, 'PUT', `/accounts/${TINY_ACCOUNT}/members/${MISSING}`, { roles: [{ id: DNS_ROLE_ID }] }),
    ).toEqual(failure(404, MEMBER_NOT_FOUND_CODE, 'Member not found'));
    expect(roleIds(dataset, GRACE)).toEqual([[ADMIN_READ_ONLY_ID]]);
  });
});

describe('DELETE /accounts/:id/members/:memberId', () => {
  it('removes the member (every copy) and answers {id}; a second DELETE is 404', () => {
    const dataset = realisticDataset();
    const members = membersOf(dataset, ACME_CORP);
    const duplicate = members[49].id;
    const before = members.length;
    const answer = send(dataset, 'DELETE', `/accounts/${ACME_CORP}/members/${duplicate}`);
    expect(answer).toEqual({
      status: 200,
      body: { success: true, errors: [], messages: [], result: { id: duplicate } },
    });
    expect(members).toHaveLength(before - 2);
    expect(members.some((m) => m.id === duplicate)).toBe(false);
    expect(send(dataset, 'DELETE', `/accounts/${ACME_CORP}/members/${duplicate}`)).toEqual(
      failure(404, MEMBER_NOT_FOUND_CODE, 'Member not found'),
    );
  });
});

describe('permissions of the write endpoints', () => {
  it('answers 403 10000 to a token without Account Settings, or whose write permission was taken away', () => {
    const dataset = tinyDataset();
    const body = { roles: [{ id: DNS_ROLE_ID }] };
    const denied = failure(403, 10000, 'Authentication error');
    expect(
      send(dataset, 'PUT', `/accounts/${TINY_ACCOUNT}/members/${GRACE}`, body, SIM_TOKENS.noAccountSettingsRead),
    ).toEqual(denied);
    denyWritePermission(dataset, SIM_TOKENS.user, 'account_settings_write');
    expect(send(dataset, 'PUT', `/accounts/${TINY_ACCOUNT}/members/${GRACE}`, body)).toEqual(denied);
    expect(send(dataset, 'DELETE', `/accounts/${TINY_ACCOUNT}/members/${GRACE}`)).toEqual(denied);
    // Revoking sessions is another permission, still held.
    expect(
      send(dataset, 'POST', `/accounts/${TINY_ACCOUNT}/access/organizations/revoke_user`, { email: 'a@example.com' })
        .status,
    ).toBe(200);
    expect(roleIds(dataset, GRACE)).toEqual([[ADMIN_READ_ONLY_ID]]);
  });

  it('answers 403 9109 for an account outside the token, and logs every attempt', () => {
    const dataset = realisticDataset();
    const [, acmeLabs] = dataset.accounts;
    const answer = send(
      dataset,
      'DELETE',
      `/accounts/${acmeLabs.id}/members/${membersOf(dataset, acmeLabs.id)[0].id}`,
      undefined,
      SIM_TOKENS.accountOwned,
    );
    expect(answer).toEqual(failure(403, 9109, 'Unauthorized to access requested resource'));
    expect(writeLog(dataset)).toHaveLength(1);
  });
});

describe('POST /accounts/:id/access/organizations/revoke_user', () => {
  it('records the revocation and answers {result: true, success: true} only', () => {
    const dataset = tinyDataset();
    const path = `/accounts/${TINY_ACCOUNT}/access/organizations/revoke_user`;
    expect(send(dataset, 'POST', path, { email: 'Grace.Auditor@example.com', devices: true })).toEqual({
      status: 200,
      body: { result: true, success: true },
    });
    send(dataset, 'POST', path, { email: 'ada.owner@example.com' }, SIM_TOKENS.user, 'devices=true');
    send(dataset, 'POST', path, { email: 'new.hire@example.com', warp_session_reauth: true, user_uid: 'u-1' });
    expect(revokedSessions(dataset)).toEqual([
      { accountId: TINY_ACCOUNT, email: 'grace.auditor@example.com', devices: true, warpSessionReauth: false },
      { accountId: TINY_ACCOUNT, email: 'ada.owner@example.com', devices: true, warpSessionReauth: false },
      {
        accountId: TINY_ACCOUNT,
        email: 'new.hire@example.com',
        devices: false,
        warpSessionReauth: true,
        userUid: 'u-1',
      },
    ]);
  });

  it('answers 400 for a bad body, 403 when its permission is taken away or Zero Trust is off', () => {
    const dataset = tinyDataset();
    const path = `/accounts/${TINY_ACCOUNT}/access/organizations/revoke_user`;
    expect(send(dataset, 'POST', path, { email: 'a@example.com', devices: 'yes' })).toEqual(
      failure(400, INVALID_BODY_CODE, 'devices must be true or false'),
    );
    expect(send(dataset, 'POST', path, { devices: true })).toEqual(
      failure(400, INVALID_BODY_CODE, 'email must be an email address'),
    );
    (dataset as SimulatorDataset & { zeroTrustDisabled?: Set<string> }).zeroTrustDisabled = new Set([TINY_ACCOUNT]);
    expect(send(dataset, 'POST', path, { email: 'a@example.com' })).toEqual({
      status: 403,
      body: {
        success: false,
        errors: [
          { code: 10000, message: 'Authentication error' },
          { code: 10001, message: 'Zero Trust is not enabled for this account' },
        ],
        messages: [],
        result: null,
      },
    });
    denyWritePermission(dataset, SIM_TOKENS.user, 'access_revoke');
    expect(send(dataset, 'POST', path, { email: 'a@example.com' })).toEqual(
      failure(403, 10000, 'Authentication error'),
    );
    expect(revokedSessions(dataset)).toEqual([]);
  });
});

describe('PATCH /accounts/:id/access/seats', () => {
  const path = `/accounts/${ACME_CORP}/access/seats`;
  const liam = (dataset: SimulatorDataset) =>
    dataset.accessUsersByAccount.get(ACME_CORP)!.find((u) => u.email === 'liam.garcia@acme.example')!;

  it('both false frees the seat and answers the seats as a single array', () => {
    const dataset = realisticDataset();
    const user = liam(dataset);
    expect([user.access_seat, user.gateway_seat]).toEqual([true, true]);
    const answer = send(dataset, 'PATCH', path, [{ seat_uid: user.seat_uid, access_seat: false, gateway_seat: false }]);
    expect(answer.status).toBe(200);
    expect(answer.body.result).toEqual([
      {
        seat_uid: user.seat_uid,
        access_seat: false,
        gateway_seat: false,
        created_at: user.created_at,
        updated_at: user.updated_at,
      },
    ]);
    expect([user.access_seat, user.gateway_seat]).toEqual([false, false]);
  });

  it.each([
    [{ seat_uid: 'x' }, 'Request body must be a non-empty array of {seat_uid, access_seat, gateway_seat}'],
    [[], 'Request body must be a non-empty array of {seat_uid, access_seat, gateway_seat}'],
    [[{ access_seat: false, gateway_seat: false }], 'body[0].seat_uid must be a string'],
    [[{ seat_uid: 'x', access_seat: false }], 'body[0]: access_seat and gateway_seat are required booleans'],
    [[{ seat_uid: 'no-such-seat', access_seat: false, gateway_seat: false }], 'Unknown seat_uid: no-such-seat'],
  ])('refuses %j without changing anything', (body, message) => {
    const dataset = realisticDataset();
    expect(send(dataset, 'PATCH', path, body)).toEqual(failure(400, INVALID_BODY_CODE, message));
    expect(liam(dataset).access_seat).toBe(true);
  });

  it('needs the seats permission, and an account with Zero Trust on', () => {
    const dataset = realisticDataset();
    const seat = [{ seat_uid: liam(dataset).seat_uid, access_seat: false, gateway_seat: false }];
    const sandbox = [...dataset.zeroTrustDisabled][0];
    expect(send(dataset, 'PATCH', `/accounts/${sandbox}/access/seats`, seat).body.errors).toEqual([
      { code: 10000, message: 'Authentication error' },
      { code: 10001, message: 'Zero Trust is not enabled for this account' },
    ]);
    denyWritePermission(dataset, SIM_TOKENS.user, 'zero_trust_seats_write');
    expect(send(dataset, 'PATCH', path, seat)).toEqual(failure(403, 10000, 'Authentication error'));
    expect(liam(dataset).access_seat).toBe(true);
  });
});

describe('write bodies over HTTP', () => {
  it('reaches the handler through the server, and reads keep working on the same connection', async () => {
    const dataset = tinyDataset();
    const sim = await startSimulator({ dataset });
    try {
      const headers = { authorization: `Bearer ${SIM_TOKENS.user}`, 'content-type': 'application/json' };
      const put = await fetch(`${sim.url}/accounts/${TINY_ACCOUNT}/members/${GRACE}`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ roles: [{ id: DNS_ROLE_ID }] }),
      });
      expect(put.status).toBe(200);
      const list = await fetch(`${sim.url}/accounts/${TINY_ACCOUNT}/members`, { headers });
      const members = ((await list.json()) as any).result as Array<{ id: string; roles: Array<{ id: string }> }>;
      expect(members.find((m) => m.id === GRACE)!.roles.map((r) => r.id)).toEqual([DNS_ROLE_ID]);
      expect(sim.stats.byRoute).toEqual({
        'PUT /accounts/:id/members/:memberId': 1,
        'GET /accounts/:id/members': 1,
      });
    } finally {
      await sim.close();
    }
  });
});

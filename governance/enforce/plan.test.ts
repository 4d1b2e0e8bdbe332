import {
  AccountState,
  findMember,
  Member,
  planGrant,
  planInvite,
  planRemove,
  planRevoke,
  Role,
  superAdminsAfter,
  TargetError,
} from './plan';

const ACCOUNT = 'a'.repeat(32);
const SUPER: Role = { id: '33666b9c79b9a5273fc7344ff42f953d', name: 'Super Administrator - All Privileges' };
const ADMIN: Role = { id: '05784afa30c1afe1440e79d9351c7430', name: 'Administrator' };
const DNS: Role = { id: 'c'.repeat(32), name: 'DNS' };
const superPolicy = {
  access: 'allow',
  permission_groups: [{ id: 'p1', name: 'Super Administrator - All Privileges' }],
};

const member = (n: number, roles: Role[], extra: Partial<Member> = {}): Member => ({
  id: String(n).repeat(32).slice(0, 32),
  email: `m${n}@example.com`,
  status: 'accepted',
  user: { id: `${n}`.padStart(32, 'f'), email: `m${n}@example.com` },
  roles,
  ...extra,
});

const state = (members: Member[]): AccountState => ({ accountId: ACCOUNT, members, roles: [SUPER, ADMIN, DNS] });

describe('who counts as a Super Administrator', () => {
  it('accepted members by role; pending and rejected ones do not count', () => {
    const s = state([
      member(1, [SUPER]),
      member(2, [SUPER], { status: 'pending' }),
      member(3, [SUPER], { status: 'rejected' }),
      member(4, [ADMIN]),
    ]);
    expect(superAdminsAfter(s).map((m) => m.id)).toEqual([member(1, []).id]);
    expect(planRemove(s, member(1, []).id).kind).toBe('refused');
    expect(planRemove(s, member(2, []).id).kind).toBe('write');
  });

  it('a member with policies only counts by its policies', () => {
    const policyOnly = member(2, [], { policies: [superPolicy] });
    const s = state([member(1, [SUPER]), policyOnly]);
    expect(superAdminsAfter(s)).toHaveLength(2);
    expect(planRemove(s, member(1, []).id).kind).toBe('write');
    expect(planRemove(state([member(1, [ADMIN]), policyOnly]), policyOnly.id).kind).toBe('refused');
  });

  it('a member with roles counts by its roles, whatever its (mirroring, maybe stale) policies say', () => {
    const stale = member(2, [ADMIN], { policies: [superPolicy] });
    const s = state([member(1, [SUPER]), stale]);
    expect(superAdminsAfter(s).map((m) => m.id)).toEqual([member(1, []).id]);
    expect(planRemove(s, member(1, []).id).kind).toBe('refused');
  });

  it('revoking the Super Administrator role takes its mirroring policy with it', () => {
    const both = member(1, [SUPER, ADMIN], { policies: [superPolicy] });
    const plan = planRevoke(state([both, member(2, [DNS])]), both, SUPER);
    expect(plan.kind).toBe('refused');
    expect(plan.summary).toMatch(/is the last Super Administrator/);
  });

  it('a deny policy does not make a Super Administrator', () => {
    const denied = member(2, [], { policies: [{ ...superPolicy, access: 'deny' }] });
    expect(superAdminsAfter(state([denied]))).toEqual([]);
  });
});

describe('plans', () => {
  it('grant keeps the other roles, in order, and sends {id} objects', () => {
    const m = member(1, [DNS]);
    expect(planGrant(state([m]), m, ADMIN)).toEqual({
      kind: 'write',
      after: [DNS, ADMIN],
      request: {
        method: 'PUT',
        path: `/accounts/${ACCOUNT}/members/${m.id}`,
        body: { roles: [{ id: DNS.id }, { id: ADMIN.id }] },
      },
      policies: { before: [], after: [] },
      summary: `grant "Administrator" to m1@example.com (member ${m.id}, accepted): roles DNS -> DNS, Administrator; policies (none) -> (none)`,
    });
  });

  it('revoking the only role is refused, policies or not: roles: [] is never sent', () => {
    const mirror = {
      access: 'allow',
      permission_groups: [{ id: 'x', name: 'DNS' }],
      resource_groups: [{ id: 'r', scope: { key: `com.cloudflare.api.account.${ACCOUNT}`, objects: [{ key: '*' }] } }],
    };
    for (const policies of [undefined, [], [mirror]]) {
      const m = member(1, [DNS], policies === undefined ? {} : { policies });
      const plan = planRevoke(state([member(2, [SUPER]), m]), m, DNS);
      expect(plan.kind).toBe('refused');
      expect(plan.summary).toMatch(/^refused: "DNS" is the only role of m1@example\.com/);
    }
  });

  it('invite sends role ids once each and the address as given (already normalised); an existing email is no change', () => {
    const s = state([member(1, [SUPER])]);
    const plan = planInvite(s, 'New.Person@example.com', [DNS, ADMIN, DNS]);
    expect(plan.kind === 'write' && plan.request).toEqual({
      method: 'POST',
      path: `/accounts/${ACCOUNT}/members`,
      body: { email: 'New.Person@example.com', roles: [DNS.id, ADMIN.id], status: 'pending' },
    });
    expect(planInvite(s, 'M1@example.com', [SUPER]).kind).toBe('no-change');
  });
});

describe('findMember', () => {
  it('refuses an email that two memberships share', () => {
    const s = state([member(1, [DNS]), member(2, [DNS], { email: 'm1@example.com' })]);
    expect(() => findMember(s, 'M1@example.com')).toThrow(TargetError);
    expect(() => findMember(s, 'M1@example.com')).toThrow(
      `M1@example.com matches 2 memberships of account ${ACCOUNT} (${member(1, []).id}, ${member(2, []).id}); name one by its membership id`,
    );
  });

  it('finds a pending invite known only by its top-level email, and by user email otherwise', () => {
    const invite = member(1, [DNS], { status: 'pending', user: { id: null, email: null } });
    const byUser = member(2, [DNS], { email: null });
    const s = state([invite, byUser]);
    expect(findMember(s, 'm1@example.com')).toBe(invite);
    expect(findMember(s, 'M2@EXAMPLE.COM')).toBe(byUser);
  });
});

/**
 * Write endpoints the governance CLI's enforcement commands call: invite,
 * change roles, remove a member (by membership id, not user id), revoke a
 * user's Zero Trust sessions and free their Zero Trust seat. They act on the
 * dataset in memory, and every write that reaches a handler is logged
 * (writeLog) so tests can compare what a client printed with what arrived.
 *
 * Codes Cloudflare is documented to use are used as is (1008 for an existing
 * member, 10000 for a missing permission). For a malformed body or an unknown
 * member the real codes are unconfirmed: MALFORMED_JSON_CODE, INVALID_BODY_CODE
 * and MEMBER_NOT_FOUND_CODE are our choice, kept apart from 7000 ("no route").
 */
import { requireActiveToken, requireVisibleAccount } from './auth';
import { hexId } from './data/random';
import type { SimToken, SimulatorDataset } from './dataset';
import { fail, ok, Reject, SimResponse } from './envelope';
import type { Route, RouteContext } from './router';
import type { SimAccessUser, SimMember, SimRole } from './types';

export const MEMBER_EXISTS_CODE = 1008;
export const MALFORMED_JSON_CODE = 6007;
export const INVALID_BODY_CODE = 1005;
export const MEMBER_NOT_FOUND_CODE = 1003;

/** Permissions the write endpoints need; the read-only SimPermission set has no write flags. */
export type SimWritePermission = 'account_settings_write' | 'access_revoke' | 'zero_trust_seats_write';

/** One write request as it reached a handler (before any check). */
export interface ReceivedWrite {
  method: string;
  /** As received, with /client/v4 and without the query. */
  path: string;
  query: string;
  /** The raw body text; undefined when none was sent. */
  body?: string;
}

export interface RevokedSession {
  accountId: string;
  email: string;
  devices: boolean;
  warpSessionReauth: boolean;
  userUid?: string;
}

interface WriteState {
  received: ReceivedWrite[];
  revokedSessions: RevokedSession[];
  /** Token value → write permissions taken away from it. */
  denied: Map<string, Set<SimWritePermission>>;
}

// A dataset is owned by helper code that knows nothing of writes: the
// simulator's write state hangs off it without changing its type.
const STATE = new WeakMap<SimulatorDataset, WriteState>();

function stateOf(dataset: SimulatorDataset): WriteState {
  let state = STATE.get(dataset);
  if (!state) {
    state = { received: [], revokedSessions: [], denied: new Map() };
    STATE.set(dataset, state);
  }
  return state;
}

/** Every write request that reached a write handler, oldest first. */
export function writeLog(dataset: SimulatorDataset): readonly ReceivedWrite[] {
  return stateOf(dataset).received;
}

/** Every accepted revoke_user call, oldest first. */
export function revokedSessions(dataset: SimulatorDataset): readonly RevokedSession[] {
  return stateOf(dataset).revokedSessions;
}

/**
 * Takes write permissions away from a token that keeps its read permissions
 * (e.g. an "Account Settings Read" token that may not write).
 */
export function denyWritePermission(
  dataset: SimulatorDataset,
  tokenValue: string,
  ...permissions: SimWritePermission[]
): void {
  const denied = stateOf(dataset).denied;
  const set = denied.get(tokenValue) ?? new Set<SimWritePermission>();
  for (const permission of permissions) set.add(permission);
  denied.set(tokenValue, set);
}

/**
 * A token may write when it may read account settings (every dataset token
 * that has it is an all-permissions token) and the permission was not taken
 * away with denyWritePermission.
 */
function requireWritePermission(dataset: SimulatorDataset, token: SimToken, permission: SimWritePermission): void {
  const denied = stateOf(dataset).denied.get(token.value)?.has(permission) ?? false;
  if (denied || !token.permissions.includes('account_settings_read')) {
    throw new Reject(fail(403, [{ code: 10000, message: 'Authentication error' }]));
  }
}

function invalid(message: string): Reject {
  return new Reject(fail(400, [{ code: INVALID_BODY_CODE, message }]));
}

function parsedBody(ctx: RouteContext): unknown {
  const text = ctx.req.body ?? '';
  if (text.trim() === '') throw invalid('Request body is required');
  try {
    return JSON.parse(text);
  } catch {
    throw new Reject(fail(400, [{ code: MALFORMED_JSON_CODE, message: 'Malformed JSON in request body' }]));
  }
}

function jsonBody(ctx: RouteContext): Record<string, unknown> {
  const parsed = parsedBody(ctx);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw invalid('Request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** Logs the request, then checks the token, the account and the permission. */
function authorise(ctx: RouteContext, permission: SimWritePermission): SimToken {
  const { req, dataset, params } = ctx;
  stateOf(dataset).received.push({
    method: req.method,
    path: req.path,
    query: req.query.toString(),
    ...(req.body === undefined ? {} : { body: req.body }),
  });
  const token = requireActiveToken(req, dataset);
  requireVisibleAccount(token, dataset, params.id);
  requireWritePermission(dataset, token, permission);
  return token;
}

function membersOf(dataset: SimulatorDataset, accountId: string): SimMember[] {
  let members = dataset.membersByAccount.get(accountId);
  if (!members) {
    members = [];
    dataset.membersByAccount.set(accountId, members);
  }
  return members;
}

/** Roles an account can assign: what /roles lists plus roles held by its members (Super Administrator). */
function assignableRoles(dataset: SimulatorDataset, accountId: string): Map<string, SimRole> {
  const roles = new Map<string, SimRole>();
  for (const role of dataset.rolesByAccount.get(accountId) ?? []) roles.set(role.id, role);
  for (const member of dataset.membersByAccount.get(accountId) ?? []) {
    for (const role of member.roles) if (!roles.has(role.id)) roles.set(role.id, role);
  }
  return roles;
}

function resolveRoles(dataset: SimulatorDataset, accountId: string, ids: string[]): SimRole[] {
  if (ids.length === 0) throw invalid('roles must list at least one role');
  const catalogue = assignableRoles(dataset, accountId);
  const unique = [...new Set(ids)];
  const unknown = unique.filter((id) => !catalogue.has(id));
  if (unknown.length > 0) throw invalid(`Unknown role id(s): ${unknown.join(', ')}`);
  return unique.map((id) => catalogue.get(id)!);
}

function memberNotFound(): Reject {
  return new Reject(fail(404, [{ code: MEMBER_NOT_FOUND_CODE, message: 'Member not found' }]));
}

function findMember(dataset: SimulatorDataset, accountId: string, memberId: string): SimMember {
  const member = membersOf(dataset, accountId).find((m) => m.id === memberId);
  if (!member) throw memberNotFound();
  return member;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** POST /accounts/:id/members — body {email, roles: ["<id>"], status?}. */
function inviteMember(ctx: RouteContext): SimResponse {
  authorise(ctx, 'account_settings_write');
  const { dataset, params } = ctx;
  const body = jsonBody(ctx);
  const { email, roles, status } = body;
  if (typeof email !== 'string' || !EMAIL.test(email)) throw invalid('email must be an email address');
  if (email.length > 90) throw invalid('email must be at most 90 characters');
  if ('policies' in body) throw invalid('The simulator models role-based invitations only (roles), not policies');
  if (!Array.isArray(roles) || roles.some((r) => typeof r !== 'string')) {
    throw invalid('roles must be an array of role id strings (POST takes ids, PUT takes {id} objects)');
  }
  if (status !== undefined && status !== 'pending' && status !== 'accepted') {
    throw invalid('status must be pending or accepted');
  }
  const members = membersOf(dataset, params.id);
  const lower = email.toLowerCase();
  if (members.some((m) => m.email.toLowerCase() === lower || m.user.email?.toLowerCase() === lower)) {
    throw new Reject(
      fail(400, [{ code: MEMBER_EXISTS_CODE, message: 'Account member already exists for email address' }]),
    );
  }
  const member: SimMember = {
    id: hexId('invite', params.id, lower),
    email,
    status: status === 'accepted' ? 'accepted' : 'pending',
    user: { id: null, email, first_name: null, last_name: null, two_factor_authentication_enabled: false },
    roles: resolveRoles(dataset, params.id, roles as string[]),
  };
  members.push(member);
  return ok(member);
}

/** PUT /accounts/:id/members/:memberId — body {roles: [{id}]}; replaces the whole role set. */
function updateMember(ctx: RouteContext): SimResponse {
  authorise(ctx, 'account_settings_write');
  const { dataset, params } = ctx;
  const member = findMember(dataset, params.id, params.memberId);
  const body = jsonBody(ctx);
  if ('policies' in body) throw invalid('The simulator models role changes only (roles), not policies');
  const { roles } = body;
  const objects =
    Array.isArray(roles) &&
    roles.every((r) => r !== null && typeof r === 'object' && typeof (r as { id?: unknown }).id === 'string');
  if (!objects)
    throw invalid('roles must be an array of {"id": "<role id>"} objects (PUT takes objects, POST takes ids)');
  // In place: the realistic dataset lists one member object twice (a page-boundary duplicate).
  member.roles = resolveRoles(
    dataset,
    params.id,
    (roles as Array<{ id: string }>).map((r) => r.id),
  );
  return ok(member);
}

/** DELETE /accounts/:id/members/:memberId — answers {id}; 404 when already gone. */
function removeMember(ctx: RouteContext): SimResponse {
  authorise(ctx, 'account_settings_write');
  const { dataset, params } = ctx;
  findMember(dataset, params.id, params.memberId);
  const members = membersOf(dataset, params.id);
  // Every copy (the realistic dataset repeats one member across a page boundary).
  for (let i = members.length - 1; i >= 0; i--) if (members[i].id === params.memberId) members.splice(i, 1);
  return ok({ id: params.memberId });
}

/**
 * POST /accounts/:id/access/organizations/revoke_user — body {email, devices?,
 * user_uid?, warp_session_reauth?}; `?devices=true` works too. Answers
 * {result: true, success: true} and nothing else (docs/cloudflare-facts.md#response-envelope,
 * #revoke-a-user).
 */
function revokeUser(ctx: RouteContext): SimResponse {
  authorise(ctx, 'access_revoke');
  const { dataset, params, req } = ctx;
  requireZeroTrust(dataset, params.id);
  const body = jsonBody(ctx);
  const { email, devices, user_uid: userUid, warp_session_reauth: warp } = body;
  if (typeof email !== 'string' || !EMAIL.test(email)) throw invalid('email must be an email address');
  for (const [name, value] of [
    ['devices', devices],
    ['warp_session_reauth', warp],
  ] as const) {
    if (value !== undefined && typeof value !== 'boolean') throw invalid(`${name} must be true or false`);
  }
  if (userUid !== undefined && typeof userUid !== 'string') throw invalid('user_uid must be a string');
  stateOf(dataset).revokedSessions.push({
    accountId: params.id,
    email: email.toLowerCase(),
    devices: devices === true || req.query.get('devices') === 'true',
    warpSessionReauth: warp === true,
    ...(userUid === undefined ? {} : { userUid }),
  });
  return { status: 200, headers: { 'content-type': 'application/json' }, body: { result: true, success: true } };
}

function requireZeroTrust(dataset: SimulatorDataset, accountId: string): void {
  if (dataset.zeroTrustDisabled.has(accountId)) {
    throw new Reject(
      fail(403, [
        { code: 10000, message: 'Authentication error' },
        { code: 10001, message: 'Zero Trust is not enabled for this account' },
      ]),
    );
  }
}

/**
 * PATCH /accounts/:id/access/seats — body: an array of {seat_uid,
 * access_seat, gateway_seat} (all three required). Both false frees the seat
 * (the user must log in again to take one). Answers the updated seats, a
 * single array. An unknown seat_uid is refused (the real code is unconfirmed:
 * INVALID_BODY_CODE) and then nothing is changed.
 */
function editSeats(ctx: RouteContext): SimResponse {
  authorise(ctx, 'zero_trust_seats_write');
  const { dataset, params } = ctx;
  requireZeroTrust(dataset, params.id);
  const body = parsedBody(ctx);
  if (!Array.isArray(body) || body.length === 0) {
    throw invalid('Request body must be a non-empty array of {seat_uid, access_seat, gateway_seat}');
  }
  const users = dataset.accessUsersByAccount.get(params.id) ?? [];
  const changes = body.map((item, i) => {
    const seat = item as { seat_uid?: unknown; access_seat?: unknown; gateway_seat?: unknown } | null;
    if (!seat || typeof seat !== 'object' || typeof seat.seat_uid !== 'string') {
      throw invalid(`body[${i}].seat_uid must be a string`);
    }
    if (typeof seat.access_seat !== 'boolean' || typeof seat.gateway_seat !== 'boolean') {
      throw invalid(`body[${i}]: access_seat and gateway_seat are required booleans`);
    }
    const holders = users.filter((u) => u.seat_uid === seat.seat_uid);
    if (holders.length === 0) throw invalid(`Unknown seat_uid: ${seat.seat_uid}`);
    return { holders, access: seat.access_seat, gateway: seat.gateway_seat };
  });
  const updated = new Map<string, SimAccessUser>();
  for (const { holders, access, gateway } of changes) {
    for (const user of holders) {
      user.access_seat = access;
      user.gateway_seat = gateway;
      updated.set(user.seat_uid, user);
    }
  }
  return ok(
    [...updated.values()].map((u) => ({
      seat_uid: u.seat_uid,
      access_seat: u.access_seat,
      gateway_seat: u.gateway_seat,
      created_at: u.created_at,
      updated_at: u.updated_at,
    })),
  );
}

export const WRITE_ROUTES: readonly Route[] = [
  { method: 'POST', pattern: '/accounts/:id/members', handle: inviteMember },
  { method: 'PUT', pattern: '/accounts/:id/members/:memberId', handle: updateMember },
  { method: 'DELETE', pattern: '/accounts/:id/members/:memberId', handle: removeMember },
  { method: 'POST', pattern: '/accounts/:id/access/organizations/revoke_user', handle: revokeUser },
  { method: 'PATCH', pattern: '/accounts/:id/access/seats', handle: editSeats },
];

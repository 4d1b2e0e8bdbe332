/**
 * Token checks in the order Cloudflare applies them (docs/cloudflare-facts.md#base-url-and-authentication,
 * #errors):
 * header format → known and active token → resource visibility → permission.
 * The token value is only compared, never stored or logged.
 */
import type { SimPermission, SimToken, SimulatorDataset } from './dataset';
import { fail, Reject } from './envelope';
import type { SimRequest } from './router';
import type { SimAccount } from './types';

const BEARER = /^Bearer ([A-Za-z0-9_-]{40})$/;

/** The bearer value, or Reject 400 6003 (with error_chain 6111) when missing or malformed. */
export function bearerValue(req: SimRequest): string {
  const match = BEARER.exec(req.headers.authorization ?? '');
  if (!match) {
    throw new Reject(
      fail(400, [
        {
          code: 6003,
          message: 'Invalid request headers',
          error_chain: [{ code: 6111, message: 'Invalid format for Authorization header' }],
        },
      ]),
    );
  }
  return match[1];
}

export function findToken(dataset: SimulatorDataset, value: string): SimToken | undefined {
  return dataset.tokens.find((t) => t.value === value);
}

/** For every endpoint except the verify ones: unknown or inactive → 403 9109. */
export function requireActiveToken(req: SimRequest, dataset: SimulatorDataset): SimToken {
  const token = findToken(dataset, bearerValue(req));
  if (!token || token.status !== 'active') {
    throw new Reject(fail(403, [{ code: 9109, message: 'Invalid access token' }]));
  }
  return token;
}

export function canSeeAccount(token: SimToken, accountId: string): boolean {
  return token.accountIds === undefined || token.accountIds.includes(accountId);
}

/** An account or zone that does not exist or is outside the token's reach. */
export function unauthorizedResource(): Reject {
  return new Reject(fail(403, [{ code: 9109, message: 'Unauthorized to access requested resource' }]));
}

export function requireVisibleAccount(token: SimToken, dataset: SimulatorDataset, accountId: string): SimAccount {
  const account = dataset.accounts.find((a) => a.id === accountId);
  if (!account || !canSeeAccount(token, accountId)) throw unauthorizedResource();
  return account;
}

function authenticationError(): Reject {
  return new Reject(fail(403, [{ code: 10000, message: 'Authentication error' }]));
}

export function requirePermission(token: SimToken, permission: SimPermission): void {
  if (!token.permissions.includes(permission)) throw authenticationError();
}

/**
 * A zone-level permission for one zone: lacking it, or holding it on other
 * zones only (`zonesOnly`), answers like a missing permission (403 10000).
 */
export function requireZonePermission(token: SimToken, permission: SimPermission, zoneId: string): void {
  requirePermission(token, permission);
  const zones = token.zonesOnly?.[permission];
  if (zones !== undefined && !zones.includes(zoneId)) throw authenticationError();
}

/** /accounts accepts any account-level permission (docs/cloudflare-facts.md#accounts). */
export function requireAnyPermission(token: SimToken): void {
  if (token.permissions.length === 0) throw authenticationError();
}

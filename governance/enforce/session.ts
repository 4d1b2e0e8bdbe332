/**
 * The enforcement commands' link to Cloudflare: configuration from the same
 * environment variables as the integration, the integration's transport
 * (auth, pacing, error mapping, token scrubbing) and its read client. The
 * write path lives here, not in src/: the integration itself never writes.
 */
import {
  IntegrationProviderAuthenticationError,
  IntegrationProviderAuthorizationError,
} from '@jupiterone/integration-sdk-core';
import {
  ClientLogger,
  CloudflareClient,
  CloudflareRequestError,
  CloudflareTransport,
  requestErrorOf,
  TransportOptions,
} from '../../src/client';
import { CloudflareSettings, instanceConfigFields, IntegrationConfig, parseConfig } from '../../src/config';
import { ZERO_TRUST_OFF } from '../../src/steps/common/StepRun';
import { AccountState, Member, PlannedRequest, Role } from './plan';

/** apiToken → API_TOKEN, the SDK's own mapping from config fields to environment variables. */
export function envName(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** The integration's configuration, read from the environment and checked (errors name the variable). */
export function settingsFromEnv(env: Record<string, string | undefined>): CloudflareSettings {
  const config: Record<string, string> = {};
  for (const field of Object.keys(instanceConfigFields)) {
    const value = env[envName(field)];
    if (value !== undefined) config[field] = value;
  }
  return parseConfig(config as unknown as IntegrationConfig);
}

/** Transport log lines (rate-limit pauses, retried reads) go to stderr; debug lines are dropped. */
function stderrLogger(write: (text: string) => void): ClientLogger {
  const line =
    (level: string) =>
    (_fields: Record<string, unknown>, message: string): void =>
      write(`graph-cloudflare: ${level}${message}\n`);
  return { info: line(''), warn: line('warning: ') };
}

/** How a write ended, when it did not simply succeed. */
export type WriteFailure =
  | { kind: 'outcome-unknown'; message: string }
  | { kind: 'rejected'; status: number | string; codes: number[]; message: string };

export type WriteOutcome<T> = { ok: true; result: T } | ({ ok: false } & WriteFailure);

/** Permission names as the Cloudflare dashboard shows them (Cloudflare's API schema names them per operation). */
export const WRITE_PERMISSIONS = {
  members: 'Account Settings Write',
  revokeUser: 'Access: Organizations, Identity Providers, and Groups Write',
  seats: 'Zero Trust: Seats Write',
} as const;

/** The fields of a Zero Trust user offboarding uses (GET /accounts/{id}/access/users). */
export interface AccessUser {
  id: string;
  email?: string | null;
  seat_uid?: string | null;
  access_seat?: boolean | null;
  gateway_seat?: boolean | null;
  active_device_count?: number | null;
}

/**
 * An account's Zero Trust users, or why there are none to act on: Zero Trust
 * is off there (not an error), or the list could not be read (the plan for
 * that account is then incomplete).
 */
export type AccessUsers =
  | { kind: 'users'; users: AccessUser[] }
  | { kind: 'zero-trust-off'; detail: string }
  | { kind: 'unreadable'; detail: string };

export class CloudflareSession {
  readonly transport: CloudflareTransport;
  private readonly client: CloudflareClient;
  private readonly logger: ClientLogger;

  constructor(
    readonly settings: CloudflareSettings,
    stderr: (text: string) => void,
    options?: TransportOptions,
  ) {
    this.transport = new CloudflareTransport(settings, options);
    this.logger = stderrLogger(stderr);
    this.client = new CloudflareClient(this.transport, this.logger);
  }

  url(path: string): string {
    return `${this.settings.apiBaseUrl}${path}`;
  }

  async readAccountName(accountId: string): Promise<string | undefined> {
    const account = await this.client.get<{ name?: string }>('account', { accountId });
    return account?.name ?? undefined;
  }

  async readMembers(accountId: string): Promise<Member[]> {
    const byId = new Map<string, Member>();
    const listing = await this.client.list<Member>('members', { accountId }, (page) => {
      // Live lists can repeat a member across a page boundary (docs/cloudflare-facts.md#members).
      for (const member of page) if (member && typeof member.id === 'string') byId.set(member.id, member);
    });
    if (!listing.complete) {
      throw new Error(
        `the member list of account ${accountId} could not be read to its end (${listing.stop?.detail ?? 'stopped early'}); ` +
          'nothing was changed, because the commands decide from the whole list',
      );
    }
    return [...byId.values()];
  }

  /** Every account the token can see. */
  async readAccounts(): Promise<Array<{ id: string; name?: string }>> {
    const byId = new Map<string, { id: string; name?: string }>();
    const listing = await this.client.list<{ id?: unknown; name?: unknown }>('accounts', {}, (page) => {
      for (const account of page) {
        if (account && typeof account.id === 'string') {
          byId.set(account.id, { id: account.id, ...(typeof account.name === 'string' ? { name: account.name } : {}) });
        }
      }
    });
    if (!listing.complete) {
      throw new Error(
        `the account list could not be read to its end (${listing.stop?.detail ?? 'stopped early'}); nothing was changed`,
      );
    }
    return [...byId.values()];
  }

  async readAccessUsers(accountId: string): Promise<AccessUsers> {
    const users: AccessUser[] = [];
    try {
      const listing = await this.client.list<AccessUser>('accessUsers', { accountId }, (page) => {
        for (const user of page) if (user && typeof user.id === 'string') users.push(user);
      });
      if (!listing.complete) {
        return { kind: 'unreadable', detail: `the list stopped early (${listing.stop?.detail ?? 'unknown reason'})` };
      }
    } catch (err) {
      const cause = requestErrorOf(err);
      const message = err instanceof Error ? err.message : String(err);
      if (cause?.status === 403 && cause.cloudflareErrors.some((e) => ZERO_TRUST_OFF.test(e.message))) {
        return { kind: 'zero-trust-off', detail: cause.message };
      }
      return { kind: 'unreadable', detail: message };
    }
    return { kind: 'users', users };
  }

  /** /roles plus every role held by a member (Super Administrator is not listed); one per id (docs/cloudflare-facts.md#roles). */
  async readState(accountId: string, withRoles: boolean): Promise<AccountState> {
    const members = await this.readMembers(accountId);
    const roles = new Map<string, Role>();
    if (withRoles) {
      await this.client.list<Role>('roles', { accountId }, (page) => {
        for (const role of page)
          if (role && typeof role.id === 'string' && !roles.has(role.id)) roles.set(role.id, role);
      });
      for (const member of members) {
        for (const role of member.roles ?? []) {
          if (role && typeof role.id === 'string' && !roles.has(role.id)) roles.set(role.id, role);
        }
      }
    }
    return { accountId, members, roles: [...roles.values()] };
  }

  /**
   * Sends a write once: retried only after a 429 (which Cloudflare did not
   * act on). A failure after which the change may have happened comes back
   * as outcome-unknown, for the caller to read the state.
   */
  async write<T>(request: PlannedRequest, permission: string, zeroTrust = false): Promise<WriteOutcome<T>> {
    try {
      const envelope = await this.transport.send<T>(
        { method: request.method, path: request.path, body: request.body, repeatable: false, permission },
        this.logger,
      );
      return { ok: true, result: envelope.result as T };
    } catch (err) {
      return { ok: false, ...describeWriteFailure(err, permission, zeroTrust) };
    }
  }
}

/**
 * A 403: Zero Trust not set up on the account (worded as the collector
 * recognises it), or a missing permission. Cloudflare may answer a bare
 * 10000 "Authentication error" for both; a Zero Trust write then names both.
 */
function describeRefusal(cause: CloudflareRequestError, permission: string, zeroTrust: boolean): string {
  const grant = `grant it the "${permission}" permission for this account (Cloudflare dashboard > API Tokens > Edit)`;
  if (zeroTrust && cause.cloudflareErrors.some((e) => ZERO_TRUST_OFF.test(e.message))) {
    return `${cause.message}: Zero Trust (Access) is not enabled for this account, so it has no sessions, devices or seats to revoke; this is not a missing permission`;
  }
  const bare = cause.cloudflareErrors.every((e) => e.code === 10000);
  if (zeroTrust && bare) {
    return (
      `${cause.message}: either the token may not make this change (${grant}), or Zero Trust (Access) is not ` +
      'enabled for this account (Cloudflare gives the same answer for both; Zero Trust > Settings in the dashboard shows which)'
    );
  }
  return `${cause.message}: the token may not make this change; ${grant}`;
}

export function describeWriteFailure(err: unknown, permission: string, zeroTrust = false): WriteFailure {
  const cause = requestErrorOf(err);
  const message = err instanceof Error ? err.message : String(err);
  if (!cause) return { kind: 'rejected', status: 'ERROR', codes: [], message };
  const codes = cause.cloudflareErrors.map((e) => e.code);
  if (cause.outcomeUnknown) return { kind: 'outcome-unknown', message: cause.message };
  if (cause.status === 403 && err instanceof IntegrationProviderAuthorizationError) {
    return { kind: 'rejected', status: 403, codes, message: describeRefusal(cause, permission, zeroTrust) };
  }
  if (err instanceof IntegrationProviderAuthenticationError)
    return { kind: 'rejected', status: cause.status, codes, message };
  return { kind: 'rejected', status: cause.status, codes, message: message.replace(/^Provider API failed at /, '') };
}

/** A read failure as one line, with what to check for an account the token cannot see. */
export function describeReadFailure(err: unknown, accountId?: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const cause = requestErrorOf(err);
  if (accountId && cause?.status === 403 && err instanceof IntegrationProviderAuthorizationError) {
    return `${message} Also check that account ${accountId} exists and the token was given access to it.`;
  }
  return message;
}

import { IntegrationLogger, PublishEventLevel } from '@jupiterone/integration-sdk-core';
import { firstGoesAlone } from '../../util/firstGoesAlone';
import { oneLine } from '../../util/oneLine';

/** Where a permission is missing: one account, or the whole run (user-level endpoints). */
export type DeniedScope = string | 'run';

type Logger = Pick<IntegrationLogger, 'warn' | 'publishEvent'>;

/**
 * What the run has learnt about the token's reach, shared by every step of
 * the run (steps of one area run concurrently): which permissions were
 * refused where, and which accounts have no Zero Trust. Checked and set
 * synchronously, so each is said once.
 */
export class PermissionGate {
  /** Permission → the accounts (or 'run') where a 403 said it is missing. */
  readonly denied = new Map<string, Set<DeniedScope>>();
  /** Accounts that answered "no Zero Trust organization". */
  readonly zeroTrustOff = new Set<string>();
  /**
   * Per account, the first Zero Trust/Access step's work on it: the others
   * wait for it, so an account without Zero Trust is asked once, not once per
   * step that starts at the same time.
   */
  private readonly firstVisits = new Map<string, Promise<unknown>>();

  /** True when a 403 already said this permission is missing for this account (or for the run: accountId undefined). */
  isDenied(permission: string, accountId?: string): boolean {
    return this.denied.get(permission)?.has(accountId ?? 'run') === true;
  }

  /** Records that `accountId` has no Zero Trust; false when already known. */
  markZeroTrustOff(accountId: string): boolean {
    if (this.zeroTrustOff.has(accountId)) return false;
    this.zeroTrustOff.add(accountId);
    return true;
  }

  /** Runs `work` for the account; the first visit runs alone and later ones wait for it. */
  firstVisit<T>(accountId: string, work: () => Promise<T>): Promise<T> {
    return firstGoesAlone(this.firstVisits, accountId, work);
  }

  /**
   * Records that the token lacks `permission` (for one account, or for the
   * run) and says so once: a warning and a `permission_missing` warn event
   * with `description`. Later calls for the same permission and account are
   * silent.
   */
  reportMissingPermission(
    logger: Logger,
    permission: string,
    accountId: string | undefined,
    description: string,
  ): void {
    if (this.isDenied(permission, accountId)) return;
    let scopes = this.denied.get(permission);
    if (!scopes) {
      scopes = new Set();
      this.denied.set(permission, scopes);
    }
    scopes.add(accountId ?? 'run');
    this.warnMissingPermission(logger, permission, accountId, description);
  }

  /**
   * Says that the token lacks `permission` somewhere (a warning and a
   * `permission_missing` warn event) without recording it for the account:
   * for refusals of some zones only (ZoneRefusals).
   */
  warnMissingPermission(logger: Logger, permission: string, accountId: string | undefined, description: string): void {
    const text = oneLine(description);
    logger.warn(accountId === undefined ? { permission } : { accountId, permission }, text);
    logger.publishEvent({ name: 'permission_missing', description: text, level: PublishEventLevel.Warn });
  }
}

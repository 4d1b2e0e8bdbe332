import { JobState } from '@jupiterone/integration-sdk-core';
import { EndpointName, Endpoints } from '../../client';
import { Entities } from '../../constants';
import { PermissionGate } from './PermissionGate';
import { isRefusal, StepRun } from './StepRun';

/**
 * How many of an account's zones must be refused, with none answered, before
 * we conclude that the token lacks the permission in the whole account. Per
 * zone, a 403 may mean only that this zone is outside the token's reach, so
 * one refusal is never enough; three keep a token without the permission at
 * three requests per account instead of one per zone.
 */
export const REFUSALS_TO_CONCLUDE = 3;

/** How many refused zones a warning names; the rest are counted. */
export const ZONES_NAMED = 10;

export interface ZoneRef {
  id: string;
  name: string;
  accountId: string;
}

/** The zones fetch-zones collected, as ids and names only (not the zone entities). */
export async function collectedZones(jobState: JobState): Promise<ZoneRef[]> {
  const zones: ZoneRef[] = [];
  await jobState.iterateEntities({ _type: Entities.DNS_ZONE._type }, (zone) => {
    zones.push({ id: zone.id as string, name: zone.name as string, accountId: zone.accountId as string });
  });
  return zones;
}

export interface ZoneRefusalSpec {
  /** The request kind; its permission is named in warnings. */
  endpoint: EndpointName;
  /** What is read, capitalised, plural, for warnings: `DNS records`, `DNSSEC settings`. */
  what: string;
  /** What the user keeps, after the advice: `Every zone is still collected; the refused ones lack these properties.` */
  consequence: string;
  /** Refused zones leave entities out: report the step's types partial. */
  partial: boolean;
}

/** What ZoneRefusals needs of the step: the run's permission gate, its logger and partial marking. */
export interface RefusalReporter extends Pick<StepRun, 'logger' | 'markIncomplete'> {
  gate: Pick<PermissionGate, 'reportMissingPermission' | 'warnMissingPermission'>;
}

interface AccountRefusals {
  /** A zone answered: later refusals are about their zones only. */
  answered: boolean;
  /** Requests in flight while nothing has answered yet. */
  probing: number;
  /** Requests let out so far: orders the refused zones as they were asked. */
  asked: number;
  refused: Array<{ zone: ZoneRef; order: number; cause: string }>;
  concluded: boolean;
  /** Zones not asked after the conclusion. */
  skipped: number;
  /** Requests waiting for a probe to settle. */
  waiting: Array<() => void>;
}

/**
 * Per-zone refusals (403) of one kind of request, per account. A refused
 * zone costs that zone alone: `read` answers undefined and every other zone
 * is read as usual. Until a zone of an account answers, at most
 * REFUSALS_TO_CONCLUDE of its requests are out at once; when that many are
 * refused and none answered, the token lacks the permission in the account:
 * its remaining zones are skipped without a request. So a token without the
 * permission costs at most REFUSALS_TO_CONCLUDE requests per account.
 *
 * Only a 403 authorization refusal counts. A rejected token (401, 403 "Invalid
 * access token") and every other failure are rethrown for the caller.
 * `report` says it all at the end: one warning per account.
 */
export class ZoneRefusals {
  private readonly accounts = new Map<string, AccountRefusals>();

  constructor(
    private readonly run: RefusalReporter,
    private readonly spec: ZoneRefusalSpec,
  ) {}

  get permission(): string {
    return Endpoints[this.spec.endpoint].permission;
  }

  /** `request`'s answer, or undefined when the zone was refused or skipped. */
  async read<T>(zone: ZoneRef, request: () => Promise<T>): Promise<T | undefined> {
    const account = this.account(zone.accountId);
    let probe = false;
    for (;;) {
      if (account.concluded) {
        account.skipped++;
        return undefined;
      }
      if (account.answered) break;
      if (account.probing + account.refused.length < REFUSALS_TO_CONCLUDE) {
        probe = true;
        account.probing++;
        break;
      }
      await new Promise<void>((resolve) => account.waiting.push(resolve));
    }
    const order = account.asked++;
    try {
      const answer = await request();
      account.answered = true;
      return answer;
    } catch (err) {
      if (!isRefusal(err)) throw err;
      account.refused.push({ zone, order, cause: (err as Error).message });
      if (!account.answered && account.refused.length >= REFUSALS_TO_CONCLUDE) account.concluded = true;
      return undefined;
    } finally {
      if (probe) {
        account.probing--;
        for (const wake of account.waiting.splice(0)) wake();
      }
    }
  }

  /** Zones refused so far, per account (for tests and counts). */
  refusedZones(accountId: string): readonly ZoneRef[] {
    return this.refusalsOf(accountId).map((r) => r.zone);
  }

  private refusalsOf(accountId: string): AccountRefusals['refused'] {
    return [...(this.accounts.get(accountId)?.refused ?? [])].sort((a, b) => a.order - b.order);
  }

  /** One warning per account with refusals, and partial marking when the spec says so. */
  report(): void {
    const { what, consequence, partial } = this.spec;
    const permission = this.permission;
    for (const [accountId, account] of this.accounts) {
      if (account.refused.length === 0) continue;
      const count = account.refused.length;
      const zones = `${count} zone${count === 1 ? '' : 's'}`;
      const refusals = this.refusalsOf(accountId);
      const names = namesOf(refusals.map((r) => r.zone));
      // The first zone asked's answer: Cloudflare's code and message, and the endpoint.
      const cause = refusals[0].cause;
      if (account.concluded) {
        this.run.gate.reportMissingPermission(
          this.run.logger,
          permission,
          accountId,
          `${what} of account ${accountId} are left out: the token may not read them in this account. ` +
            `The first ${zones} asked were refused (${names}) and none answered` +
            (account.skipped > 0
              ? `, so the other ${account.skipped === 1 ? 'zone was' : `${account.skipped} were`} not asked. `
              : '. ') +
            `Grant the token "${permission}" for this account's zones (Cloudflare dashboard > ` +
            `API Tokens > Edit). ${consequence} (${cause})`,
        );
        if (partial) {
          this.run.markIncomplete(
            `${what} of account ${accountId}: the token may not read them ("${permission}"); ` +
              `${zones} refused, ${account.skipped} not asked`,
          );
        }
      } else {
        this.run.gate.warnMissingPermission(
          this.run.logger,
          permission,
          accountId,
          `${what} of ${zones} of account ${accountId} are left out: the token may not read them there (${names}). ` +
            `Grant the token "${permission}" on ${count === 1 ? 'that zone' : 'those zones'} (Cloudflare dashboard > ` +
            `API Tokens > Edit). ${consequence} (${cause})`,
        );
        if (partial) this.run.markIncomplete(`${what} of ${zones} of account ${accountId} were refused (403)`);
      }
    }
  }

  private account(accountId: string): AccountRefusals {
    let account = this.accounts.get(accountId);
    if (!account) {
      account = { answered: false, probing: 0, asked: 0, refused: [], concluded: false, skipped: 0, waiting: [] };
      this.accounts.set(accountId, account);
    }
    return account;
  }
}

/** The first ZONES_NAMED zone names, then how many more. */
function namesOf(zones: readonly ZoneRef[]): string {
  const named = zones.slice(0, ZONES_NAMED).map((zone) => zone.name);
  const more = zones.length - named.length;
  return named.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

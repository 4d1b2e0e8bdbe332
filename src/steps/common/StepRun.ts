import { IntegrationStepExecutionContext } from '@jupiterone/integration-sdk-core';
import { EndpointName, EndpointParams, Endpoints, EndpointSpec } from '../../client';
import { PerAccountEndpoint } from '../../areas';
import { CloudflareSettings, IntegrationConfig } from '../../config';
import { Entities } from '../../constants';
import { clientFor, runOf } from '../../execution';
import { TokenKind } from '../../tokenKind';
import { forEachIsolated } from '../../util/forEachIsolated';
import { oneLine } from '../../util/oneLine';
import { PermissionGate } from './PermissionGate';
import { refusedEndpoint, tagRefusal } from './refusal';
import { StepCollector } from './StepCollector';

export { CollectSpec, GraphObjects, IncompleteCollectionError, Tally } from './StepCollector';
export { isRefusal, tagRefusal } from './refusal';

export type StepContext = IntegrationStepExecutionContext<IntegrationConfig>;

/**
 * A step's run: its collection (StepCollector), the run's settings and
 * permission gate, and per-account and per-item isolation.
 */
export class StepRun extends StepCollector {
  readonly settings: CloudflareSettings;
  readonly gate: PermissionGate;

  constructor(readonly context: StepContext) {
    super(clientFor(context), context.logger, context.jobState);
    const run = runOf(context);
    this.settings = run.settings;
    this.gate = run.gate;
  }

  /** Who owns the token, settled once per run (see CloudflareRun.tokenKind). */
  tokenKind(): Promise<TokenKind> {
    return runOf(this.context).tokenKind(this.client);
  }

  /** Ids of the accounts fetch-accounts collected (a handful, so a list is fine). */
  async accountIds(): Promise<string[]> {
    const ids: string[] = [];
    await this.jobState.iterateEntities({ _type: Entities.ACCOUNT._type }, (account) => {
      ids.push(account.id as string);
    });
    return ids;
  }

  /**
   * Runs `fn` for each item, as many at once as requests may be in flight
   * (the shared limiter paces them). One item failing does not stop the
   * others; the first failure fails the step at the end.
   */
  forEach<T>(items: readonly T[], describe: (item: T) => string, fn: (item: T) => Promise<unknown>): Promise<void> {
    return forEachIsolated(
      items,
      { concurrency: this.settings.maxConcurrentRequests, logger: this.logger, describe },
      fn,
    );
  }

  /** forEach over the collected accounts. */
  async forEachAccount(what: string, fn: (accountId: string) => Promise<unknown>): Promise<void> {
    await this.forEach(await this.accountIds(), (id) => `${what} of account ${id}`, fn);
  }

  /**
   * forEachAccount for an optional area (Zero Trust, Access, API tokens,
   * Tunnels, activity): `endpoints` are the ones `fn` reads, each of a
   * per-account area (src/areas.ts). A 403 does not fail the step: the
   * permission it needed is recorded for that account, said once (a warning
   * and a warn event naming the permission), and every later request that
   * needs it for that account is skipped. For Zero Trust endpoints, an
   * account without Zero Trust gets one info line, and no step reading Zero
   * Trust endpoints asks it again.
   */
  async forEachAccountInArea(
    options: { what: string; endpoints: PerAccountEndpoint[] },
    fn: (accountId: string) => Promise<unknown>,
  ): Promise<void> {
    const { what, endpoints } = options;
    const zeroTrust = endpoints.some(isZeroTrustEndpoint);
    const visit = async (accountId: string): Promise<void> => {
      if (this.areaClosedFor(endpoints, accountId)) return;
      try {
        await fn(accountId);
      } catch (err) {
        const refused = refusedEndpoint(err);
        if (!refused) throw err;
        this.closeArea(accountId, refused, (err as Error).message, what);
      }
    };
    await this.forEachAccount(what, (accountId) =>
      zeroTrust ? this.gate.firstVisit(accountId, () => visit(accountId)) : visit(accountId),
    );
  }

  /** True when an earlier 403 means these endpoints cannot be read for this account (said already). */
  areaClosedFor(endpoints: PerAccountEndpoint[], accountId: string): boolean {
    if (endpoints.some(isZeroTrustEndpoint) && this.gate.zeroTrustOff.has(accountId)) return true;
    return endpoints.some((name) => this.gate.isDenied(Endpoints[name].permission, accountId));
  }

  /** One object of an `object`-style endpoint; a 403 is tagged for forEachAccountInArea. */
  get<T>(endpoint: EndpointName, params: EndpointParams): Promise<T> {
    return tagRefusal(endpoint, () => this.client.get<T>(endpoint, params));
  }

  private closeArea(accountId: string, endpoint: EndpointName, cause: string, what: string): void {
    const permission = Endpoints[endpoint].permission;
    const zeroTrust = isZeroTrustEndpoint(endpoint);
    if (zeroTrust && ZERO_TRUST_OFF.test(cause)) {
      if (!this.gate.markZeroTrustOff(accountId)) return;
      this.logger.info(
        { accountId },
        oneLine(
          `Account ${accountId} has no Zero Trust (Cloudflare: ${cause}); its Zero Trust and Access data is skipped.`,
        ),
      );
      return;
    }
    this.gate.reportMissingPermission(
      this.logger,
      permission,
      accountId,
      `Skipped ${what} of account ${accountId}: the token may not read them. Grant the token "${permission}" ` +
        `for this account (Cloudflare dashboard > API Tokens > Edit)` +
        (zeroTrust ? '; Cloudflare gives the same answer when Zero Trust is not set up on the account' : '') +
        `. Everything else is still collected. (${cause})`,
    );
  }
}

/** A Zero Trust endpoint, which Cloudflare refuses for an account without Zero Trust (src/client/endpoints.ts). */
function isZeroTrustEndpoint(name: EndpointName): boolean {
  const spec: EndpointSpec = Endpoints[name];
  return spec.zeroTrust === true;
}

/**
 * How Cloudflare words "this account has no Zero Trust organization".
 * [unconfirmed] Cloudflare was seen answering only 10000 "Authentication error"
 * (docs/cloudflare-facts.md#errors) for such an account, which is also the missing-permission answer; that
 * case is reported as a missing permission that may also mean "not set up".
 */
export const ZERO_TRUST_OFF =
  /zero trust (is )?not (enabled|set up|configured)|no (zero trust|access) organi[sz]ation|access is not enabled|organi[sz]ation (does not exist|not found)/i;

/** Runs a step body with a StepRun, then its closing line and partial marking. */
export async function runStep(context: StepContext, body: (run: StepRun) => Promise<void>): Promise<void> {
  const run = new StepRun(context);
  try {
    await body(run);
  } catch (err) {
    // The step failed anyway (its types are partial): still say what it got.
    context.logger.info(run.summary());
    throw err;
  }
  run.finish();
}

import {
  Entity,
  IntegrationError,
  IntegrationProviderAuthorizationError,
  IntegrationLogger,
  IntegrationStepExecutionContext,
  JobState,
  PublishEventLevel,
  Relationship,
} from '@jupiterone/integration-sdk-core';
import {
  ClientError,
  CloudflareClient,
  EndpointName,
  EndpointParams,
  Endpoints,
  ListingResult,
  quiet,
} from '../../client';
import { CloudflareSettings, IntegrationConfig } from '../../config';
import { Entities } from '../../constants';
import { clientFor, runOf } from '../../execution';
import { addNewEntities, addNewRelationships } from '../../util/addNew';
import { forEachIsolated } from '../../util/forEachIsolated';
import { firstGoesAlone } from '../../util/firstGoesAlone';
import { oneLine } from '../../util/oneLine';

export type StepContext = IntegrationStepExecutionContext<IntegrationConfig>;

export interface GraphObjects {
  entities?: Entity[];
  relationships?: Relationship[];
}

/** Counts of one kind of item, for the step's closing line. */
export interface Tally {
  added: number;
  repeated: number;
  skipped: number;
}

export interface CollectSpec<T> {
  endpoint: EndpointName;
  params: EndpointParams;
  /** Where the items come from, in messages: `account 0123…`, `zone 4567… (example.com)`. */
  scope: string;
  /** What the items are, plural, in messages and counts: `members`, `DNS records`. */
  what: string;
  /** Names one item in a warning when it cannot be converted. */
  describe: (item: T) => string;
  /** Runs on each page before its items are converted (e.g. per-item requests whose answers go on the entity). */
  prepare?: (items: T[]) => Promise<void>;
  /** One item's graph objects. Throwing skips that item, with a warning naming it. */
  convert: (item: T) => GraphObjects;
  /** Called with each page's fresh items' count (progress, per-scope tallies). */
  onAdded?: (added: number, repeated: number) => void;
}

/**
 * A listing stopped early, or items were skipped: the step still keeps what it
 * collected, but is reported failed so the SDK marks its types partial and
 * JupiterOne keeps the previous data for them instead of deleting it.
 */
export class IncompleteCollectionError extends IntegrationError {
  constructor(readonly problems: string[]) {
    super({
      code: 'CLOUDFLARE_INCOMPLETE_COLLECTION',
      message: oneLine(
        `Collected everything else, but ${problems.length === 1 ? 'one listing is' : `${problems.length} listings are`} incomplete, ` +
          `so this step's types are reported partial: ${problems.join('; ')}`,
      ),
    });
  }
}

/**
 * What every step repeats, in one place: the run's client and settings,
 * per-account and per-item isolation, listing + conversion + de-duplication,
 * counts and their closing log line, and partial marking.
 */
export class StepRun {
  readonly client: CloudflareClient;
  readonly settings: CloudflareSettings;
  readonly logger: IntegrationLogger;
  readonly jobState: JobState;
  private readonly incomplete: string[] = [];
  private readonly areaFlags: Set<string>;
  private readonly zeroTrustFirstVisits: Map<string, Promise<unknown>>;
  private readonly tallies = new Map<string, Tally>();

  constructor(readonly context: StepContext) {
    this.client = clientFor(context);
    this.settings = runOf(context).settings;
    this.areaFlags = runOf(context).areaFlags;
    this.zeroTrustFirstVisits = runOf(context).zeroTrustFirstVisits;
    this.logger = context.logger;
    this.jobState = context.jobState;
  }

  tally(what: string): Tally {
    let tally = this.tallies.get(what);
    if (!tally) {
      tally = { added: 0, repeated: 0, skipped: 0 };
      this.tallies.set(what, tally);
    }
    return tally;
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
   * forEachAccount for an optional area (Zero Trust, Access, API tokens). A
   * 403 does not fail the step: the permission it needed is recorded for that
   * account, said once (a warning and a warn event naming the permission),
   * and every later request that needs it for that account is skipped. An
   * account without Zero Trust gets one info line, and no Zero Trust or
   * Access step asks it again.
   */
  async forEachAccountInArea(
    options: { area: OptionalArea; what: string; endpoints: EndpointName[] },
    fn: (accountId: string) => Promise<unknown>,
  ): Promise<void> {
    const { area, what, endpoints } = options;
    const visit = async (accountId: string): Promise<void> => {
      if (this.areaClosedFor(area, endpoints, accountId)) return;
      try {
        await fn(accountId);
      } catch (err) {
        const refused = refusedEndpoint(err);
        if (!refused) throw err;
        this.closeArea(area, accountId, refused, (err as Error).message, what);
      }
    };
    await this.forEachAccount(what, (accountId) =>
      isZeroTrustArea(area)
        ? firstGoesAlone(this.zeroTrustFirstVisits, accountId, () => visit(accountId))
        : visit(accountId),
    );
  }

  /** True when an earlier 403 means these endpoints cannot be read for this account (said already). */
  areaClosedFor(area: OptionalArea, endpoints: EndpointName[], accountId: string): boolean {
    if (isZeroTrustArea(area) && this.areaFlags.has(noZeroTrustKey(accountId))) return true;
    return endpoints.some((name) => this.areaFlags.has(deniedKey(Endpoints[name].permission, accountId)));
  }

  /** One object of an `object`-style endpoint; a 403 is tagged for forEachAccountInArea. */
  get<T>(endpoint: EndpointName, params: EndpointParams): Promise<T> {
    return tagRefusal(endpoint, () => this.client.get<T>(endpoint, params));
  }

  private closeArea(area: OptionalArea, accountId: string, endpoint: EndpointName, cause: string, what: string): void {
    const permission = Endpoints[endpoint].permission;
    if (isZeroTrustArea(area) && ZERO_TRUST_OFF.test(cause)) {
      if (this.areaFlags.has(noZeroTrustKey(accountId))) return;
      this.areaFlags.add(noZeroTrustKey(accountId));
      this.logger.info(
        { accountId },
        oneLine(
          `Account ${accountId} has no Zero Trust (Cloudflare: ${cause}); its Zero Trust and Access data is skipped.`,
        ),
      );
      return;
    }
    this.reportMissingPermission(
      permission,
      accountId,
      `Skipped ${what} of account ${accountId}: the token may not read them. Grant the token "${permission}" ` +
        `for this account (Cloudflare dashboard > API Tokens > Edit)` +
        (isZeroTrustArea(area)
          ? '; Cloudflare gives the same answer when Zero Trust is not set up on the account'
          : '') +
        `. Everything else is still collected. (${cause})`,
    );
  }

  /** True when a 403 already said this permission is missing for this account (or for the run: accountId undefined). */
  isDenied(permission: string, accountId?: string): boolean {
    return this.areaFlags.has(deniedKey(permission, accountId));
  }

  /**
   * Records that the token lacks `permission` (for one account, or for the
   * run) and says so once: a warning and a `permission_missing` warn event
   * with `description`. Later calls for the same permission and account are
   * silent.
   */
  reportMissingPermission(permission: string, accountId: string | undefined, description: string): void {
    const key = deniedKey(permission, accountId);
    if (this.areaFlags.has(key)) return;
    this.areaFlags.add(key);
    this.warnMissingPermission(permission, accountId, description);
  }

  /**
   * Says that the token lacks `permission` somewhere (a warning and a
   * `permission_missing` warn event) without recording it for the account:
   * for refusals of some zones only (ZoneRefusals).
   */
  warnMissingPermission(permission: string, accountId: string | undefined, description: string): void {
    const text = oneLine(description);
    this.logger.warn(accountId === undefined ? { permission } : { accountId, permission }, text);
    this.logger.publishEvent({ name: 'permission_missing', description: text, level: PublishEventLevel.Warn });
  }

  /**
   * Lists an endpoint to the end, converting each item and adding what the job
   * has not seen yet. An item that cannot be converted is skipped and named;
   * a listing that stopped early is warned about and marks the step partial.
   */
  async collect<T>(spec: CollectSpec<T>): Promise<ListingResult> {
    const tally = this.tally(spec.what);
    const result = await tagRefusal(spec.endpoint, () =>
      this.client.list<T>(spec.endpoint, spec.params, async (items) => {
        if (spec.prepare) await spec.prepare(items);
        const { entities, relationships, skipped, repeated } = this.convertAll(items, spec);
        await this.add(entities, relationships);
        const added = items.length - skipped - repeated;
        tally.added += added;
        tally.repeated += repeated;
        tally.skipped += skipped;
        spec.onAdded?.(added, repeated);
      }),
    );
    if (!result.complete) this.listingStopped(spec, result);
    return result;
  }

  /** Adds new entities and relationships; returns how many entities were repeats. */
  async add(entities: Entity[], relationships: Relationship[] = []): Promise<number> {
    const repeated = entities.length > 0 ? await addNewEntities(this.jobState, entities) : 0;
    if (relationships.length > 0) await addNewRelationships(this.jobState, relationships);
    return repeated;
  }

  /** Records that something this step feeds is incomplete (partial types at the end). */
  markIncomplete(problem: string): void {
    this.incomplete.push(problem);
  }

  /** One line for the whole step: what it collected, repeated and skipped. */
  summary(): string {
    const parts = [...this.tallies.entries()].map(([what, t]) => {
      const extra = [
        t.repeated ? `${t.repeated} repeated across pages` : '',
        t.skipped ? `${t.skipped} skipped as unreadable` : '',
      ].filter(Boolean);
      return `${t.added} ${what}${extra.length ? ` (${extra.join(', ')})` : ''}`;
    });
    return `Collected ${parts.join(', ') || 'nothing'}`;
  }

  /** Ends the step: logs its summary, then fails it if anything was incomplete. */
  finish(): void {
    this.logger.info(this.summary());
    if (this.incomplete.length > 0) throw quiet(new IncompleteCollectionError(this.incomplete));
  }

  /**
   * Converts a page item by item. The first entity of an item is the item
   * itself: tallies count those (items), while every entity is de-duplicated.
   */
  private convertAll<T>(
    items: T[],
    spec: CollectSpec<T>,
  ): { entities: Entity[]; relationships: Relationship[]; skipped: number; repeated: number } {
    const entities: Entity[] = [];
    const relationships: Relationship[] = [];
    const primaries = new Set<string>();
    let skipped = 0;
    let repeated = 0;
    for (const item of items) {
      let objects: GraphObjects;
      try {
        objects = spec.convert(item);
      } catch (err) {
        skipped++;
        this.logger.warn(
          { scope: spec.scope },
          oneLine(`Skipped ${spec.describe(item)} of ${spec.scope}: ${(err as Error).message}. The rest are kept.`),
        );
        continue;
      }
      const primary = objects.entities?.[0]?._key;
      if (primary !== undefined) {
        if (primaries.has(primary) || this.jobState.hasKey(primary) === true) repeated++;
        primaries.add(primary);
      }
      if (objects.entities) entities.push(...objects.entities);
      if (objects.relationships) relationships.push(...objects.relationships);
    }
    if (skipped > 0) this.markIncomplete(`${skipped} ${spec.what} of ${spec.scope} could not be read`);
    return { entities, relationships, skipped, repeated };
  }

  private listingStopped<T>(spec: CollectSpec<T>, result: ListingResult): void {
    const description = oneLine(
      `Stopped listing ${spec.what} of ${spec.scope} (${result.endpoint}) early: ${result.stop?.detail ?? 'unknown reason'} ` +
        `(${result.stop?.reason}). Read ${result.items} items in ${result.pages} requests; the rest may be missing, ` +
        'so these types are reported partial and JupiterOne keeps their previous data.',
    );
    this.logger.warn(description);
    this.logger.publishEvent({ name: 'incomplete_listing', description, level: PublishEventLevel.Warn });
    this.markIncomplete(
      `${spec.what} of ${spec.scope}: ${result.stop?.reason ?? 'stopped early'} after ${result.items} items`,
    );
  }
}

/** Areas whose 403s are handled per account instead of failing the step. */
export type OptionalArea = 'zero-trust' | 'access-configuration' | 'api-tokens' | 'activity';

function isZeroTrustArea(area: OptionalArea): boolean {
  return area === 'zero-trust' || area === 'access-configuration';
}

/**
 * How Cloudflare words "this account has no Zero Trust organization".
 * [unconfirmed] Cloudflare was seen answering only 10000 "Authentication error"
 * (docs/cloudflare-facts.md#errors) for such an account, which is also the missing-permission answer; that
 * case is reported as a missing permission that may also mean "not set up".
 */
export const ZERO_TRUST_OFF =
  /zero trust (is )?not (enabled|set up|configured)|no (zero trust|access) organi[sz]ation|access is not enabled|organi[sz]ation (does not exist|not found)/i;

function noZeroTrustKey(accountId: string): string {
  return `no-zero-trust:${accountId}`;
}

function deniedKey(permission: string, accountId: string | undefined): string {
  return `denied:${permission}:${accountId ?? 'run'}`;
}

/**
 * Runs a request of `endpoint`; a 403 it raises names the endpoint (and so
 * its permission) in its typed `endpointName` property, which the client
 * sets already; this fills it in when missing and rethrows the error
 * unchanged. Only forEachAccountInArea reads it: outside an optional area a
 * 403 fails the step as before.
 */
export async function tagRefusal<T>(endpoint: EndpointName, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    if (isRefusal(err) && !(err as Partial<ClientError>).endpointName) {
      Object.defineProperty(err, 'endpointName', { value: endpoint, enumerable: false });
    }
    throw err;
  }
}

/**
 * A 403 that refuses this request (a missing permission, or a resource out
 * of the token's reach). A rejected token (401, 403 "Invalid access token")
 * is an IntegrationProviderAuthenticationError instead: it refuses everything.
 */
export function isRefusal(err: unknown): err is IntegrationProviderAuthorizationError {
  return err instanceof IntegrationProviderAuthorizationError && (err as { status?: unknown }).status === 403;
}

function refusedEndpoint(err: unknown): EndpointName | undefined {
  return isRefusal(err) ? (err as Partial<ClientError>).endpointName : undefined;
}

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

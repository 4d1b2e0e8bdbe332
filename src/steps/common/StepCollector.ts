import {
  Entity,
  IntegrationError,
  IntegrationLogger,
  JobState,
  PublishEventLevel,
  Relationship,
} from '@jupiterone/integration-sdk-core';
import { CloudflareClient, EndpointName, EndpointParams, ListingResult, quiet } from '../../client';
import { addNewEntities, addNewRelationships } from '../../util/addNew';
import { oneLine } from '../../util/oneLine';
import { tagRefusal } from './refusal';

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
  /** Per-call query parameters beside the endpoint's own; undefined leaves one of those out (an option's filter). */
  query?: Record<string, string | undefined>;
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
 * A step's collection: listing + conversion + de-duplication, counts and
 * their closing log line, and partial marking.
 */
export class StepCollector {
  private readonly incomplete: string[] = [];
  private readonly tallies = new Map<string, Tally>();

  constructor(
    readonly client: CloudflareClient,
    readonly logger: IntegrationLogger,
    readonly jobState: JobState,
  ) {}

  tally(what: string): Tally {
    let tally = this.tallies.get(what);
    if (!tally) {
      tally = { added: 0, repeated: 0, skipped: 0 };
      this.tallies.set(what, tally);
    }
    return tally;
  }

  /**
   * Lists an endpoint to the end, converting each item and adding what the job
   * has not seen yet. An item that cannot be converted is skipped and named;
   * a listing that stopped early is warned about and marks the step partial.
   */
  async collect<T>(spec: CollectSpec<T>): Promise<ListingResult> {
    const tally = this.tally(spec.what);
    const result = await tagRefusal(spec.endpoint, () =>
      this.client.list<T>(
        spec.endpoint,
        spec.params,
        async (items) => {
          if (spec.prepare) await spec.prepare(items);
          const { entities, relationships, skipped, repeated } = this.convertAll(items, spec);
          await this.add(entities, relationships);
          const added = items.length - skipped - repeated;
          tally.added += added;
          tally.repeated += repeated;
          tally.skipped += skipped;
          spec.onAdded?.(added, repeated);
        },
        spec.query,
      ),
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

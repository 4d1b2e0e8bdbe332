import { IntegrationLogger } from '@jupiterone/integration-sdk-core';

/** What Progress needs of the rate limiter: how long N more requests will take. */
export interface PacingEstimate {
  estimateMs(requests: number): number;
}

interface GroupCounts {
  items: number;
  done: number;
  of: number;
}

/**
 * Progress of a long step over many units (zones) in groups (accounts): a
 * line each time another tenth of the units is done, with the items read so
 * far and, when the rate limit paces the run, about how long the rest will
 * take (at most ten lines a step, however large the estate); then a line per
 * group.
 */
export class Progress {
  private done = 0;
  private items = 0;
  private nextReport: number;
  private readonly step: number;
  private readonly groups = new Map<string, GroupCounts>();

  constructor(
    private readonly logger: IntegrationLogger,
    private readonly pacing: PacingEstimate,
    private readonly what: string,
    /** The group of each unit, e.g. the account of each zone. */
    unitGroups: readonly string[],
    private readonly unitName = 'zones',
    private readonly groupName = 'Account',
  ) {
    for (const group of unitGroups) this.counts(group).of++;
    this.step = Math.max(1, Math.ceil(unitGroups.length / 10));
    this.nextReport = this.step;
  }

  /** Items read (records) for a group. */
  add(group: string, items: number): void {
    this.items += items;
    this.counts(group).items += items;
  }

  /** One unit of a group finished; reports when another tenth is done (not at the end: the summary says that). */
  unitDone(group: string): void {
    this.done++;
    this.counts(group).done++;
    const total = this.total();
    if (this.done < this.nextReport || this.done >= total) return;
    while (this.nextReport <= this.done) this.nextReport += this.step;
    // One request per remaining unit at least: a floor, not a promise.
    const waitMs = this.pacing.estimateMs(total - this.done);
    const paced = waitMs >= 5000 ? `; paced by the rate limit, about ${formatDuration(waitMs)} to go` : '';
    this.logger.info(
      { done: this.done, total, items: this.items, estimatedWaitMs: waitMs },
      `${this.what}: ${this.done} of ${total} ${this.unitName} read, ${this.items} ${this.what} so far${paced}`,
    );
  }

  /** A line per group: what it gave, from how many of its units. */
  summarize(): void {
    for (const [group, c] of this.groups) {
      this.logger.info(
        `${this.groupName} ${group}: ${c.items} ${this.what} from ${c.done} of ${c.of} ${this.unitName}`,
      );
    }
  }

  private total(): number {
    let total = 0;
    for (const c of this.groups.values()) total += c.of;
    return total;
  }

  private counts(group: string): GroupCounts {
    let counts = this.groups.get(group);
    if (!counts) {
      counts = { items: 0, done: 0, of: 0 };
      this.groups.set(group, counts);
    }
    return counts;
  }
}

export function formatDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${(minutes / 60).toFixed(1)} h`;
}

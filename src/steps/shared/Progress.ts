import { IntegrationLogger } from '@jupiterone/integration-sdk-core';

/** What Progress needs of the rate limiter: how long N more requests will take. */
export interface PacingEstimate {
  estimateMs(requests: number): number;
}

/**
 * Progress lines for a long step: one each time another tenth of its units
 * (zones, say) is done, with the items read so far and, when the rate limit
 * paces the run, about how long the rest will take. At most ten lines a step,
 * however large the estate.
 */
export class Progress {
  private doneUnits = 0;
  private items = 0;
  private nextReport: number;
  private readonly step: number;

  constructor(
    private readonly logger: IntegrationLogger,
    private readonly pacing: PacingEstimate,
    private readonly what: string,
    private readonly totalUnits: number,
    private readonly unitName = 'zones',
  ) {
    this.step = Math.max(1, Math.ceil(totalUnits / 10));
    this.nextReport = this.step;
  }

  /** Items read (records), for the running count. */
  add(items: number): void {
    this.items += items;
  }

  /** Units finished; reports when another tenth is done (not at the very end: the step's summary says that). */
  done(units: number): void {
    this.doneUnits += units;
    if (this.doneUnits < this.nextReport || this.doneUnits >= this.totalUnits) return;
    while (this.nextReport <= this.doneUnits) this.nextReport += this.step;
    const remaining = this.totalUnits - this.doneUnits;
    // One request per remaining unit at least: a floor, not a promise.
    const waitMs = this.pacing.estimateMs(remaining);
    const paced = waitMs >= 5000 ? `; paced by the rate limit, about ${formatDuration(waitMs)} to go` : '';
    this.logger.info(
      { done: this.doneUnits, total: this.totalUnits, items: this.items, estimatedWaitMs: waitMs },
      `${this.what}: ${this.doneUnits} of ${this.totalUnits} ${this.unitName} read, ${this.items} ${this.what} so far${paced}`,
    );
  }
}

export function formatDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${(minutes / 60).toFixed(1)} h`;
}

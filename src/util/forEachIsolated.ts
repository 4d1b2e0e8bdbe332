import { IntegrationLogger, IntegrationProviderAuthenticationError } from '@jupiterone/integration-sdk-core';
import { oneLine } from './oneLine';

export interface ForEachIsolatedOptions<T> {
  concurrency: number;
  logger: IntegrationLogger;
  /** Names the item in messages, e.g. `account 0123…`. */
  describe: (item: T) => string;
}

/**
 * Runs `fn` over `items` with bounded concurrency. One item failing does not
 * stop the others: what they collect is kept. Afterwards the first failure is
 * rethrown (keeping its SDK error class) so the step is reported as failed and
 * its types as partial, never as complete.
 *
 * One exception: when Cloudflare rejects the token itself (401, or 403
 * "Invalid access token": IntegrationProviderAuthenticationError) before any
 * item has succeeded, every item would fail the same way; no more items are
 * started. A 403 authorization refusal is about its item only (a token may
 * read some accounts or zones and not others): the other items go on. Where
 * one kind of refusal repeats per zone, ZoneRefusals bounds its cost.
 */
export async function forEachIsolated<T>(
  items: readonly T[],
  options: ForEachIsolatedOptions<T>,
  fn: (item: T) => Promise<unknown>,
): Promise<void> {
  const failures: Array<{ item: T; error: Error }> = [];
  let next = 0;
  let succeeded = 0;
  let refused = false;
  const worker = async () => {
    while (next < items.length && !refused) {
      const item = items[next++];
      try {
        await fn(item);
        succeeded++;
      } catch (err) {
        const error = err as Error;
        failures.push({ item, error });
        if (error instanceof IntegrationProviderAuthenticationError && succeeded === 0) {
          // Concurrent items fail the same way: say it once.
          if (!refused)
            options.logger.warn(oneLine(`Stopping ${options.describe(item)} and the rest: ${error.message}`));
          refused = true;
        } else {
          // The message says it all; the step failure at the end carries the error itself.
          options.logger.warn(
            oneLine(`Collection failed for ${options.describe(item)}: ${error.message}. Continuing with the rest.`),
          );
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, items.length) }, () => worker()));
  if (failures.length > 0) {
    const [first] = failures;
    if (refused) {
      const skipped = items.length - failures.length - succeeded;
      if (skipped > 0) first.error.message += ` (${skipped} of ${items.length} not attempted)`;
    } else if (failures.length > 1) {
      first.error.message =
        `${failures.length} of ${items.length} failed (first: ${options.describe(first.item)}): ` + first.error.message;
    }
    throw first.error;
  }
}

import { IntegrationLogger } from '@jupiterone/integration-sdk-core';

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
 */
export async function forEachIsolated<T>(
  items: readonly T[],
  options: ForEachIsolatedOptions<T>,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  const failures: Array<{ item: T; error: Error }> = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (err) {
        const error = err as Error;
        failures.push({ item, error });
        options.logger.warn(
          { err: error },
          `Collection failed for ${options.describe(item)}: ${error.message}. Continuing with the rest.`,
        );
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency, items.length) }, () => worker()),
  );
  if (failures.length > 0) {
    const [first] = failures;
    if (failures.length > 1) {
      first.error.message =
        `${failures.length} of ${items.length} failed (first: ${options.describe(first.item)}): ` +
        first.error.message;
    }
    throw first.error;
  }
}

/**
 * Runs `work` for `key`; the first call for a key runs at once and every later
 * one waits until it has settled. Used where the first request of an account
 * tells what the others need to know (a 403, a retired endpoint, no Zero
 * Trust), so one answer is learnt before the rest go out.
 */
export async function firstGoesAlone<T>(
  firsts: Map<string, Promise<unknown>>,
  key: string,
  work: () => Promise<T>,
): Promise<T> {
  const first = firsts.get(key);
  if (!first) {
    const running = work();
    // Settled either way: the waiting calls only need it to have finished.
    firsts.set(
      key,
      running.catch(() => undefined),
    );
    return running;
  }
  await first;
  return work();
}

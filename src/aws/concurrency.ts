// A bounded async merge of page streams (images OWNED and SHARED, bundles AMAZON and own).
// Hand-written because it is a few lines and the extension has no runtime dependency that provides
// async-iterable merges. How many calls run at once is the scheduler's business
// (src/aws/scheduler.ts); splitting ids into calls is src/core/chunk.ts.

type Settled<V> = { key: number; ok: true; value: V } | { key: number; ok: false; error: unknown };

function settle<V>(key: number, p: Promise<V>): Promise<Settled<V>> {
  return p.then(
    (value) => ({ key, ok: true as const, value }),
    (error: unknown) => ({ key, ok: false as const, error }),
  );
}

/**
 * Merges several page streams, running at most `limit` of them at once, and yields each page as
 * soon as it arrives (arrival order, not source order). Each running source fetches its next page
 * while the consumer handles the current one. The first error ends the merge (and is thrown);
 * breaking out of the loop closes the running sources without waiting for them.
 */
export async function* mergeBounded<T>(
  sources: ReadonlyArray<() => AsyncIterable<T>>,
  limit: number,
): AsyncGenerator<T> {
  const queue = [...sources];
  const running = new Map<number, { it: AsyncIterator<T>; next: Promise<Settled<IteratorResult<T>>> }>();
  let nextKey = 0;
  const startOne = (): void => {
    const make = queue.shift();
    if (!make) return;
    const it = make()[Symbol.asyncIterator]();
    const key = nextKey++;
    running.set(key, { it, next: settle(key, it.next()) });
  };
  while (running.size < limit && queue.length > 0) startOne();
  try {
    while (running.size > 0) {
      const r = await Promise.race([...running.values()].map((e) => e.next));
      if (!r.ok) {
        running.delete(r.key);
        throw r.error;
      }
      const entry = running.get(r.key);
      if (!entry) continue;
      if (r.value.done) {
        running.delete(r.key);
        startOne();
        continue;
      }
      entry.next = settle(r.key, entry.it.next());
      yield r.value.value;
    }
  } finally {
    for (const { it } of running.values()) {
      // Not awaited: an async generator's return() waits for its in-flight request.
      void it.return?.()?.catch?.(() => undefined);
    }
  }
}

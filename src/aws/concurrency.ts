// Small concurrency helpers for the AWS layer: a counting limiter, chunking, a bounded async merge
// of page streams and a concurrent map over a page stream. Hand-written because they are a few
// lines each and the extension has no runtime dependency that provides async-iterable merges.

/** Runs at most `max` tasks at once; the others wait in FIFO order. */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new RangeError(`Limiter needs max >= 1, got ${max}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

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

/**
 * Maps each item of `source` through `fn`, with at most `limit` calls of `fn` pending, pulling the
 * next source item while earlier calls run. Yields results in completion order. The first error
 * (of the source or of `fn`) ends the stream.
 */
export async function* mapConcurrent<T, U>(
  source: AsyncIterable<T>,
  fn: (item: T) => Promise<U>,
  limit: number,
): AsyncGenerator<U> {
  const it = source[Symbol.asyncIterator]();
  const SOURCE = -1;
  const pending = new Map<number, Promise<Settled<U>>>();
  let sourceNext: Promise<Settled<IteratorResult<T>>> | undefined;
  let sourceDone = false;
  let nextKey = 0;
  try {
    for (;;) {
      if (!sourceDone && !sourceNext && pending.size < limit) sourceNext = settle(SOURCE, it.next());
      const waits: Array<Promise<Settled<IteratorResult<T>> | Settled<U>>> = [...pending.values()];
      if (sourceNext) waits.push(sourceNext);
      if (waits.length === 0) return;
      const r = await Promise.race(waits);
      if (!r.ok) {
        if (r.key === SOURCE) sourceDone = true;
        throw r.error;
      }
      if (r.key === SOURCE) {
        sourceNext = undefined;
        const res = r.value as IteratorResult<T>;
        if (res.done) {
          sourceDone = true;
        } else {
          const key = nextKey++;
          pending.set(key, settle(key, fn(res.value)));
        }
        continue;
      }
      pending.delete(r.key);
      yield r.value as U;
    }
  } finally {
    if (!sourceDone) void it.return?.()?.catch?.(() => undefined);
  }
}

/** Runs `fn` on every item with at most `limit` at once; results in input order. */
export async function mapLimit<T, U>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<U>,
): Promise<U[]> {
  const limiter = new Limiter(limit);
  return Promise.all(items.map((item, i) => limiter.run(() => fn(item, i))));
}

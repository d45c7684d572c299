import assert from 'node:assert/strict';
import { mergeBounded } from '../../../src/aws/concurrency';

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function* source(
  name: string,
  pages: number,
  delayMs: number,
  live: { now: number; max: number; closed: string[] },
): AsyncGenerator<string> {
  live.now++;
  live.max = Math.max(live.max, live.now);
  try {
    for (let i = 0; i < pages; i++) {
      await tick(delayMs);
      yield `${name}${i}`;
    }
  } finally {
    live.now--;
    live.closed.push(name);
  }
}

describe('aws concurrency helpers', () => {
  it('mergeBounded yields every page of every source once, with at most `limit` running', async () => {
    const live = { now: 0, max: 0, closed: [] as string[] };
    const got: string[] = [];
    for await (const p of mergeBounded(
      ['a', 'b', 'c', 'd', 'e'].map((n, i) => () => source(n, 3, 1 + i, live)),
      2,
    )) {
      got.push(p);
    }
    assert.equal(live.max, 2);
    assert.deepEqual(
      [...got].sort(),
      ['a', 'b', 'c', 'd', 'e'].flatMap((n) => [0, 1, 2].map((i) => `${n}${i}`)).sort(),
    );
    // Arrival order: a (fast) and b interleave.
    assert.notDeepEqual(got.slice(0, 3), ['a0', 'a1', 'a2']);
  });

  it('mergeBounded stops the running sources when the consumer breaks', async () => {
    const live = { now: 0, max: 0, closed: [] as string[] };
    for await (const p of mergeBounded(
      ['a', 'b', 'c'].map((n) => () => source(n, 100, 1, live)),
      2,
    )) {
      if (p) break;
    }
    await tick(20);
    assert.equal(live.now, 0);
    assert.deepEqual(live.closed.sort(), ['a', 'b']);
  });

  it('mergeBounded throws the first error', async () => {
    async function* bad(): AsyncGenerator<string> {
      await tick(1);
      throw new Error('boom');
    }
    const live = { now: 0, max: 0, closed: [] as string[] };
    await assert.rejects(
      (async () => {
        for await (const _ of mergeBounded([() => source('a', 100, 5, live), bad], 2)) void _;
      })(),
      /boom/,
    );
  });
});

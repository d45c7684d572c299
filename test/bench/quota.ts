// The benchmark's scenarios under the WorkSpaces API quota (2 calls/s, burst 5 per account and
// region, as AWS documents it; or scaled up so that a 10,000 listing takes seconds, not minutes):
// - cold open: a fresh process lists every scope (first row, full listing against the quota bound,
//   requests against the minimum, throttled, error rows), and optionally refreshes;
// - warm open: a first process lists and saves the persistent cache; a second one opens with it
//   (every cached row in the model, the requests before that, then the revalidation);
// - Stops fired into a cold listing at the real rate (each one's answer);
// - a poll tick of moving WorkSpaces fired into a listing (its calls, and their order in the
//   emulator's request log against the listing's);
// - how fast the scheduler learns a raised quota.
// The emulator runs here with its quota on; each run is a fresh measured process (client.ts).
// Shared by `npm run bench` (run.ts) and the smoke test (smoke.ts).
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Counts, Emulator, FleetSeed, RecordedRequest } from '../emulator';
import type {
  FlushReply,
  FollowReply,
  InitRequest,
  ListReply,
  ReadyReply,
  Request,
  StopReply,
  TickReply,
} from './client';
import { openFleet, setMoving, UNPACED, withClient, type BenchFleet, type Client, type ClientOptions } from './driver';
import { quotaBound, REAL_QUOTA, type FleetShape, type Quota, type QuotaBound } from './shape';
import { wallMs } from '../support/clock';

export interface QuotaRunOptions extends ClientOptions {
  runs: number;
  /** Distinct warnings the measured processes printed. */
  warned: Set<string>;
}

/** Where a scenario runs: the fleet, the emulator's quota and its latency per request. */
export interface Setting {
  id: string;
  title: string;
  seed: FleetSeed;
  quota: Quota;
  latencyMs: number;
}

/** A listing, and what the emulator saw of it. */
export interface Listed extends ListReply {
  counts: Counts;
}

interface Result {
  setting: Setting;
  shape: FleetShape;
}

/**
 * What the measured process's schedulers start from: at AWS's documented quota, the layer's own
 * default (the extension's); at a scaled quota, that quota (an account whose raised quota is
 * known), so the listing measures the pacing, not how long the probing takes.
 */
export function priorOf(q: Quota): Pick<InitRequest, 'scheduler'> {
  return q.rate === REAL_QUOTA.rate && q.burst === REAL_QUOTA.burst
    ? {}
    : { scheduler: { rate: q.rate, burst: q.burst } };
}

export const isRealQuota = (q: Quota): boolean => q.rate === REAL_QUOTA.rate && q.burst === REAL_QUOTA.burst;

/** Calls the emulator answered (what counts against the quota), throttled ones aside. */
export const accepted = (c: Counts): number => c.total - c.throttled;

async function ask(emu: Emulator, c: Client, req: Request): Promise<Listed> {
  const l = await c.ask<ListReply>(req);
  return { ...l, counts: emu.counts() };
}

/** One run: the fleet, a fresh measured process already initialised, what it answered. */
interface Run {
  f: BenchFleet;
  c: Client;
  ready: ReadyReply;
  run: number;
}

/**
 * Runs `each` once per run, each time in a fresh measured process initialised with the fleet's
 * profiles and `init` (default: the scheduler prior of the quota), on a fleet opened for the
 * setting, with full buckets and the seeded fleet each time (emu.reset()); closes the fleet.
 */
async function perRun<T>(
  s: Setting,
  o: QuotaRunOptions,
  each: (r: Run) => Promise<T>,
  opts: { init?: (f: BenchFleet) => Partial<InitRequest>; before?: (f: BenchFleet) => Promise<void> } = {},
): Promise<{ shape: FleetShape; runs: T[] }> {
  const f = await openFleet(s.seed, {
    latencyMs: s.latencyMs,
    quota: s.quota,
    ...(o.awsModule ? { awsModule: o.awsModule } : {}),
  });
  try {
    await opts.before?.(f);
    const runs: T[] = [];
    for (let run = 0; run < o.runs; run++) {
      f.emu.reset();
      f.emu.resetCounts();
      const init = opts.init ? opts.init(f) : priorOf(s.quota);
      runs.push(
        await withClient(f, o, o.warned, async (c) => {
          const ready = await c.ask<ReadyReply>({ type: 'init', ...f.scopes, ...init });
          return each({ f, c, ready, run });
        }),
      );
    }
    return { shape: f.shape, runs };
  } finally {
    await f.close();
  }
}

const say = (o: QuotaRunOptions, line: string): void => o.progress?.(line);
const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

// ---- cold open -----------------------------------------------------------------------------------

export interface ColdResult extends Result {
  bound: QuotaBound;
  runs: Array<{ ready: ReadyReply; open: Listed; refresh?: Listed }>;
}

/** A fresh process lists every scope (opening the view), then, with `refresh`, lists again. */
export async function coldOpen(s: Setting, o: QuotaRunOptions, refresh = false): Promise<ColdResult> {
  const r = await perRun(s, o, async ({ f, c, ready, run }) => {
    const open = await ask(f.emu, c, { type: 'list' });
    f.emu.resetCounts();
    const again = refresh ? await ask(f.emu, c, { type: 'list' }) : undefined;
    say(
      o,
      `  run ${run + 1}/${o.runs}: first row ${open.firstPageMs.toFixed(0)} ms, full ${sec(open.fullMs)}, ` +
        `${accepted(open.counts)} requests + ${open.counts.throttled} throttled` +
        (again
          ? `; refresh ${sec(again.fullMs)}, ${accepted(again.counts)} + ${again.counts.throttled} throttled`
          : ''),
    );
    return { ready, open, ...(again ? { refresh: again } : {}) };
  });
  return { setting: s, ...r, bound: quotaBound(r.shape, s.quota) };
}

export interface FirstRowResult extends Result {
  runs: Listed[];
}

/** A fresh process starts listing every scope; the listing is cancelled once the first page of
 *  WorkSpaces is in the model (the first row of the view). */
export async function firstRow(s: Setting, o: QuotaRunOptions): Promise<FirstRowResult> {
  const r = await perRun(s, o, async ({ f, c, run }) => {
    await c.ask({ type: 'listStart' });
    await c.ask({ type: 'firstPage' });
    const l = await ask(f.emu, c, { type: 'listCancel' });
    say(o, `  run ${run + 1}/${o.runs}: first row ${l.firstPageMs.toFixed(0)} ms`);
    return l;
  });
  return { setting: s, ...r };
}

// ---- warm open -----------------------------------------------------------------------------------

export interface WarmResult extends Result {
  bound: QuotaBound;
  /** The first process's listing (unpaced, quota off: not measured) and the cache it saved. */
  cache: FlushReply;
  runs: Array<{
    ready: ReadyReply;
    /** Requests that reached the emulator before the cached rows were in the model. */
    before: number;
    revalidation: Listed;
  }>;
}

/**
 * A first process lists the fleet and saves the persistent cache (FleetCache in the fleet's temp
 * folder; the quota is lifted for it, it is not what is measured); then, per run, a fresh process
 * opens the view with that cache: the cached rows are timed from Fleet.loadProfiles() (AWS layer
 * loaded on the way, as when the view opens), and the revalidation, started as soon as the
 * profiles are there (as the explorer does), against the quota bound.
 */
export async function warmOpen(s: Setting, o: QuotaRunOptions): Promise<WarmResult> {
  let cache: FlushReply = { type: 'flushed', entries: 0, bytes: 0 };
  const cacheDir = (f: BenchFleet): string => join(f.dir, 'cache');
  const r = await perRun(
    s,
    o,
    async ({ f, c, ready, run }) => {
      const h = ready.hydration;
      if (!h) throw new Error('the cache was not used');
      const before = f.emu.requests().filter((q) => q.time < h.at).length;
      const revalidation = await ask(f.emu, c, { type: 'listWait' });
      say(
        o,
        `  run ${run + 1}/${o.runs}: ${h.workspaces} cached rows in the model after ${h.ms.toFixed(0)} ms (${before} requests before), ` +
          `revalidated in ${sec(revalidation.fullMs)}, ${accepted(revalidation.counts)} requests + ${revalidation.counts.throttled} throttled`,
      );
      return { ready, before, revalidation };
    },
    {
      init: (f) => ({ ...priorOf(s.quota), cacheDir: cacheDir(f), open: true }),
      before: async (f) => {
        f.emu.setQuota(false);
        cache = await withClient(f, o, o.warned, async (c) => {
          await c.ask<ReadyReply>({ type: 'init', ...f.scopes, scheduler: UNPACED, cacheDir: cacheDir(f) });
          await c.ask<ListReply>({ type: 'list' });
          return c.ask<FlushReply>({ type: 'flush' });
        });
        f.emu.setQuota(s.quota);
        say(o, `  cache saved by a first process: ${cache.entries} file(s), ${(cache.bytes / 2 ** 20).toFixed(1)} MB`);
      },
    },
  );
  return { setting: s, ...r, cache, bound: quotaBound(r.shape, s.quota) };
}

// ---- actions and polls during a listing ------------------------------------------------------------

/** Waits until `ms` after `t0` (epoch ms). */
const until = (t0: number, ms: number): Promise<void> => sleep(Math.max(0, t0 + ms - wallMs()));

export interface StopsResult extends Result {
  /** When the Stops are fired, ms after the listing started. */
  at: number[];
  runs: Array<{ stops: Array<StopReply & { throttled: number }>; listing: Listed }>;
}

/**
 * A fresh process starts a cold listing; one Stop (of an AVAILABLE AutoStop WorkSpace) is fired at
 * each of `at` ms into it, as the command pipeline sends it (StopWorkspaces at 'action' priority);
 * the listing is cancelled after the last answer.
 */
export async function stopsDuringListing(s: Setting, at: readonly number[], o: QuotaRunOptions): Promise<StopsResult> {
  const r = await perRun(s, o, async ({ f, c, run }) => {
    const scope = f.shape.scopes[0];
    const world = f.emu.world(scope.profile, scope.region);
    const ids = world
      .workspaceIds()
      .filter((id) => {
        const w = world.requireWorkspace(id).data;
        return w.State === 'AVAILABLE' && w.WorkspaceProperties?.RunningMode === 'AUTO_STOP';
      })
      .slice(0, at.length);
    if (ids.length < at.length) throw new Error('not enough AVAILABLE AutoStop WorkSpaces to stop');
    const { startedAt } = await c.ask<{ type: 'started'; startedAt: number }>({ type: 'listStart' });
    const stops: StopsResult['runs'][number]['stops'] = [];
    for (const [i, ms] of at.entries()) {
      await until(startedAt, ms);
      const stop = await c.ask<StopReply>({ type: 'stop', scope: scope.key, ids: [ids[i]] });
      const throttled = f.emu
        .requests()
        .filter((q) => q.op === 'StopWorkspaces' && q.fault === 'quota' && q.time >= stop.firedAt).length;
      stops.push({ ...stop, throttled });
    }
    const listing = await ask(f.emu, c, { type: 'listCancel' });
    say(
      o,
      `  run ${run + 1}/${o.runs}: ${stops.map((x) => `Stop at ${sec(x.firedAt - startedAt)} answered in ${x.ms.toFixed(0)} ms`).join(', ')}; first row ${listing.firstPageMs.toFixed(0)} ms`,
    );
    return { stops, listing };
  });
  return { setting: s, ...r, at: [...at] };
}

/** The calls of a poll tick in the emulator's log, and the listing's calls that came between. */
export interface TickOrder {
  /** The tick's answered calls by operation (by-id reads, status of those that settled). */
  calls: Record<string, number>;
  throttled: number;
  /** Listing calls that reached the emulator after the tick was fired and before its last call. */
  between: number;
}

export function tickOrder(log: readonly RecordedRequest[], firedAt: number, moving: ReadonlySet<string>): TickOrder {
  const ids = (r: RecordedRequest): unknown[] | undefined =>
    Array.isArray(r.params.WorkspaceIds) ? (r.params.WorkspaceIds as unknown[]) : undefined;
  // A listing's status call names a page of the region (25 ids in a row), never only moving ones.
  const ofTick = (r: RecordedRequest): boolean =>
    (r.op === 'DescribeWorkspaces' && ids(r) !== undefined) ||
    (r.op === 'DescribeWorkspacesConnectionStatus' && (ids(r) ?? []).every((id) => moving.has(String(id))));
  const after = log.filter((r) => r.time >= firedAt);
  const tick = after.filter(ofTick);
  const last = Math.max(...tick.map((r) => r.time));
  const calls: Record<string, number> = {};
  for (const r of tick) if (r.fault !== 'quota') calls[r.op] = (calls[r.op] ?? 0) + 1;
  return {
    calls,
    throttled: tick.filter((r) => r.fault === 'quota').length,
    between: after.filter((r) => r.time <= last && !ofTick(r)).length,
  };
}

export interface TickResult extends Result {
  moving: number;
  intervalMs: number;
  runs: Array<{ followed: FollowReply; tick: TickReply; order: TickOrder; listing: Listed }>;
}

/**
 * `moving` WorkSpaces of the first scope are set moving (STARTING for 10 minutes); a fresh process
 * starts a cold listing, follows them after `followAtMs` as an accepted Start does (a re-read by
 * id at 'action' priority), and one poll interval (`intervalMs`) later a poll tick is fired while
 * the listing runs, as the poller does; the listing is cancelled after the tick's answer.
 */
export async function tickDuringListing(
  s: Setting,
  moving: number,
  t: { followAtMs: number; intervalMs: number },
  o: QuotaRunOptions,
): Promise<TickResult> {
  const r = await perRun(s, o, async ({ f, c, run }) => {
    const scope = f.shape.scopes[0];
    const ids = setMoving(f.emu, scope, moving);
    const { startedAt } = await c.ask<{ type: 'started'; startedAt: number }>({ type: 'listStart' });
    await until(startedAt, t.followAtMs);
    const followed = await c.ask<FollowReply>({ type: 'follow', scope: scope.key, ids });
    await sleep(t.intervalMs);
    const tick = await c.ask<TickReply>({ type: 'tick' });
    const listing = await ask(f.emu, c, { type: 'listCancel' });
    const order = tickOrder(f.emu.requests(), tick.firedAt, new Set(ids));
    say(
      o,
      `  run ${run + 1}/${o.runs}: tick at ${sec(tick.firedAt - startedAt)} into the listing: ${JSON.stringify(order.calls)}, ` +
        `answered in ${tick.ms.toFixed(0)} ms; listing calls between: ${order.between} (in flight when fired: ${tick.queue.inFlight}, queued: ${tick.queue.queued.background})`,
    );
    return { followed, tick, order, listing };
  });
  return { setting: s, ...r, moving, intervalMs: t.intervalMs };
}

// ---- learning a raised quota ------------------------------------------------------------------------

export interface LearnResult extends Result {
  /** The rate the scheduler has to reach (calls/s). */
  target: number;
  runs: Array<{
    /** When the scheduler's rate first reached the target, ms after the listing started (-1: never). */
    reachedMs: number;
    /** Calls per second the emulator answered in the 5 s after that. */
    acceptedPerS: number;
    /** Throttled calls until then. */
    throttled: number;
    listing: Listed;
  }>;
}

/**
 * The emulator's quota raised (`s.quota`), the scheduler starting from the extension's default
 * (AWS's documented 2/s): a cold listing runs until the scheduler's rate reaches `target` and then
 * 5 s more (or `maxMs`), then is cancelled.
 */
export async function learnRaisedQuota(
  s: Setting,
  target: number,
  o: QuotaRunOptions,
  maxMs = 120_000,
): Promise<LearnResult> {
  const r = await perRun(
    s,
    o,
    async ({ f, c, run }) => {
      const { startedAt } = await c.ask<{ type: 'started'; startedAt: number }>({
        type: 'listStart',
        sampleRate: true,
      });
      // The client samples its rate; the emulator's log tells when the calls came. Poll the log for
      // a throughput near the target, then let the client's samples say when the rate got there.
      const near = (): boolean => {
        const t = wallMs() - 2000;
        return f.emu.requests().filter((q) => q.time >= t && q.fault !== 'quota').length >= 2 * target * 0.9;
      };
      while (wallMs() - startedAt < maxMs && !near()) await sleep(250);
      await sleep(5000);
      const listing = await ask(f.emu, c, { type: 'listCancel' });
      const reached = (listing.rates ?? []).find(([, rate]) => rate >= target)?.[0] ?? -1;
      const log = f.emu.requests();
      const at = startedAt + reached;
      const window = log.filter((q) => q.fault !== 'quota' && q.time >= at && q.time < at + 5000).length / 5;
      const throttled = log.filter((q) => q.fault === 'quota' && q.time < at).length;
      say(
        o,
        `  run ${run + 1}/${o.runs}: rate ≥ ${target}/s after ${reached < 0 ? 'never' : sec(reached)}, then ${window.toFixed(1)} calls/s answered; ${throttled} throttled until then`,
      );
      return { reachedMs: reached, acceptedPerS: window, throttled, listing };
    },
    // The extension's own scheduler: AWS's documented 2/s, learning.
    { init: () => ({}) },
  );
  return { setting: s, ...r, target };
}

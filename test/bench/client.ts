// The measured side of the benchmark, run in its own process (forked by test/bench/driver.ts, with
// --expose-gc) so its heap holds only what the extension holds: the AWS layer bundle the extension
// loads (dist/aws.js, or out/src/aws when no bundle was built), the fleet model of src/fleet (with
// its persistent cache when asked), and the listed WorkSpaces. The emulator runs in the parent
// process. Driven over IPC, one step at a time, so the parent can reset and read the emulator's
// counters between steps, and fire actions and poll ticks while a listing runs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type * as Aws from '../../src/aws';
import type { SchedulerStats, SchedulerTuning } from '../../src/aws/scheduler';
import type { ActionOutcome } from '../../src/core/types';
import { FleetCache } from '../../src/fleet/cache';
import { Fleet, Poller, type FleetSettings } from '../../src/fleet/fleet';
import { DEFAULT_FRESHNESS_MS, FleetShare } from '../../src/fleet/share';
import type { ScopeChange, ScopeModel } from '../../src/fleet/scopeModel';
import { testClock } from '../support/clock';

export interface InitRequest {
  type: 'init';
  regions: Record<string, string[]>;
  /** How many WorkSpaces each scope (key "profile|region") holds, to time the last row. */
  rows: Record<string, number>;
  /** The request schedulers' prior (createAwsLayer's `scheduler`): the quota the account is known
   *  to have. Default: the layer's own (AWS's documented 2 calls/s, burst 5, adaptive). */
  scheduler?: Partial<SchedulerTuning>;
  /** The persistent cache's folder (FleetCache), as the extension's global storage. */
  cacheDir?: string;
  /** Open the view as the extension does: the AWS layer is loaded when the fleet first asks for it
   *  (inside the timed loadProfiles), and every scope's listing starts as soon as the profiles (and
   *  the cached rows) are there. Without it the layer is loaded and the profiles read first, and
   *  the listing waits for 'list' / 'listStart'. */
  open?: boolean;
  /**
   * A window sharing the cache folder with other windows (src/fleet/share.ts), as the extension
   * runs it: one listing per scope, fresh data kept. Needs `cacheDir` and `open`; the scopes are
   * opened as the explorer opens them (ensureLoaded), and 'waitComplete' says when all is shown.
   */
  share?: { windowId: string; freshnessMs?: number; ttlMs?: number; heartbeatMs?: number; pollMs?: number };
  /** Named in the User-Agent (the emulator's request log tells the windows apart). */
  windowId?: string;
  /** The organisations of IAM Identity Center to show (the workspacesFleet.identityCenter setting). */
  identityCenter?: FleetSettings['identityCenter'];
  /**
   * Open the view as the explorer does (src/tree/explorer.ts): once the profiles are read, every
   * scope is opened with ensureLoaded (directories and WorkSpaces, through the Fleet's gate of
   * SCOPES_AT_ONCE). 'waitTree' answers once every scope is shown, with the scopes that were
   * listing at once and the process's memory meanwhile. Needs `open`; not with `share`.
   */
  explorer?: boolean;
}

export type Request =
  | InitRequest
  /** A listing of every scope, awaited (listStart + listWait). */
  | { type: 'list' }
  /** Starts a listing of every scope (the tree's WorkSpaces nodes) and answers at once. With
   *  `sampleRate`, the first scope's scheduler rate is sampled every 100 ms while it runs. */
  | { type: 'listStart'; sampleRate?: boolean }
  | { type: 'listWait' }
  /** Answers once the running listing's first page of WorkSpaces is in the model. */
  | { type: 'firstPage' }
  /** Drops every call of every scope (waiting or in flight) and ends the listing. */
  | { type: 'listCancel' }
  /** Re-reads WorkSpaces by id as an accepted action does (priority 'action' by default). */
  | { type: 'follow'; scope: string; ids: string[] }
  /** One tick of the poller (the moving WorkSpaces, by id, at 'interactive'). */
  | { type: 'tick' }
  /** StopWorkspaces of these ids, as the command pipeline sends it (priority 'action'). */
  | { type: 'stop'; scope: string; ids: string[] }
  /** Writes the persistent cache now (what the extension does when it is deactivated). */
  | { type: 'flush' }
  /** (share) Answers once every scope shows all its rows, fresh, listed here or by another window. */
  | { type: 'waitComplete' }
  /** (explorer) Answers once every scope's directories and WorkSpaces are loaded (or failed). */
  | { type: 'waitTree' }
  | { type: 'exit' };

export interface ReadyReply {
  type: 'ready';
  /** process.version of the measured process. */
  node: string;
  awsModule: string;
  /** Loading the AWS layer module and reading the profiles, ms (with `open`: and the cache). */
  loadMs: number;
  /** Heap in use after loading the layer and a full gc (bytes). */
  baselineHeap: number;
  scopes: string[];
  /** With a cache: how the first showing of cached rows went (Fleet.hydration), and when the rows
   *  were in the model (epoch ms, to compare with the emulator's request log). */
  hydration?: { scopes: number; workspaces: number; ms: number; profilesMs: number; cacheMs: number; at: number };
}

/** The scheduler's queue and bucket when an action or a tick was fired (its first scope). */
export type QueueAt = Pick<SchedulerStats, 'queued' | 'inFlight' | 'tokens' | 'rate'>;

export interface ListReply {
  type: 'listed';
  /** When the listing started: epoch ms (performance.timeOrigin + now), to line up with the
   *  emulator's request log. */
  startedAt: number;
  /** From the start of the listing to the first page of WorkSpaces rows (any scope), ms. */
  firstPageMs: number;
  /** Until every scope's rows are all there (their status may still be on its way), ms; -1 on a
   *  re-listing (the rows of the previous listing are still shown, so it cannot be seen). */
  allRowsMs: number;
  /** Until every directory, WorkSpace and connection status is loaded, ms (until the cancel when
   *  the listing was cancelled). */
  fullMs: number;
  cancelled: boolean;
  rows: number;
  rowsWithStatus: number;
  directories: number;
  /** Highest heap in use seen during the listing (sampled every 2 ms and at every change event). */
  peakHeap: number;
  /** Highest heap in use right after a full (mark-compact) collection during the listing: the
   *  peak of what was live, without the garbage `peakHeap` includes; -1 when none ran. */
  peakLiveHeap: number;
  /** Full collections during the listing. */
  majorGcs: number;
  /** Heap in use after the listing and a full gc: what the loaded fleet keeps. */
  retainedHeap: number;
  /** CPU time of this process during the listing, ms (user + system). */
  cpuMs: number;
  /** Scopes whose listing failed, with the error. */
  errors: string[];
  /** Rows shown without their connection status because its call failed. */
  statusErrors: number;
  /** Calls the schedulers saw throttled, and their probes upward that were refused. */
  throttled: number;
  /** The first scope's scheduler rate over time (ms since the start, calls/s), when sampled. */
  rates?: Array<[number, number]>;
}

export interface FollowReply {
  type: 'following';
  moving: number;
}

export interface TickReply {
  type: 'ticked';
  ms: number;
  scopesPolled: number;
  /** When it was fired, epoch ms. */
  firedAt: number;
  queue: QueueAt;
}

export interface StopReply {
  type: 'stopped';
  /** From firing the Stop to its answer, ms. */
  ms: number;
  firedAt: number;
  outcomes: ActionOutcome[];
  queue: QueueAt;
}

export interface CompleteReply {
  type: 'complete';
  /** From init (the window opening) to every row shown, fresh: ms. */
  ms: number;
  /** When, epoch ms. */
  at: number;
  rows: number;
  /** Scopes this window listed itself (the others came from another window or the cache). */
  listedHere: number;
  /** Scopes it showed from another window's listing (it followed that window). */
  followed: number;
}

export interface TreeReply {
  type: 'tree';
  /** From init (the view opening: the AWS layer loads, the organisations are read) to every scope
   *  shown (directories and WorkSpaces loaded or failed), ms. */
  ms: number;
  /** From init to the profiles read (the organisations' accounts known, the scopes made), ms. */
  profilesMs: number;
  /** When every scope was shown, epoch ms. */
  at: number;
  scopes: number;
  /** Scopes with a section that failed, with the error. */
  errors: string[];
  rows: number;
  rowsWithStatus: number;
  directories: number;
  /** Scopes without a directory or a WorkSpace. */
  empty: number;
  /** The most scopes listing (a section loading) at once. */
  peakScopesInFlight: number;
  /** What the organisations of the settings came to (the tree's organisation rows). */
  organizations: Array<{ id: string; state: string; shown: number; total: number; error?: string }>;
  /** Memory of this process (bytes): at init (before the AWS layer), and the peaks until the whole
   *  tree was shown — RSS and V8 heap in use sampled every 5 ms and at every change, and the
   *  process's maxRSS (getrusage: the true peak of its resident set, from its start). */
  baselineRss: number;
  baselineHeap: number;
  peakRss: number;
  peakHeap: number;
  maxRss: number;
  /** Heap in use after the whole tree and a full gc: what the loaded fleet keeps. */
  retainedHeap: number;
  /** CPU time of this process from init to the whole tree, ms (user + system). */
  cpuMs: number;
}

export interface FlushReply {
  type: 'flushed';
  entries: number;
  bytes: number;
}

export type Reply =
  | ReadyReply
  | ListReply
  | { type: 'started'; startedAt: number }
  | { type: 'firstPage'; ms: number }
  | FollowReply
  | TickReply
  | StopReply
  | FlushReply
  | CompleteReply
  | TreeReply
  | { type: 'error'; message: string };

const ROOT = join(__dirname, '..', '..', '..');
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const heapUsed = (): number => getHeapStatistics().used_heap_size;
const epoch = (t: number): number => performance.timeOrigin + t;

let fleet: Fleet | undefined;
let layer: Aws.AwsLayer | undefined;
let expectedRows: Record<string, number> = {};
let listing: Listing | undefined;
let share: FleetShare | undefined;
let openedAt = 0;
const followedScopes = new Set<string>();
let tree: TreeWatch | undefined;

function loadAwsModule(): { module: typeof Aws; path: string } {
  // The bundle the extension really loads at run time; the tsc output when it was not built.
  const bundle = join(ROOT, 'dist', 'aws.js');
  const path =
    process.env.WSF_BENCH_AWS === 'src' || !existsSync(bundle) ? join(ROOT, 'out', 'src', 'aws', 'index.js') : bundle;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return { module: require(path) as typeof Aws, path };
}

function scopeOf(key: string): ScopeModel {
  const s = (fleet as Fleet).allScopes().find((x) => x.key === key);
  if (!s) throw new Error(`no scope ${key}`);
  return s;
}

function queueOf(s: ScopeModel): QueueAt {
  const { queued, inFlight, tokens, rate } = (layer as Aws.AwsLayer).stats(s.scope);
  return { queued, inFlight, tokens, rate };
}

async function init(req: InitRequest): Promise<ReadyReply> {
  expectedRows = req.rows;
  let awsPath = '';
  // The same options as the extension (src/tree/explorer.ts); the shared files come from
  // AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE set by the parent.
  const makeLayer = (): Aws.AwsLayer => {
    const { module: aws, path } = loadAwsModule();
    awsPath = path;
    layer = aws.createAwsLayer({
      userAgent: `workspaces-fleet/bench${req.share || req.windowId ? `-${req.share?.windowId ?? req.windowId}` : ''}`,
      requestTimeoutMs: 30_000,
      ...(req.scheduler ? { scheduler: req.scheduler } : {}),
    });
    return layer;
  };
  const t0 = performance.now();
  openedAt = t0;
  if (!req.open) makeLayer();
  let loaded: Promise<Aws.AwsLayer> | undefined;
  const cache = req.cacheDir ? new FleetCache(req.cacheDir, { clock: testClock() }) : undefined;
  if (req.share && cache) {
    const s = req.share;
    share = new FleetShare(cache, {
      windowId: s.windowId,
      clock: testClock(),
      freshnessMs: s.freshnessMs ?? DEFAULT_FRESHNESS_MS,
      timing: { ...(s.ttlMs ? { ttlMs: s.ttlMs } : {}), ...(s.heartbeatMs ? { heartbeatMs: s.heartbeatMs } : {}) },
      ...(s.pollMs ? { pollMs: s.pollMs } : {}),
    });
  }
  if (req.explorer) tree = new TreeWatch(t0);
  fleet = new Fleet(
    () => (loaded ??= Promise.resolve().then(() => layer ?? makeLayer())),
    {
      profiles: [],
      regions: req.regions,
      includeEnvironment: false,
      ...(req.identityCenter ? { identityCenter: req.identityCenter } : {}),
    },
    { clock: testClock(), ...(cache ? { cache } : {}), ...(share ? { share } : {}) },
  );
  const f = fleet;
  const watch = tree;
  if (req.open && watch) {
    // As the explorer (src/tree/explorer.ts): every scope is opened once the profiles are read.
    f.once('profiles', () => {
      watch.profilesRead(f);
      for (const s of f.allScopes()) s.ensureLoaded();
      watch.check(f);
    });
    f.on('scope', (m) => watch.changed(f, m));
  } else if (req.open && share) {
    // As the explorer with other windows: each scope is opened (fresh data stays, one window lists).
    f.once('profiles', () => {
      for (const s of f.allScopes()) s.ensureLoaded();
    });
    f.on('scope', (m) => {
      if (share?.following(m)) followedScopes.add(m.key);
    });
  } else if (req.open) {
    // As the explorer: every scope's listing starts once the profiles (and their cached rows) are in.
    f.once('profiles', () => void startListing(false));
  }
  await fleet.loadProfiles();
  if (fleet.state !== 'ready') throw new Error(`fleet not ready: ${fleet.state} ${fleet.error?.message ?? ''}`);
  const loadMs = performance.now() - t0;
  const h = fleet.hydration;
  if (!req.open) gc();
  return {
    type: 'ready',
    node: process.version,
    awsModule: awsPath,
    loadMs,
    baselineHeap: heapUsed(),
    scopes: fleet.allScopes().map((s) => s.key),
    ...(h
      ? {
          hydration: {
            scopes: h.scopes,
            workspaces: h.workspaces,
            ms: h.ms,
            profilesMs: h.profilesMs,
            cacheMs: h.cacheMs,
            at: epoch(t0 + h.ms),
          },
        }
      : {}),
  };
}

/** One listing of every scope, the way the tree's WorkSpaces nodes trigger it (background). */
class Listing {
  readonly t0 = performance.now();
  firstPageMs = -1;
  allRowsMs = -1;
  cancelled = false;
  private peak = heapUsed();
  private peakLive = -1;
  private majorGcs = 0;
  private readonly cpu0 = process.cpuUsage();
  private readonly rates: Array<[number, number]> = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly gcs: PerformanceObserver;
  private readonly offs: Array<() => void>;
  private readonly scopes: ScopeModel[];
  private readonly throttled0: number;
  readonly done: Promise<void>;
  /** Resolves when the first page of WorkSpaces is in the model. */
  readonly firstPage: Promise<void>;
  private gotFirstPage: () => void = () => undefined;
  private endedAt = 0;

  constructor(sampleRate: boolean) {
    const f = fleet as Fleet;
    this.scopes = f.allScopes();
    this.throttled0 = this.throttled();
    this.firstPage = new Promise((resolve) => (this.gotFirstPage = resolve));
    this.timers.push(setInterval(() => this.sample(), 2));
    if (sampleRate) {
      const first = this.scopes[0];
      this.timers.push(setInterval(() => this.rates.push([performance.now() - this.t0, queueOf(first).rate]), 100));
    }
    this.gcs = new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<PerformanceEntry & { detail?: { kind?: number } }>) {
        if (e.detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
        this.majorGcs++;
        this.peakLive = Math.max(this.peakLive, heapUsed());
      }
    });
    this.gcs.observe({ entryTypes: ['gc'] });
    // Rows already shown (a refresh, or cached rows): the last row's arrival cannot be seen.
    const relisting = this.scopes.some((s) => s.workspaces.items.size > 0);
    const rowsDone = new Set<ScopeModel>();
    this.offs = this.scopes.map((s) => {
      const on = (c: ScopeChange): void => {
        this.sample();
        if (c.section !== 'workspaces' || !c.pageArrived) return;
        const t = performance.now() - this.t0;
        if (this.firstPageMs < 0) {
          this.firstPageMs = t;
          this.gotFirstPage();
        }
        if (relisting || rowsDone.has(s) || s.workspaces.items.size < (expectedRows[s.key] ?? Infinity)) return;
        rowsDone.add(s);
        if (rowsDone.size === this.scopes.length) this.allRowsMs = t;
      };
      s.on('change', on);
      return () => s.off('change', on);
    });
    this.done = Promise.all(this.scopes.map((s) => s.load('workspaces'))).then(() => {
      this.endedAt = performance.now();
    });
  }

  private sample(): void {
    const h = heapUsed();
    if (h > this.peak) this.peak = h;
  }

  /** Throttled calls seen by the schedulers of the listed scopes (distinct schedulers). */
  private throttled(): number {
    const seen = new Set<string>();
    let n = 0;
    for (const s of this.scopes) {
      const st = (layer as Aws.AwsLayer).stats(s.scope);
      if (seen.has(st.name)) continue;
      seen.add(st.name);
      n += st.throttled;
    }
    return n;
  }

  cancel(): void {
    this.cancelled = true;
    for (const s of this.scopes) s.cancel();
  }

  async reply(): Promise<ListReply> {
    await this.done;
    const fullMs = this.endedAt - this.t0;
    const cpu = process.cpuUsage(this.cpu0);
    for (const t of this.timers) clearInterval(t);
    this.sample();
    this.gcs.disconnect();
    for (const off of this.offs) off();
    const errors = this.cancelled
      ? []
      : this.scopes
          .filter((s) => s.workspaces.state !== 'loaded')
          .map((s) => `${s.key}: ${s.workspaces.error?.message ?? s.workspaces.state}`);
    let rows = 0;
    let rowsWithStatus = 0;
    let directories = 0;
    let statusErrors = 0;
    for (const s of this.scopes) {
      directories += s.directories.items.size;
      for (const w of s.workspaces.items.values()) {
        rows++;
        if (w.connection) rowsWithStatus++;
        if (w.statusError !== undefined) statusErrors++;
      }
    }
    gc();
    return {
      type: 'listed',
      startedAt: epoch(this.t0),
      firstPageMs: this.firstPageMs,
      allRowsMs: this.allRowsMs,
      fullMs,
      cancelled: this.cancelled,
      rows,
      rowsWithStatus,
      directories,
      peakHeap: this.peak,
      peakLiveHeap: this.peakLive,
      majorGcs: this.majorGcs,
      retainedHeap: heapUsed(),
      cpuMs: (cpu.user + cpu.system) / 1000,
      errors,
      statusErrors,
      throttled: this.throttled() - this.throttled0,
      ...(this.rates.length ? { rates: this.rates } : {}),
    };
  }
}

/** (explorer) From the view's opening to every scope shown: the scopes in flight, the memory. */
class TreeWatch {
  private readonly cpu0 = process.cpuUsage();
  readonly baselineRss = process.memoryUsage.rss();
  readonly baselineHeap = heapUsed();
  private peakRss = this.baselineRss;
  private peakHeap = this.baselineHeap;
  private profilesAt = -1;
  private doneAt = -1;
  private cpuMs = 0;
  private readonly inFlight = new Set<string>();
  private peakInFlight = 0;
  private readonly timer = setInterval(() => this.sample(), 5);
  private finished: () => void = () => undefined;
  readonly done = new Promise<void>((resolve) => (this.finished = resolve));

  constructor(private readonly t0: number) {}

  private sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peakRss) this.peakRss = rss;
    const h = heapUsed();
    if (h > this.peakHeap) this.peakHeap = h;
  }

  profilesRead(f: Fleet): void {
    this.profilesAt = performance.now();
    this.check(f);
  }

  changed(f: Fleet, m: ScopeModel): void {
    if (this.doneAt >= 0) return;
    this.sample();
    if (m.loading) this.inFlight.add(m.key);
    else this.inFlight.delete(m.key);
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight.size);
    this.check(f);
  }

  /** Done once the profiles are read and every scope's directories and WorkSpaces are loaded or failed. */
  check(f: Fleet): void {
    if (this.doneAt >= 0 || this.profilesAt < 0) return;
    const shown = (st: { state: string }): boolean => st.state === 'loaded' || st.state === 'error';
    if (!f.allScopes().every((s) => !s.loading && shown(s.directories) && shown(s.workspaces))) return;
    this.doneAt = performance.now();
    const cpu = process.cpuUsage(this.cpu0);
    this.cpuMs = (cpu.user + cpu.system) / 1000;
    this.sample();
    clearInterval(this.timer);
    this.finished();
  }

  async reply(f: Fleet): Promise<TreeReply> {
    await this.done;
    const scopes = f.allScopes();
    let rows = 0;
    let rowsWithStatus = 0;
    let directories = 0;
    for (const s of scopes) {
      directories += s.directories.items.size;
      for (const w of s.workspaces.items.values()) {
        rows++;
        if (w.connection) rowsWithStatus++;
      }
    }
    const errors = scopes.flatMap((s) =>
      (['directories', 'workspaces'] as const)
        .filter((k) => s[k].state === 'error')
        .map((k) => `${s.key} ${k}: ${s[k].error?.message ?? 'error'}`),
    );
    gc();
    return {
      type: 'tree',
      ms: this.doneAt - this.t0,
      profilesMs: this.profilesAt - this.t0,
      at: epoch(this.doneAt),
      scopes: scopes.length,
      errors,
      rows,
      rowsWithStatus,
      directories,
      empty: scopes.filter((s) => s.directories.items.size === 0 && s.workspaces.items.size === 0).length,
      peakScopesInFlight: this.peakInFlight,
      organizations: f.organizations.map((o) => ({
        id: o.id,
        state: o.state,
        shown: o.shown,
        total: o.total,
        ...(o.error ? { error: o.error.message } : {}),
      })),
      baselineRss: this.baselineRss,
      baselineHeap: this.baselineHeap,
      peakRss: this.peakRss,
      peakHeap: this.peakHeap,
      maxRss: process.resourceUsage().maxRSS * 1024,
      retainedHeap: heapUsed(),
      cpuMs: this.cpuMs,
    };
  }
}

function startListing(sampleRate: boolean): number {
  if (listing) throw new Error('a listing is already running');
  listing = new Listing(sampleRate);
  return epoch(listing.t0);
}

async function finishListing(): Promise<ListReply> {
  const l = listing;
  if (!l) throw new Error('no listing running');
  try {
    return await l.reply();
  } finally {
    listing = undefined;
  }
}

async function follow(scopeKey: string, ids: string[]): Promise<FollowReply> {
  const s = scopeOf(scopeKey);
  // What an accepted action does: re-read those WorkSpaces now (resources.ts readNow), then poll.
  await s.refreshWorkspaces(ids, { priority: 'action' });
  return { type: 'following', moving: s.movingWorkspaceIds().length };
}

async function tick(): Promise<TickReply> {
  const f = fleet as Fleet;
  const polled = f.allScopes().find((s) => s.movingWorkspaceIds().length > 0) ?? f.allScopes()[0];
  const poller = new Poller(f, 1_000_000);
  const queue = queueOf(polled);
  const t0 = performance.now();
  await poller.tick();
  const ms = performance.now() - t0;
  poller.stop();
  return { type: 'ticked', ms, scopesPolled: poller.lastTickScopes, firedAt: epoch(t0), queue };
}

async function stop(scopeKey: string, ids: string[]): Promise<StopReply> {
  const s = scopeOf(scopeKey);
  const api = (layer as Aws.AwsLayer).api(s.scope);
  const queue = queueOf(s);
  const t0 = performance.now();
  // As src/commands/workspaces/stop.ts sends it: the action's default priority ('action').
  const outcomes = await api.stop(ids);
  return { type: 'stopped', ms: performance.now() - t0, firedAt: epoch(t0), outcomes, queue };
}

/** (share) Every scope shows all its rows, fresh (listed here, by another window, or cached fresh). */
async function waitComplete(): Promise<CompleteReply> {
  const f = fleet as Fleet;
  const done = (): boolean =>
    f.allScopes().every((s) => {
      const ws = s.workspaces;
      const fresh = ws.state === 'loaded' || (share?.isFresh(s, 'workspaces') ?? ws.cachedAt !== undefined);
      return fresh && !s.loading && !share?.following(s) && ws.items.size >= (expectedRows[s.key] ?? 0);
    });
  while (!done()) await new Promise((r) => setTimeout(r, 25));
  const t = performance.now();
  const scopes = f.allScopes();
  return {
    type: 'complete',
    ms: t - openedAt,
    at: epoch(t),
    rows: scopes.reduce((n, s) => n + s.workspaces.items.size, 0),
    // Listed by this window: loaded and not marked as of another listing (cache, another window).
    listedHere: scopes.filter((s) => s.workspaces.state === 'loaded' && s.workspaces.cachedAt === undefined).length,
    followed: scopes.filter((s) => followedScopes.has(s.key)).length,
  };
}

async function handle(req: Request): Promise<Reply | undefined> {
  switch (req.type) {
    case 'init':
      return init(req);
    case 'list':
      startListing(false);
      return finishListing();
    case 'listStart':
      return { type: 'started', startedAt: startListing(req.sampleRate ?? false) };
    case 'listWait':
      return finishListing();
    case 'firstPage': {
      const l = listing;
      if (!l) throw new Error('no listing running');
      await l.firstPage;
      return { type: 'firstPage', ms: l.firstPageMs };
    }
    case 'listCancel':
      listing?.cancel();
      return finishListing();
    case 'follow':
      return follow(req.scope, req.ids);
    case 'tick':
      return tick();
    case 'stop':
      return stop(req.scope, req.ids);
    case 'flush': {
      const cache = (fleet as Fleet).cache;
      await cache?.flush();
      const size = cache ? await cache.size() : { entries: 0, bytes: 0 };
      return { type: 'flushed', ...size };
    }
    case 'waitComplete':
      return waitComplete();
    case 'waitTree':
      if (!tree || !fleet) throw new Error('waitTree needs an init with explorer and open');
      return tree.reply(fleet);
    case 'exit':
      await fleet?.close();
      fleet?.dispose();
      layer?.dispose();
      process.disconnect?.();
      return undefined;
  }
}

if (require.main === module) {
  if (!process.send) throw new Error('test/bench/client.js runs as a child of the benchmark (IPC)');
  process.on('message', (req: Request) => {
    handle(req).then(
      (reply) => {
        if (reply) process.send?.(reply);
      },
      (e: unknown) =>
        process.send?.({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    );
  });
}

// The measured side of the benchmark, run in its own process (forked by test/bench/driver.ts, with
// --expose-gc) so its heap holds only what the extension holds: the AWS layer bundle the extension
// loads (dist/aws.js, or out/src/aws when no bundle was built), the fleet model of src/fleet, and
// the listed WorkSpaces. The emulator runs in the parent process. Driven over IPC, one step at a
// time, so the parent can reset and read the emulator's counters between steps.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type * as Aws from '../../src/aws';
import { Fleet, Poller } from '../../src/fleet/fleet';
import type { ScopeChange, ScopeModel } from '../../src/fleet/scopeModel';

export type Request =
  /** `rows`: how many WorkSpaces each scope (key "profile|region") holds, to time the last row. */
  | { type: 'init'; regions: Record<string, string[]>; rows: Record<string, number> }
  | { type: 'list' }
  | { type: 'follow'; scope: string; ids: string[] }
  | { type: 'tick' }
  | { type: 'exit' };

export interface ReadyReply {
  type: 'ready';
  /** process.version of the measured process. */
  node: string;
  awsModule: string;
  /** Loading the AWS layer module and reading the profiles, ms. */
  loadMs: number;
  /** Heap in use after loading the layer and a full gc (bytes). */
  baselineHeap: number;
  scopes: string[];
}

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
  /** Until every directory, WorkSpace and connection status is loaded, ms. */
  fullMs: number;
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
}

export interface FollowReply {
  type: 'following';
  moving: number;
}

export interface TickReply {
  type: 'ticked';
  ms: number;
  scopesPolled: number;
}

export type Reply = ReadyReply | ListReply | FollowReply | TickReply | { type: 'error'; message: string };

const ROOT = join(__dirname, '..', '..', '..');
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const heapUsed = (): number => getHeapStatistics().used_heap_size;

let fleet: Fleet | undefined;
let expectedRows: Record<string, number> = {};

function loadAwsModule(): { module: typeof Aws; path: string } {
  // The bundle the extension really loads at run time; the tsc output when it was not built.
  const bundle = join(ROOT, 'dist', 'aws.js');
  const path =
    process.env.WSF_BENCH_AWS === 'src' || !existsSync(bundle) ? join(ROOT, 'out', 'src', 'aws', 'index.js') : bundle;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return { module: require(path) as typeof Aws, path };
}

async function init(regions: Record<string, string[]>, rows: Record<string, number>): Promise<ReadyReply> {
  expectedRows = rows;
  const t0 = performance.now();
  const { module: aws, path } = loadAwsModule();
  // The same options as the extension (src/tree/explorer.ts); the shared files come from
  // AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE set by the parent.
  const layer = aws.createAwsLayer({
    userAgent: 'workspaces-fleet/bench',
    requestTimeoutMs: 30_000,
    // No quota in front of the emulator (the CPU scenarios): nothing to pace (test/bench/driver.ts).
    ...(process.env.WSF_BENCH_UNPACED ? { scheduler: { rate: 10_000, burst: 10_000, adaptive: false } } : {}),
  });
  fleet = new Fleet(() => Promise.resolve(layer), { profiles: [], regions, includeEnvironment: false });
  await fleet.loadProfiles();
  if (fleet.state !== 'ready') throw new Error(`fleet not ready: ${fleet.state} ${fleet.error?.message ?? ''}`);
  const loadMs = performance.now() - t0;
  gc();
  return {
    type: 'ready',
    node: process.version,
    awsModule: path,
    loadMs,
    baselineHeap: heapUsed(),
    scopes: fleet.allScopes().map((s) => s.key),
  };
}

/** One listing of every scope, the way the tree's WorkSpaces nodes trigger it. */
async function list(): Promise<ListReply> {
  const f = fleet as Fleet;
  const scopes = f.allScopes();
  let peak = heapUsed();
  const sample = (): void => {
    const h = heapUsed();
    if (h > peak) peak = h;
  };
  const sampler = setInterval(sample, 2);
  let peakLive = -1;
  let majorGcs = 0;
  const gcs = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as Array<PerformanceEntry & { detail?: { kind?: number } }>) {
      if (e.detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      majorGcs++;
      peakLive = Math.max(peakLive, heapUsed());
    }
  });
  gcs.observe({ entryTypes: ['gc'] });
  let firstPageMs = -1;
  const relisting = scopes.some((s) => s.workspaces.items.size > 0);
  const rowsDone = new Set<ScopeModel>();
  let allRowsMs = -1;
  const listeners = scopes.map((s) => {
    const on = (c: ScopeChange): void => {
      sample();
      if (c.section !== 'workspaces' || !c.pageArrived) return;
      const t = performance.now() - t0;
      if (firstPageMs < 0) firstPageMs = t;
      if (
        !relisting &&
        !rowsDone.has(s) &&
        s.workspaces.items.size >= (expectedRows[s.key] ?? Number.POSITIVE_INFINITY)
      ) {
        rowsDone.add(s);
        if (rowsDone.size === scopes.length) allRowsMs = t;
      }
    };
    s.on('change', on);
    return () => s.off('change', on);
  });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(scopes.map((s) => s.load('workspaces')));
  const fullMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  sample();
  gcs.disconnect();
  for (const off of listeners) off();
  const errors = scopes
    .filter((s) => s.workspaces.state !== 'loaded')
    .map((s) => `${s.key}: ${s.workspaces.error?.message ?? s.workspaces.state}`);
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
  gc();
  return {
    type: 'listed',
    startedAt: performance.timeOrigin + t0,
    firstPageMs,
    allRowsMs,
    fullMs,
    rows,
    rowsWithStatus,
    directories,
    peakHeap: peak,
    peakLiveHeap: peakLive,
    majorGcs,
    retainedHeap: heapUsed(),
    cpuMs: (cpu.user + cpu.system) / 1000,
    errors,
  };
}

async function follow(scopeKey: string, ids: string[]): Promise<FollowReply> {
  const s = (fleet as Fleet).allScopes().find((x) => x.key === scopeKey);
  if (!s) throw new Error(`no scope ${scopeKey}`);
  // What an action does once accepted: re-read those WorkSpaces, which are now moving.
  await s.refreshWorkspaces(ids);
  return { type: 'following', moving: s.movingWorkspaceIds().length };
}

async function tick(): Promise<TickReply> {
  const poller = new Poller(fleet as Fleet, 1_000_000);
  const t0 = performance.now();
  await poller.tick();
  const ms = performance.now() - t0;
  poller.stop();
  return { type: 'ticked', ms, scopesPolled: poller.lastTickScopes };
}

async function handle(req: Request): Promise<Reply | undefined> {
  switch (req.type) {
    case 'init':
      return init(req.regions, req.rows);
    case 'list':
      return list();
    case 'follow':
      return follow(req.scope, req.ids);
    case 'tick':
      return tick();
    case 'exit':
      fleet?.dispose();
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

// The benchmark's window scenarios: several VS Code windows, each its own process (client.ts, a
// fleet model with its own AWS layer, cache and lease), over one cache folder and one account's
// quota, as the extension runs them (src/fleet/share.ts). With the quota on:
// - three windows: A opens on an empty cache, B 5 s later, C 3 s after both show everything; the
//   calls of all windows against one listing, each window's time to every row against the quota
//   bound of one listing, C's calls (a fresh cache) — and the same run without sharing ("before":
//   each window lists on its own, as the extension did);
// - a window killed mid-listing: when the other takes the listing over, and when it is done;
// - a neighbour: another client of the same account calling once a second during a listing —
//   how many of its calls AWS refuses, and its latency with and without the listing.
// Shared by `npm run bench` (run.ts) and the smoke test (smoke.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeWorkspaceDirectoriesCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import type { RecordedRequest } from '../emulator';
import { wallMs } from '../support/clock';
import type { CompleteReply, InitRequest, ReadyReply } from './client';
import { Client, openFleet, type BenchFleet } from './driver';
import { type QuotaRunOptions, priorOf, type Setting } from './quota';
import { figure, median, type Figure, type Section } from './report';
import { quotaBound, type FleetShape, type QuotaBound } from './shape';

/** The lease timing of the windows (the extension's defaults). */
const LEASE = { ttlMs: 15_000, heartbeatMs: 5_000 };

/** The calls of a window (by its User-Agent), or of every window; throttled ones apart. */
function callsOf(log: readonly RecordedRequest[], windowId?: string): { answered: number; throttled: number } {
  const mine = log.filter(
    (r) => r.op !== 'GetMetricData' && (windowId === undefined || (r.userAgent ?? '').includes(`bench-${windowId}`)),
  );
  const throttled = mine.filter((r) => r.fault === 'quota').length;
  return { answered: mine.length - throttled, throttled };
}

export interface WindowRun {
  /** ms from each window's open to every row shown, fresh; calls each sent. */
  windows: Array<{ id: string; ms: number; calls: number; throttled: number; listedHere: number; followed: number }>;
  /** Every window's answered calls. */
  total: number;
}

export interface WindowsResult {
  setting: Setting;
  shape: FleetShape;
  bound: QuotaBound;
  shared: WindowRun[];
  /** The same without sharing (each window lists on its own). */
  alone: WindowRun[];
}

async function openWindow(
  f: BenchFleet,
  o: QuotaRunOptions,
  s: Setting,
  id: string,
  cacheDir: string,
  shared: boolean,
): Promise<Client> {
  const c = new Client(f.env, o.nodePath);
  const init: InitRequest = {
    type: 'init',
    ...f.scopes,
    ...priorOf(s.quota),
    cacheDir,
    open: true,
    windowId: id,
    ...(shared ? { share: { windowId: id, ...LEASE } } : {}),
  };
  await c.ask<ReadyReply>(init);
  return c;
}

/** A, then B 5 s later, then C 3 s after both show everything; each window's figures. */
/** When B opens after A, and C after both show everything (ms): the 5 s and 3 s. */
export interface WindowDelays {
  b: number;
  c: number;
}

async function threeWindows(
  f: BenchFleet,
  o: QuotaRunOptions,
  s: Setting,
  cacheDir: string,
  shared: boolean,
  delays: WindowDelays,
): Promise<WindowRun> {
  f.emu.reset();
  f.emu.resetCounts();
  const clients: Client[] = [];
  try {
    const opened = new Map<string, number>();
    const open = async (id: string): Promise<Client> => {
      opened.set(id, wallMs());
      const c = await openWindow(f, o, s, id, cacheDir, shared);
      clients.push(c);
      return c;
    };
    const a = await open('A');
    const doneA = a.ask<CompleteReply>({ type: 'waitComplete' });
    await sleep(delays.b);
    const b = await open('B');
    const [ra, rb] = await Promise.all([doneA, b.ask<CompleteReply>({ type: 'waitComplete' })]);
    await sleep(delays.c);
    const c = await open('C');
    const rc = await c.ask<CompleteReply>({ type: 'waitComplete' });
    const log = f.emu.requests();
    const windows = (
      [
        ['A', ra],
        ['B', rb],
        ['C', rc],
      ] as const
    ).map(([id, r]) => {
      const calls = callsOf(log, id);
      return {
        id,
        ms: r.at - (opened.get(id) ?? r.at),
        calls: calls.answered,
        throttled: calls.throttled,
        listedHere: r.listedHere,
        followed: r.followed,
      };
    });
    return { windows, total: callsOf(log).answered };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

export async function windowsScenario(
  s: Setting,
  o: QuotaRunOptions,
  delays: WindowDelays = { b: 5000, c: 3000 },
): Promise<WindowsResult> {
  const f = await openFleet(s.seed, {
    latencyMs: s.latencyMs,
    quota: s.quota,
    ...(o.awsModule ? { awsModule: o.awsModule } : {}),
  });
  try {
    const bound = quotaBound(f.shape, s.quota);
    const shared: WindowRun[] = [];
    const alone: WindowRun[] = [];
    for (let run = 0; run < o.runs; run++) {
      for (const [list, sharing] of [
        [shared, true],
        [alone, false],
      ] as const) {
        const r = await threeWindows(f, o, s, `${f.dir}/cache-${sharing ? 'shared' : 'alone'}-${run}`, sharing, delays);
        list.push(r);
        o.progress?.(
          `  run ${run + 1}/${o.runs} ${sharing ? 'shared' : 'each alone (before)'}: ` +
            r.windows.map((w) => `${w.id} ${(w.ms / 1000).toFixed(1)} s, ${w.calls} calls`).join('; ') +
            `; all ${r.total} calls (one listing: ${bound.calls})`,
        );
      }
    }
    return { setting: s, shape: f.shape, bound, shared, alone };
  } finally {
    await f.close();
  }
}

export function windowsSection(r: WindowsResult): Section {
  const one = r.bound.calls;
  const of = (runs: WindowRun[], id: string, k: 'ms' | 'calls'): number[] =>
    runs.map((x) => x.windows.find((w) => w.id === id)?.[k] ?? NaN);
  const before = (id: string, k: 'ms' | 'calls'): string =>
    k === 'ms' ? `${(median(of(r.alone, id, k)) / 1000).toFixed(1)} s` : `${median(of(r.alone, id, k))}`;
  const figures: Figure[] = [
    figure(
      'calls of all three windows',
      'req',
      r.shared.map((x) => x.total),
      {
        bound: one,
        boundText: `one listing: ${one}`,
        target: { op: '<=', value: Math.floor(1.25 * one), text: '1.25 × one listing' },
        before: `${median(r.alone.map((x) => x.total))}`,
      },
    ),
    ...['A', 'B'].map((id) =>
      figure(
        `window ${id}: every row shown, from its open`,
        's',
        of(r.shared, id, 'ms').map((ms) => ms / 1000),
        {
          bound: r.bound.ms / 1000,
          boundText: `one listing at the quota: ${r.bound.text}`,
          target: { op: '<=', value: (1.25 * r.bound.ms) / 1000, text: '1.25 × the bound' },
          before: before(id, 'ms'),
          detail: `calls sent by ${id}: ${median(of(r.shared, id, 'calls'))} (before: ${before(id, 'calls')})`,
        },
      ),
    ),
    figure('window C (opened on a fresh cache): calls', 'req', of(r.shared, 'C', 'calls'), {
      target: { op: '<=', value: Math.floor(0.1 * one), text: '10 % of one listing' },
      before: before('C', 'calls'),
      detail: `every row shown after ${(median(of(r.shared, 'C', 'ms')) / 1000).toFixed(1)} s (before: ${before('C', 'ms')})`,
    }),
  ];
  return {
    id: r.setting.id,
    title: `Three windows, ${r.setting.title}`,
    figures,
    notes: [
      'Window A opens on an empty cache, B 5 s later, C 3 s after both show every row; each is its own process (a fleet model with its own AWS layer and lease) over one cache folder, as VS Code windows share the global storage. "Before": the same three windows without sharing (each lists on its own).',
    ],
  };
}

// ---- a window killed mid-listing -------------------------------------------------------------------

export interface KilledResult {
  setting: Setting;
  bound: QuotaBound;
  runs: Array<{ killedAfterMs: number; takeoverMs: number; completeMs: number; calls: number }>;
}

/** A lists, B follows; A is killed halfway through; when B takes over, and when it is done. */
export async function killedScenario(s: Setting, o: QuotaRunOptions): Promise<KilledResult> {
  const f = await openFleet(s.seed, {
    latencyMs: s.latencyMs,
    quota: s.quota,
    ...(o.awsModule ? { awsModule: o.awsModule } : {}),
  });
  const bound = quotaBound(f.shape, s.quota);
  const runs: KilledResult['runs'] = [];
  try {
    for (let run = 0; run < o.runs; run++) {
      f.emu.reset();
      f.emu.resetCounts();
      const dir = `${f.dir}/cache-killed-${run}`;
      const t0 = wallMs();
      const a = await openWindow(f, o, s, 'A', dir, true);
      await sleep(2000);
      const b = await openWindow(f, o, s, 'B', dir, true);
      await waitUntil(() => callsOf(f.emu.requests(), 'A').answered >= bound.calls / 2);
      const killedAt = wallMs();
      await a.kill();
      const rb = await b.ask<CompleteReply>({ type: 'waitComplete' });
      const firstOfB = f.emu
        .requests()
        .find((q) => (q.userAgent ?? '').includes('bench-B') && q.op === 'DescribeWorkspaces');
      await b.close();
      const r = {
        killedAfterMs: killedAt - t0,
        takeoverMs: (firstOfB?.time ?? NaN) - killedAt,
        completeMs: rb.at - killedAt,
        calls: callsOf(f.emu.requests()).answered,
      };
      runs.push(r);
      o.progress?.(
        `  run ${run + 1}/${o.runs}: A killed ${(r.killedAfterMs / 1000).toFixed(1)} s in; B took over ${(r.takeoverMs / 1000).toFixed(1)} s later and showed everything ${(r.completeMs / 1000).toFixed(1)} s after the kill; ${r.calls} calls in all`,
      );
    }
    return { setting: s, bound, runs };
  } finally {
    await f.close();
  }
}

async function waitUntil(ok: () => boolean): Promise<void> {
  while (!ok()) await sleep(50);
}

export function killedSection(r: KilledResult): Section {
  return {
    id: r.setting.id,
    title: `A window killed mid-listing, ${r.setting.title}`,
    figures: [
      figure(
        'the other window takes the listing over, after the kill',
        's',
        r.runs.map((x) => x.takeoverMs / 1000),
        {
          target: { op: '<=', value: LEASE.ttlMs / 1000, text: 'one lease period' },
        },
      ),
      figure(
        'every row shown again, after the kill',
        's',
        r.runs.map((x) => x.completeMs / 1000),
        {
          bound: (LEASE.ttlMs + r.bound.ms) / 1000,
          boundText: `one lease period + one listing (${r.bound.text})`,
          target: { op: '<=', value: (LEASE.ttlMs + 1.25 * r.bound.ms) / 1000, text: 'lease + 1.25 × the bound' },
        },
      ),
      figure(
        'calls in all (the killed window’s half, then a whole listing)',
        'req',
        r.runs.map((x) => x.calls),
        {
          bound: Math.round(1.5 * r.bound.calls),
          boundText: `1.5 × one listing (${r.bound.calls})`,
        },
      ),
    ],
    notes: [
      'A lists with the lease; B opened 2 s later follows it (showing what A writes); A is killed (SIGKILL: no cleanup) once half of its calls are sent. B takes over when the lease lapses (15 s without a heartbeat) and lists the scope again from the start: a listing cannot resume another process’s page tokens, so the killed half is sent again.',
    ],
  };
}

// ---- a neighbour in the same account ----------------------------------------------------------------

export interface NeighbourResult {
  setting: Setting;
  quiet: { latencies: number[]; refused: number };
  during: { latencies: number[]; refused: number; listingMs: number; throttledAttempts: number };
}

/** Another client of the account, once a second, alone and during one window's listing. */
export async function neighbourScenario(s: Setting, o: QuotaRunOptions): Promise<NeighbourResult> {
  const f = await openFleet(s.seed, {
    latencyMs: s.latencyMs,
    quota: s.quota,
    ...(o.awsModule ? { awsModule: o.awsModule } : {}),
  });
  const account = f.emu.accounts[0];
  const region = account.regions[0];
  // A plain SDK client as a script or the CLI has one: the SDK's standard retries (3 attempts). A
  // call refused after them is counted; its throttled attempts are read from the emulator's log.
  const neighbour = new WorkSpacesClient({
    region,
    endpoint: f.emu.url,
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
    customUserAgent: 'neighbour',
  });
  const poke = async (n: number): Promise<{ latencies: number[]; refused: number }> => {
    const latencies: number[] = [];
    let refused = 0;
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      try {
        await neighbour.send(new DescribeWorkspaceDirectoriesCommand({ Limit: 1 }));
        latencies.push(performance.now() - t0);
      } catch {
        refused++;
      }
      await sleep(Math.max(0, 1000 - (performance.now() - t0)));
    }
    return { latencies, refused };
  };
  try {
    f.emu.reset();
    const quiet = await poke(20);
    f.emu.reset();
    const c = await openWindow(f, o, s, 'A', `${f.dir}/cache-neighbour`, true);
    const done = c.ask<CompleteReply>({ type: 'waitComplete' });
    let finished = false;
    void done.then(() => (finished = true));
    const during = { latencies: [] as number[], refused: 0 };
    while (!finished) {
      const r = await poke(1);
      during.latencies.push(...r.latencies);
      during.refused += r.refused;
    }
    const listingMs = (await done).ms;
    const throttledAttempts = f.emu
      .requests()
      .filter((q) => (q.userAgent ?? '').includes('neighbour') && q.fault === 'quota').length;
    await c.close();
    o.progress?.(
      `  neighbour: alone median ${median(quiet.latencies).toFixed(0)} ms; during the listing (${(listingMs / 1000).toFixed(1)} s) ` +
        `median ${median(during.latencies).toFixed(0)} ms, ${during.refused} of ${during.latencies.length + during.refused} refused, ${throttledAttempts} attempts throttled (retried by the SDK)`,
    );
    return { setting: s, quiet, during: { ...during, listingMs, throttledAttempts } };
  } finally {
    neighbour.destroy();
    await f.close();
  }
}

export function neighbourSection(r: NeighbourResult): Section {
  const calls = r.during.latencies.length + r.during.refused;
  return {
    id: r.setting.id,
    title: `A neighbour in the same account, ${r.setting.title}`,
    figures: [
      figure(
        "the neighbour's calls refused (ThrottlingException after the SDK's retries)",
        'count',
        [r.during.refused],
        {
          target: { op: '=', value: 0, text: '' },
          detail: `of ${calls} calls, one a second, for the ${(r.during.listingMs / 1000).toFixed(0)} s of the listing; ${r.during.throttledAttempts} of its attempts were throttled and retried by the SDK`,
        },
      ),
      figure("the neighbour's median latency during the listing", 'ms', [median(r.during.latencies)], {
        bound: median(r.quiet.latencies),
        boundText: 'without the listing',
        target: { op: '<=', value: median(r.quiet.latencies) + 50, text: 'unchanged (+ 50 ms)' },
      }),
    ],
    notes: [
      'Another client of the same account and region (a script, the CLI) calls DescribeWorkspaceDirectories once a second with the SDK’s standard retries, alone and then while one window lists the fleet: AWS counts both against the account’s one quota, so the listing yields (it takes about twice the bound) and the neighbour’s throttled attempts are retried.',
    ],
  };
}

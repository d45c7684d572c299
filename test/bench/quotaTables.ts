// The sections of the quota scenarios (quota.ts): every figure beside its bound and its target,
// and, where the lead measured it with the code before the quota-aware scheduler, that figure.
import type { Counts } from '../emulator';
import {
  accepted,
  isRealQuota,
  type ColdResult,
  type FirstRowResult,
  type LearnResult,
  type Listed,
  type Setting,
  type StopsResult,
  type TickResult,
  type WarmResult,
} from './quota';
import { figure, median, type Figure, type Section } from './report';
import { minRequests, totalWorkspaces, type FleetShape, type Quota, type QuotaBound } from './shape';
import { opsDetail } from './tables';

/** Figures of a listing measured before the scheduler, to show beside the new ones. */
export interface Before {
  firstRow?: string;
  full?: string;
  ratio?: string;
  answered?: string;
  throttled?: string;
}

/**
 * What the lead measured with the code before the scheduler, with the emulator's quota at AWS's
 * 2 calls/s burst 5, L = 20 ms, 1 run (/work/wt/briefs/bench-quota-before.log): the SDK's adaptive
 * retry against the quota.
 */
export const BEFORE: Record<'ws1kOpen' | 'ws1kRefresh' | 'ws10kOpen', Before> = {
  ws1kOpen: { firstRow: '121 ms', full: '38.6 s', ratio: '1.02×', answered: '81', throttled: '30' },
  ws1kRefresh: { firstRow: '874 ms', full: '40.2 s', answered: '81', throttled: '22' },
  ws10kOpen: {
    firstRow: '122 ms',
    full: '399.7 s at 2/s',
    ratio: '1.00× at 2/s',
    answered: '801 at 2/s',
    throttled: '~198 at 2/s',
  },
};

const FIRST_ROW_TARGET_MS = 1000;
const RATIO_TARGET = 1.05;

export const quotaText = (q: Quota): string => `${q.rate} calls/s, burst ${q.burst}`;

export function settingText(s: Setting, runs: number): string {
  const q = isRealQuota(s.quota)
    ? `AWS's quota: ${quotaText(s.quota)}`
    : `a scaled quota: ${quotaText(s.quota)} (scheduler told the same)`;
  return `${s.title} at ${q} — L = ${s.latencyMs} ms, ${runs} runs`;
}

/** Answered calls per operation (throttled ones aside). */
function answeredByOp(c: Counts): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [op, n] of Object.entries(c.byOp)) {
    const a = n - (c.throttledByOp[op] ?? 0);
    if (a > 0) out[op] = a;
  }
  return out;
}

/** The figures of a listing under the quota: time against the bound, requests, throttles, errors. */
function listingFigures(
  phase: string,
  ls: readonly Listed[],
  shape: FleetShape,
  s: Setting,
  o: { bound?: QuotaBound; boundNote?: string; before?: Before; firstRow?: boolean },
): Figure[] {
  const min = minRequests(shape);
  const n = totalWorkspaces(shape);
  const b = o.before ?? {};
  const figures: Figure[] = [];
  if (o.firstRow !== false) {
    figures.push(
      figure(
        `first row, ${phase}`,
        'ms',
        ls.map((l) => l.firstPageMs),
        { ...(b.firstRow ? { before: b.firstRow } : {}) },
      ),
    );
  }
  figures.push(
    figure(
      `full listing, ${phase}`,
      's',
      ls.map((l) => l.fullMs / 1000),
      {
        ...(o.bound ? { bound: o.bound.ms / 1000, boundText: o.bound.text } : {}),
        ...(o.boundNote ? { detail: o.boundNote } : {}),
        ...(b.full ? { before: b.full } : {}),
      },
    ),
  );
  const bound = o.bound;
  // Nothing beyond the burst (a tiny fleet): no time to compare with.
  if (bound && bound.ms > 0) {
    figures.push(
      figure(
        `full listing ÷ quota bound, ${phase}`,
        '×',
        ls.map((l) => l.fullMs / bound.ms),
        { target: { op: '<=', value: RATIO_TARGET, text: '' }, ...(b.ratio ? { before: b.ratio } : {}) },
      ),
    );
  }
  const throttledByScheduler = median(ls.map((l) => l.throttled));
  figures.push(
    figure(
      `requests answered, ${phase}`,
      'req',
      ls.map((l) => accepted(l.counts)),
      {
        bound: min.total,
        boundText: 'minimum',
        target: { op: '=', value: min.total, text: 'the minimum' },
        detail: opsDetail(answeredByOp(ls[0].counts), min),
        ...(b.answered ? { before: b.answered } : {}),
      },
    ),
    figure(
      `throttled, ${phase}`,
      'req',
      ls.map((l) => l.counts.throttled),
      {
        ...(isRealQuota(s.quota) ? { target: { op: '=', value: 0, text: "at AWS's rate" } } : {}),
        detail:
          `each re-sent by the scheduler (never an error); the scheduler counted ${throttledByScheduler}` +
          (median(ls.map((l) => l.counts.throttled)) > 0
            ? '. It tries a higher rate after 20 s at full speed without a throttle (an account may have a raised quota): at the quota it was told, that probe is refused once'
            : ''),
        ...(b.throttled ? { before: b.throttled } : {}),
      },
    ),
    figure(
      `error rows, ${phase}`,
      'count',
      ls.map((l) => l.errors.length + l.statusErrors),
      {
        target: { op: '=', value: 0, text: '' },
        detail: `scopes failed + rows without status; rows listed ${median(ls.map((l) => l.rows))} of ${n}, with status ${median(ls.map((l) => l.rowsWithStatus))}`,
      },
    ),
  );
  return figures;
}

function shapeNote(shape: FleetShape, bound: QuotaBound, q: Quota): string {
  const min = minRequests(shape);
  const n = totalWorkspaces(shape);
  return (
    `${n.toLocaleString('en-US')} WorkSpaces in ${shape.scopes.length} scope(s); minimum requests per scope = directory pages + ⌈N/25⌉ WorkSpace pages + ⌈N/25⌉ status calls (${min.total} in all); ` +
    `quota bound = (calls − burst) / rate per bucket (account × region), buckets in parallel: ${bound.text} = ${(bound.ms / 1000).toFixed(2)} s. ` +
    `The scheduler keeps a quarter second of tokens (${Math.min(q.burst - 1, Math.max(1, Math.ceil(q.rate * 0.25)))}) off the burst and one token for actions: ≈ ${((Math.min(q.burst - 1, Math.max(1, Math.ceil(q.rate * 0.25))) + 1) / q.rate).toFixed(2)} s above the bound by design.`
  );
}

/** A cold open (and its refresh) under the quota. The open's first row is in firstRowSection. */
export function coldSection(r: ColdResult, before: { open?: Before; refresh?: Before } = {}): Section {
  const opens = r.runs.map((x) => x.open);
  const refreshes = r.runs.map((x) => x.refresh).filter((x): x is Listed => x !== undefined);
  const figures = listingFigures('open', opens, r.shape, r.setting, {
    bound: r.bound,
    firstRow: !isRealQuota(r.setting.quota),
    ...(before.open ? { before: before.open } : {}),
  });
  if (refreshes.length) {
    const calls = minRequests(r.shape).total;
    figures.push(
      ...listingFigures('refresh', refreshes, r.shape, r.setting, {
        boundNote: `right after the listing the bucket is empty: ≈ ${calls} / ${r.setting.quota.rate}/s = ${(calls / r.setting.quota.rate).toFixed(1)} s; the first row waits for a token`,
        ...(before.refresh ? { before: before.refresh } : {}),
      }),
    );
  }
  return {
    id: r.setting.id,
    title: settingText(r.setting, r.runs.length),
    figures,
    notes: [shapeNote(r.shape, r.bound, r.setting.quota)],
  };
}

/** The first row of a cold open at AWS's real rate, for each fleet. */
export function firstRowSection(
  rows: Array<{ fleet: string; values: number[]; before?: string }>,
  s: { latencyMs: number; runs: number },
): Section {
  return {
    id: 'firstRow',
    title: `First row of a cold open at AWS's quota (2 calls/s, burst 5) — L = ${s.latencyMs} ms, ${s.runs} runs each`,
    figures: rows.map((x) =>
      figure(`first row, ${x.fleet}`, 'ms', x.values, {
        bound: s.latencyMs,
        boundText: 'L: one page',
        target: { op: '<=', value: FIRST_ROW_TARGET_MS, text: '' },
        ...(x.before ? { before: x.before } : {}),
      }),
    ),
    notes: [
      'From the listing starting (ScopeModel.load, as when the view opens its WorkSpaces) to the first page of WorkSpaces rows in the model, in a fresh process: ' +
        'in it, creating the SDK client, resolving the credentials and endpoint, the first connection, signing, the request (L), parsing and merging the page; ' +
        "not in it: starting Node, loading dist/aws.js and reading the shared files (the CPU sections' 'load dist/aws.js' figure, ~50–90 ms), and VS Code drawing the row. " +
        'A fresh bucket lets the first calls go at once; the first page does not wait for the directories.',
    ],
  };
}

export function firstRowsOf(r: FirstRowResult): number[] {
  return r.runs.map((l) => l.firstPageMs);
}

/** The warm open: cached rows at once, then the revalidation against the bound. */
export function warmSection(r: WarmResult): Section {
  const n = totalWorkspaces(r.shape);
  const h = r.runs.map((x) => x.ready.hydration);
  const hydr = h.filter((x): x is NonNullable<typeof x> => x !== undefined);
  const figures: Figure[] = [
    figure(
      'every cached row in the model after the view opens',
      'ms',
      hydr.map((x) => x.ms),
      {
        target: { op: '<=', value: 500, text: '' },
        detail:
          `from Fleet.loadProfiles() (the view asking): loading dist/aws.js and reading the profiles ${median(hydr.map((x) => x.profilesMs)).toFixed(0)} ms, ` +
          `reading and unpacking the cache ${median(hydr.map((x) => x.cacheMs)).toFixed(0)} ms (${r.cache.entries} file, ${(r.cache.bytes / 2 ** 20).toFixed(1)} MB of gzip'd JSON)`,
      },
    ),
    figure(
      'rows shown from the cache',
      'count',
      hydr.map((x) => x.workspaces),
      { target: { op: '=', value: n, text: '' } },
    ),
    figure(
      'requests before the cached rows were in the model',
      'req',
      r.runs.map((x) => x.before),
      {
        target: { op: '=', value: 0, text: '' },
        detail: "requests in the emulator's log that arrived before the rows were in the model",
      },
    ),
    ...listingFigures(
      'revalidation',
      r.runs.map((x) => x.revalidation),
      r.shape,
      r.setting,
      { bound: r.bound, firstRow: false },
    ),
  ];
  return {
    id: r.setting.id,
    title: `Warm open (cache present): ${settingText(r.setting, r.runs.length)}`,
    figures,
    notes: [
      'A first process lists the fleet and saves the persistent cache (FleetCache, quota lifted: not measured); each run is a fresh process that opens the view with it: ' +
        'the AWS layer is loaded as the view asks for its profiles, the cached rows fill the model, and every scope is revalidated in the background as soon as the profiles are there (as the explorer does).',
      shapeNote(r.shape, r.bound, r.setting.quota),
    ],
  };
}

/** Stops fired into a cold listing at the real rate. */
export function stopsSection(r: StopsResult): Section {
  const figures = r.at.map((at, k) => {
    const stops = r.runs.map((x) => x.stops[k]);
    const fired = median(stops.map((x, i) => x.firedAt - r.runs[i].listing.startedAt)) / 1000;
    const q = stops[0].queue;
    return figure(
      `Stop ${at / 1000} s into the listing: answered`,
      'ms',
      stops.map((x) => x.ms),
      {
        bound: r.setting.latencyMs,
        boundText: 'L',
        target: { op: '<=', value: 1000, text: '' },
        detail:
          `fired at ${fired.toFixed(2)} s (median); when fired (run 1): ${q.queued.background} listing call(s) waiting, ${q.inFlight} in flight, ${q.tokens.toFixed(2)} token(s) in the scheduler's bucket; ` +
          `outcomes ${[...new Set(stops.flatMap((x) => x.outcomes.map((o) => (o.ok ? 'ok' : 'failed'))))].join('/')}; Stops throttled: ${stops.reduce((a, x) => a + x.throttled, 0)}`,
      },
    );
  });
  return {
    id: r.setting.id,
    title: `Stops during a cold listing: ${settingText(r.setting, r.runs.length)}`,
    figures,
    notes: [
      'From firing StopWorkspaces (one AVAILABLE AutoStop WorkSpace, the WorkspacesApi at the action priority the command pipeline uses) to its answer. ' +
        'Listing calls keep one token in the bucket for actions and leave them an in-flight slot, so an action waits at most for the next token. The listing is cancelled after the last Stop.',
    ],
  };
}

/** A poll tick fired into a listing. */
export function tickSection(r: TickResult): Section {
  const calls = Math.ceil(r.moving / 25);
  const total = (c: Record<string, number>): number => Object.values(c).reduce((a, b) => a + b, 0);
  const first = r.runs[0];
  return {
    id: r.setting.id,
    title: `Poll tick during a listing: ${settingText(r.setting, r.runs.length)}`,
    figures: [
      figure(
        `poll tick, ${r.moving} moving: calls`,
        'req',
        r.runs.map((x) => total(x.order.calls)),
        {
          bound: calls,
          boundText: `⌈${r.moving}/25⌉`,
          target: { op: '=', value: calls, text: '' },
          detail:
            `${Object.entries(first.order.calls)
              .map(([op, c]) => `${op} ${c}`)
              .join(' · ')}: the ${r.moving} moving WorkSpaces by id (≤ 25 per call); ` +
            'their connection status is re-read only for those that settled since the last tick (⌈settled/25⌉ more calls): none here, they move for 10 minutes',
        },
      ),
      figure(
        'listing calls answered before the tick’s last call',
        'req',
        r.runs.map((x) => Math.max(0, x.order.between - x.tick.queue.inFlight)),
        {
          target: { op: '=', value: 0, text: '' },
          detail:
            `in the emulator's request log, beyond those already in flight when the tick was fired (run 1: ${first.order.between} arrived between, ${first.tick.queue.inFlight} in flight, ` +
            `${first.tick.queue.queued.background} waiting); the tick's calls go at 'interactive', ahead of the listing's 'background' ones`,
        },
      ),
      figure(
        'poll tick answered',
        'ms',
        r.runs.map((x) => x.tick.ms),
        {
          bound: ((calls - 1) / r.setting.quota.rate) * 1000,
          boundText: `${calls - 1} token(s) at ${r.setting.quota.rate}/s`,
          detail: `fired ${(r.intervalMs / 1000).toFixed(0)} s (the poll interval) after the WorkSpaces were followed (their re-read by id at 'action', as after a Start), ${(median(r.runs.map((x) => x.tick.firedAt - x.listing.startedAt)) / 1000).toFixed(1)} s into the listing`,
        },
      ),
    ],
    notes: [],
  };
}

/** How quickly the scheduler learns a raised quota (informative, no target). */
export function learnSection(r: LearnResult): Section {
  const reached = r.runs.filter((x) => x.reachedMs >= 0);
  return {
    id: r.setting.id,
    title: `Learning a raised quota: the emulator at ${quotaText(r.setting.quota)}, the scheduler starting from AWS's documented 2/s — 10,000 WorkSpaces, L = ${r.setting.latencyMs} ms, ${r.runs.length} run(s)`,
    figures: [
      figure(
        `scheduler's rate ≥ ${r.target} calls/s after`,
        's',
        reached.map((x) => x.reachedMs / 1000),
        {
          detail:
            `then ${median(reached.map((x) => x.acceptedPerS)).toFixed(1)} calls/s answered in the next 5 s; throttled until then: ${median(r.runs.map((x) => x.throttled))}; ` +
            `never reached in ${r.runs.length - reached.length} run(s). It first probes after 20 s at full speed (2 → 4/s, kept after ~3.8 s without a throttle), then at once 4 → 8/s`,
        },
      ),
    ],
    notes: [],
  };
}

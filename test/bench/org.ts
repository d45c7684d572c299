// The benchmark over an organisation of IAM Identity Center (issue 23): the fleet model opened as
// the explorer opens it, with `workspacesFleet.identityCenter` naming one sso-session, a role and
// the regions, over the emulator's organisation of N accounts (most of them without WorkSpaces),
// the token the AWS CLI caches (`aws sso login`), the API quota per account and region. One
// measured process (client.ts), as one extension host: from the view's opening to every scope
// shown, the calls by operation (the portal's and the WorkSpaces API's), GetRoleCredentials once
// per account and role, the scopes listing at once (the Fleet's SCOPES_AT_ONCE) and the memory.
// Shared by `npm run bench` (run.ts) and the smoke test (smoke.ts).
import type { IncomingMessage } from 'node:http';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { SCOPES_AT_ONCE } from '../../src/fleet/fleet';
import { minimumListingCalls } from '../../src/fleet/scopeModel';
import { ADMIN_USER, PORTAL_QUOTA, startEmulator, type Counts, type Emulator, type RecordedRequest } from '../emulator';
import { populateFleet } from '../emulator/seed';
import { clockEnvForChildren } from '../support/clock';
import type { InitRequest, ReadyReply, TreeReply } from './client';
import { UNPACED, withClient } from './driver';
import { accepted, isRealQuota, type QuotaRunOptions } from './quota';
import { figure, median, type Figure, type Section } from './report';
import {
  minRequests,
  pages,
  quotaBound,
  totalWorkspaces,
  workspacesPerDirectory,
  type FleetShape,
  type Quota,
  type QuotaBound,
} from './shape';

const MB = 2 ** 20;
/** ListAccountRoles calls at once (src/aws/identityCenter.ts, rolesConcurrency's default). */
const ROLES_AT_ONCE = 4;
/** ListAccounts' page size as the layer asks it (identityCenter.ts PAGE). */
const ACCOUNTS_PAGE = 100;

/** WorkSpaces of one account in one region: how many, over how many directories. */
export interface OrgFleet {
  /** The account's index in the organisation (0: finance-prod, 1: hr-prod, …; extraAccountName). */
  account: number;
  region: string;
  workspaces: number;
  directories: number;
}

/** An organisation: its accounts (every one assigned the role), the regions chosen, the WorkSpaces. */
export interface OrgSpec {
  accounts: number;
  regions: string[];
  role: string;
  /** The accounts and regions that have WorkSpaces; every other scope is empty. */
  fleets: OrgFleet[];
}

export interface OrgSetting {
  id: string;
  title: string;
  org: OrgSpec;
  /** The WorkSpaces API's quota per account and region (false: none, and the scheduler unpaced). */
  quota: Quota | false;
  /** The portal's quota per user (default: the emulator's model, PORTAL_QUOTA; false: none). */
  portalQuota?: Quota | false;
  latencyMs: number;
}

/**
 * 50 accounts × 4 regions = 200 scopes; 6 accounts have WorkSpaces, in 10 of the scopes, 667 in
 * all: finance-prod (us-east-1 180 over 4 directories, eu-west-1 60), sales-prod (us-east-1 90,
 * eu-west-1 75, ap-southeast-2 30), support-prod (us-west-2 120, us-east-1 25), hr-prod (us-east-1
 * 40), research-prod (us-west-2 35), finance-dev (us-east-1 12). The other 44 accounts (the other
 * business units, their dev, test, dr and sandbox accounts) have none in any region.
 */
export const ORG50X4: OrgSpec = {
  accounts: 50,
  regions: ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-2'],
  role: 'WorkSpacesAdmin',
  fleets: [
    { account: 0, region: 'us-east-1', workspaces: 180, directories: 4 },
    { account: 0, region: 'eu-west-1', workspaces: 60, directories: 2 },
    { account: 1, region: 'us-east-1', workspaces: 40, directories: 1 },
    { account: 2, region: 'us-east-1', workspaces: 90, directories: 2 },
    { account: 2, region: 'eu-west-1', workspaces: 75, directories: 2 },
    { account: 2, region: 'ap-southeast-2', workspaces: 30, directories: 1 },
    { account: 4, region: 'us-west-2', workspaces: 35, directories: 1 },
    { account: 6, region: 'us-west-2', workspaces: 120, directories: 2 },
    { account: 6, region: 'us-east-1', workspaces: 25, directories: 1 },
    { account: 10, region: 'us-east-1', workspaces: 12, directories: 1 },
  ],
};

export const describeOrg = (org: OrgSpec): string =>
  `${org.accounts} accounts × ${org.regions.length} regions = ${org.accounts * org.regions.length} scopes, ` +
  `${new Set(org.fleets.map((f) => f.account)).size} accounts with ${org.fleets.reduce((n, f) => n + f.workspaces, 0)} WorkSpaces in ${org.fleets.length} of them`;

/** The fewest calls of the whole tree: the portal's and the WorkSpaces API's. */
export interface OrgMinimum {
  ListAccounts: number;
  ListAccountRoles: number;
  GetRoleCredentials: number;
  DescribeWorkspaceDirectories: number;
  DescribeWorkspaces: number;
  DescribeWorkspacesConnectionStatus: number;
  total: number;
}

/** The least time the whole tree can take, and what bounds it. */
export interface OrgBound {
  ms: number;
  /** Reading the organisation: ListAccounts, then ListAccountRoles ROLES_AT_ONCE at a time, and
   *  the portal's quota over those calls. */
  discoveryMs: number;
  /** Σ over the scopes of each one's least time (a scope holds one of the SCOPES_AT_ONCE places
   *  while it lists), plus one GetRoleCredentials per account, over SCOPES_AT_ONCE. */
  placesMs: number;
  /** The slowest scope alone: its account's quota in that region, or its chain of pages. */
  longestMs: number;
  longest: string;
  /** Every portal call (GetRoleCredentials too) under the portal's one quota per user. */
  portalMs: number;
  /** The slowest bucket's quota bound (shape.ts), for comparison with the other scenarios. */
  quota: QuotaBound;
  text: string;
}

export interface OrgRun {
  tree: TreeReply;
  ready: ReadyReply;
  counts: Counts;
  /** GetRoleCredentials answered. */
  credentials: number;
  /** The most DescribeWorkspaceDirectories the emulator had in flight at once. */
  directoriesInFlight: number;
  /** TCP connections the measured process opened to the emulator. */
  connections: number;
  timeline: OrgTimeline;
}

/** When the scopes were listed, from the emulator's request log (ms after the open). */
export interface OrgTimeline {
  /** The scope whose last call came last: what the whole tree waited for. */
  last: { scope: string; workspaces: number; startMs: number; endMs: number };
  /** When the last call of a scope without WorkSpaces was answered. */
  emptyDoneMs: number;
}

export interface OrgResult {
  setting: OrgSetting;
  shape: FleetShape;
  minimum: OrgMinimum;
  bound: OrgBound;
  runs: OrgRun[];
}

/** Every scope of the organisation: its account, region and WorkSpaces per directory. */
function orgShapeOf(emu: Emulator, org: OrgSpec): FleetShape {
  const scopes = emu.identityCenter.accounts().flatMap((a) =>
    org.regions.map((region) => ({
      key: `${a.accountName}|${region}`,
      profile: a.accountName,
      account: a.accountId,
      region,
      directories: workspacesPerDirectory(emu, a.accountId, region),
    })),
  );
  return { scopes };
}

function minimumOf(shape: FleetShape, accounts: number): OrgMinimum {
  const ws = minRequests(shape);
  const portal = {
    ListAccounts: Math.max(1, Math.ceil(accounts / ACCOUNTS_PAGE)),
    ListAccountRoles: accounts,
    GetRoleCredentials: accounts,
  };
  return {
    ...portal,
    DescribeWorkspaceDirectories: ws.DescribeWorkspaceDirectories,
    DescribeWorkspaces: ws.DescribeWorkspaces,
    DescribeWorkspacesConnectionStatus: ws.DescribeWorkspacesConnectionStatus,
    total: portal.ListAccounts + portal.ListAccountRoles + portal.GetRoleCredentials + ws.total,
  };
}

/**
 * The least time of the whole tree: the organisation read first (its calls one round trip L each,
 * ListAccountRoles ROLES_AT_ONCE at a time, under the portal's quota), then the scopes, at most
 * SCOPES_AT_ONCE listing at once. A scope's least time is its account's quota in its region
 * ((calls − burst) / rate) or its chain of dependent calls (the WorkSpaces pages one after the
 * other, then the last page's status call), whichever is longer; the scopes cannot end before the
 * slowest one alone, nor before Σ of their times has gone through the SCOPES_AT_ONCE places.
 */
function boundOf(shape: FleetShape, org: OrgSpec, s: OrgSetting, min: OrgMinimum): OrgBound {
  const L = s.latencyMs;
  const portalCalls = min.ListAccounts + min.ListAccountRoles;
  const pq = s.portalQuota === undefined ? PORTAL_QUOTA : s.portalQuota;
  const discoveryChain = (min.ListAccounts + Math.ceil(org.accounts / ROLES_AT_ONCE)) * L;
  const discoveryQuota = pq && pq.rate > 0 ? (Math.max(0, portalCalls - pq.burst) / pq.rate) * 1000 : 0;
  const discoveryMs = Math.max(discoveryChain, discoveryQuota);
  let sum = org.accounts * L;
  let longestMs = 0;
  let longest = '';
  for (const sc of shape.scopes) {
    const n = sc.directories.reduce((a, b) => a + b, 0);
    const calls = minimumListingCalls({ directories: sc.directories.length, workspaces: n }).total;
    const quotaMs = s.quota ? (Math.max(0, calls - s.quota.burst) / s.quota.rate) * 1000 : 0;
    const chainMs = (Math.max(1, pages(n)) + (n > 0 ? 1 : 0)) * L;
    const ms = Math.max(quotaMs, chainMs);
    sum += ms;
    if (ms > longestMs) {
      longestMs = ms;
      longest = `${sc.profile} ${sc.region} (${n} WorkSpaces, ${calls} calls)`;
    }
  }
  const placesMs = sum / SCOPES_AT_ONCE;
  const portalMs =
    pq && pq.rate > 0 ? (Math.max(0, portalCalls + min.GetRoleCredentials - pq.burst) / pq.rate) * 1000 : 0;
  const scopesMs = discoveryMs + Math.max(longestMs, placesMs);
  const ms = Math.max(scopesMs, portalMs);
  const sec = (x: number): string => `${(x / 1000).toFixed(1)} s`;
  const by =
    portalMs > scopesMs
      ? "the portal's quota"
      : longestMs >= placesMs
        ? `the slowest scope, ${longest}`
        : `the ${SCOPES_AT_ONCE} places`;
  return {
    ms,
    discoveryMs,
    placesMs,
    longestMs,
    longest,
    portalMs,
    quota: s.quota ? quotaBound(shape, s.quota) : { ms: 0, buckets: shape.scopes.length, calls: 0, text: 'no quota' },
    text: `max(organisation ${sec(discoveryMs)} + max(slowest scope ${sec(longestMs)}, Σ scopes / ${SCOPES_AT_ONCE} ${sec(placesMs)}), every portal call at its quota ${sec(portalMs)}): ${by}`,
  };
}

function timelineOf(
  log: readonly RecordedRequest[],
  openedAt: number,
  shape: FleetShape,
  latencyMs: number,
): OrgTimeline {
  const scopes = new Map(shape.scopes.map((sc) => [`${sc.account}/${sc.region}`, sc]));
  const spans = new Map<string, { first: number; last: number }>();
  for (const r of log) {
    if (r.region === undefined || r.accountId === undefined) continue;
    const k = `${r.accountId}/${r.region}`;
    const sp = spans.get(k) ?? { first: Infinity, last: -Infinity };
    sp.first = Math.min(sp.first, r.time);
    sp.last = Math.max(sp.last, r.time);
    spans.set(k, sp);
  }
  let last = { scope: '', workspaces: 0, startMs: NaN, endMs: -Infinity };
  let emptyDoneMs = NaN;
  for (const [k, sp] of spans) {
    const sc = scopes.get(k);
    const n = sc ? sc.directories.reduce((a, b) => a + b, 0) : 0;
    const endMs = sp.last + latencyMs - openedAt;
    if (n === 0) emptyDoneMs = Number.isNaN(emptyDoneMs) ? endMs : Math.max(emptyDoneMs, endMs);
    if (endMs > last.endMs) {
      last = { scope: sc ? `${sc.profile} ${sc.region}` : k, workspaces: n, startMs: sp.first - openedAt, endMs };
    }
  }
  return { last, emptyDoneMs };
}

/** Counts the TCP connections that bring requests to this process's HTTP servers. */
class Connections {
  private readonly seen = new Set<Socket>();
  private readonly on = (m: unknown): void => {
    this.seen.add((m as { request: IncomingMessage }).request.socket);
  };
  start(): void {
    this.seen.clear();
    subscribe('http.server.request.start', this.on);
  }
  stop(): number {
    unsubscribe('http.server.request.start', this.on);
    const n = this.seen.size;
    this.seen.clear();
    return n;
  }
}

/** The WorkSpaces of the organisation's fleets (after every reset of the emulator: it re-seeds). */
function populate(emu: Emulator, org: OrgSpec): void {
  const accounts = emu.identityCenter.accounts();
  for (const f of org.fleets) {
    const a = accounts[f.account];
    if (!a) throw new Error(`the organisation has no account ${f.account}`);
    populateFleet(
      emu.world(a.accountId, f.region),
      { kind: 'fleet', workspaces: f.workspaces, directories: f.directories, pools: 1, movingRate: 0 },
      1,
    );
  }
}

/**
 * Per run: a fresh measured process opens the view on an empty cache (the organisation's account
 * list is read from the portal, as on a first start), with the CLI's cached token of the
 * sso-session, and shows every scope; the emulator counts every call.
 */
export async function orgScenario(s: OrgSetting, o: QuotaRunOptions): Promise<OrgResult> {
  const org = s.org;
  const emu = await startEmulator({
    // No account of the seed: the organisation is the Identity Center's accounts only.
    seed: { kind: 'fleet', workspaces: 0, accounts: 0 },
    latencyMs: s.latencyMs,
    transitionMs: 600_000,
    requestLogSize: 50_000,
    quota: s.quota,
    identityCenter: {
      accounts: org.accounts,
      regions: org.regions,
      withWorkspaces: 0,
      ...(s.portalQuota !== undefined ? { quota: s.portalQuota } : {}),
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'wsf-bench-org-'));
  try {
    populate(emu, org);
    const shape = orgShapeOf(emu, org);
    const minimum = minimumOf(shape, org.accounts);
    const bound = boundOf(shape, org, s, minimum);
    // The shared config holds the sso-session and nothing else: every profile is an account of it.
    const files = emu.awsConfigFiles({ sso: { session: 'corp', profiles: [] } });
    const config = join(dir, 'config');
    const credentials = join(dir, 'credentials');
    writeFileSync(config, files.config);
    writeFileSync(credentials, '');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      ...emu.identityCenter.endpointEnv(),
      WORKSPACES_FLEET_CLOCK: clockEnvForChildren(),
      ...(o.awsModule === 'src' ? { WSF_BENCH_AWS: 'src' } : {}),
    };
    const scheduler: Pick<InitRequest, 'scheduler'> = !s.quota
      ? { scheduler: UNPACED }
      : isRealQuota(s.quota)
        ? {}
        : { scheduler: { rate: s.quota.rate, burst: s.quota.burst } };
    const runs: OrgRun[] = [];
    for (let run = 0; run < o.runs; run++) {
      emu.reset();
      populate(emu, org);
      emu.resetCounts();
      emu.identityCenter.writeTokenCache(dir, emu.identityCenter.issueToken(ADMIN_USER), { session: 'corp' });
      const connections = new Connections();
      connections.start();
      const r = await withClient({ env }, o, o.warned, async (c) => {
        const ready = await c.ask<ReadyReply>({
          type: 'init',
          regions: {},
          rows: {},
          ...scheduler,
          cacheDir: join(dir, `cache-${run}`),
          open: true,
          explorer: true,
          identityCenter: { corp: { role: org.role, regions: org.regions } },
        });
        const tree = await c.ask<TreeReply>({ type: 'waitTree' });
        return { ready, tree };
      });
      const log = emu.requests();
      const counts = emu.counts();
      const one: OrgRun = {
        ...r,
        counts,
        credentials: log.filter((q) => q.op === 'GetRoleCredentials' && q.fault === undefined).length,
        directoriesInFlight: emu.peakInFlight('DescribeWorkspaceDirectories'),
        connections: connections.stop(),
        timeline: timelineOf(log, r.tree.at - r.tree.ms, shape, s.latencyMs),
      };
      runs.push(one);
      const t = one.tree;
      o.progress?.(
        `  run ${run + 1}/${o.runs}: organisation read after ${(t.profilesMs / 1000).toFixed(1)} s, every scope shown after ${(t.ms / 1000).toFixed(1)} s ` +
          `(bound ${(bound.ms / 1000).toFixed(1)} s); ${accepted(counts)} calls + ${counts.throttled} throttled, ${one.credentials} GetRoleCredentials, ` +
          `${t.peakScopesInFlight} scopes at once, ${t.errors.length} errors; peak RSS ${(t.maxRss / MB).toFixed(0)} MB, heap ${(t.peakHeap / MB).toFixed(0)} MB`,
      );
      if (t.errors.length) o.progress?.(`    errors: ${t.errors.slice(0, 5).join(' | ')}`);
    }
    return { setting: s, shape, minimum, bound, runs };
  } finally {
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const PORTAL_OPS = ['ListAccounts', 'ListAccountRoles', 'GetRoleCredentials'] as const;
const API_OPS = ['DescribeWorkspaceDirectories', 'DescribeWorkspaces', 'DescribeWorkspacesConnectionStatus'] as const;

/** Answered calls by operation (measured/minimum), and the throttled ones apart. */
function callsDetail(c: Counts, min: OrgMinimum): string {
  const ops: readonly string[] = [...PORTAL_OPS, ...API_OPS];
  const answered = (op: string): number => (c.byOp[op] ?? 0) - (c.throttledByOp[op] ?? 0);
  const extra = Object.keys(c.byOp).filter((k) => !ops.includes(k));
  const throttled = Object.entries(c.throttledByOp).filter(([, n]) => n > 0);
  return (
    [
      ...ops.map((op) => `${op} ${answered(op)}/${min[op as keyof OrgMinimum]}`),
      ...extra.map((op) => `${op} ${answered(op)}/0`),
    ].join(' · ') +
    ' (answered/minimum)' +
    (throttled.length ? `; throttled: ${throttled.map(([op, n]) => `${op} ${n}`).join(', ')}` : '; none throttled')
  );
}

export function orgSection(r: OrgResult): Section {
  const s = r.setting;
  const org = s.org;
  const runs = r.runs;
  const sec = (ms: number): number => ms / 1000;
  const mid = (pick: (x: OrgRun) => number): number => median(runs.map(pick));
  const scopes = org.accounts * org.regions.length;
  const workspaces = totalWorkspaces(r.shape);
  // A run whose organisation failed shows no scope: it is not timed (the checks below say so).
  const whole = runs.filter((x) => x.tree.scopes === scopes && x.tree.organizations.every((g) => g.state === 'ready'));
  const timed = whole.length ? whole : runs;
  const byMedian = [...timed].sort((a, b) => a.tree.ms - b.tree.ms)[Math.floor((timed.length - 1) / 2)];
  const midWhole = (pick: (x: OrgRun) => number): number => median(whole.map(pick));
  const pq = s.portalQuota === undefined ? PORTAL_QUOTA : s.portalQuota;
  const last = byMedian.timeline.last;
  const figures: Figure[] = [
    figure(
      'every scope shown (directories, WorkSpaces), from the open',
      's',
      whole.map((x) => sec(x.tree.ms)),
      {
        bound: sec(r.bound.ms),
        boundText: r.bound.text,
        // Without a quota the time is the CPU's (the smoke): no target.
        ...(s.quota ? { target: { op: '<=' as const, value: sec(1.25 * r.bound.ms), text: '1.25 × the bound' } } : {}),
        detail:
          (whole.length < runs.length
            ? `${runs.length - whole.length} of ${runs.length} runs not timed (the organisation failed); `
            : '') +
          `the organisation read (ListAccounts, ListAccountRoles; the scopes made) after ${sec(midWhole((x) => x.tree.profilesMs)).toFixed(1)} s (bound ${sec(r.bound.discoveryMs).toFixed(1)} s); ` +
          (last.scope
            ? `every empty scope shown after ${sec(midWhole((x) => x.timeline.emptyDoneMs)).toFixed(1)} s; the last scope: ${last.scope} (${last.workspaces} WorkSpaces), listed from ${sec(last.startMs).toFixed(1)} s to ${sec(last.endMs).toFixed(1)} s; `
            : 'no scope listed; ') +
          `the slowest bucket's quota alone: ${sec(r.bound.quota.ms).toFixed(1)} s (${r.bound.quota.text}); CPU of the process ${sec(midWhole((x) => x.tree.cpuMs)).toFixed(1)} s`,
      },
    ),
    figure(
      'scopes shown',
      'count',
      runs.map((x) => x.tree.scopes),
      {
        target: { op: '=', value: scopes, text: `${org.accounts} accounts × ${org.regions.length} regions` },
        detail: byMedian.tree.organizations
          .map(
            (g) =>
              `organisation ${g.id}: ${g.state}, ${g.shown} of ${g.total} accounts shown${g.error ? ` (${g.error})` : ''}`,
          )
          .join('; '),
      },
    ),
    figure(
      'scopes shown with an error',
      'count',
      runs.map((x) => x.tree.errors.length),
      {
        target: { op: '=', value: 0, text: '' },
        detail: `${median(runs.map((x) => x.tree.empty))} scopes empty; ${median(runs.map((x) => x.tree.rows))} rows (of ${workspaces}), ${median(runs.map((x) => x.tree.rowsWithStatus))} with their status${byMedian.tree.errors.length ? `; first: ${byMedian.tree.errors[0]}` : ''}`,
      },
    ),
    figure(
      'calls answered in all',
      'req',
      runs.map((x) => accepted(x.counts)),
      {
        bound: r.minimum.total,
        boundText: 'the minimum',
        target: { op: '=', value: r.minimum.total, text: 'the minimum' },
        detail: callsDetail(byMedian.counts, r.minimum),
      },
    ),
    figure(
      'GetRoleCredentials answered',
      'req',
      runs.map((x) => x.credentials),
      {
        target: { op: '=', value: org.accounts, text: `${org.accounts} accounts × 1 role, whatever the regions` },
      },
    ),
    figure(
      'scopes listing at once, at the most',
      'count',
      runs.map((x) => x.tree.peakScopesInFlight),
      {
        target: { op: '<=', value: SCOPES_AT_ONCE, text: "the Fleet's SCOPES_AT_ONCE" },
        detail: `DescribeWorkspaceDirectories in flight at the emulator at the most: ${mid((x) => x.directoriesInFlight)}; TCP connections opened: ${mid((x) => x.connections)}`,
      },
    ),
    figure(
      'peak RSS of the process (maxRSS)',
      'MB',
      runs.map((x) => x.tree.maxRss / MB),
      {
        detail: `at the open (before the AWS layer): ${(mid((x) => x.tree.baselineRss) / MB).toFixed(1)} MB; sampled peak ${(mid((x) => x.tree.peakRss) / MB).toFixed(1)} MB`,
      },
    ),
    figure(
      'peak heap in use',
      'MB',
      runs.map((x) => x.tree.peakHeap / MB),
      {
        detail: `at the open: ${(mid((x) => x.tree.baselineHeap) / MB).toFixed(1)} MB; kept after the whole tree and a gc: ${(mid((x) => x.tree.retainedHeap) / MB).toFixed(1)} MB`,
      },
    ),
  ];
  return {
    id: s.id,
    title: `An organisation of IAM Identity Center, ${s.title}`,
    figures,
    notes: [
      `${describeOrg(org)}. Settings: workspacesFleet.identityCenter = { corp: { role: '${org.role}', regions: [${org.regions.join(', ')}] } }; the shared config holds the [sso-session corp] only, and the AWS CLI's cached token of it. One measured process (as one extension host) opens the view on an empty cache, as the explorer does (every scope opened once the profiles are read), until every scope's directories and WorkSpaces are shown.`,
      `Quota: ${s.quota ? `${s.quota.rate} calls/s, burst ${s.quota.burst} per account and region` : 'none (the scheduler unpaced)'}; the portal ${pq && pq.rate > 0 ? `${pq.rate} calls/s, burst ${pq.burst} per user (the emulator's guess: AWS documents none)` : 'without a quota'}; L = ${s.latencyMs} ms per call, the portal's included. The bound: ${r.bound.text}.`,
    ],
  };
}

// The fleets the benchmark lists, and the lower bounds computed from a fleet's shape (how many
// WorkSpaces each directory of each scope holds): the fewest requests the listing can make and the
// longest chain of dependent calls, which no client can beat with latency L per request.
import { minimumListingCalls } from '../../src/fleet/scopeModel';
import type { Emulator, FleetSeed } from '../emulator';

/** Page size of DescribeWorkspaceDirectories / DescribeWorkspaces, and ids per status call. */
export const PAGE = 25;

export interface ScopeShape {
  /** "profile|region", as the fleet model keys its scopes. */
  key: string;
  profile: string;
  /** The account: profiles of one account share its quota in a region. */
  account: string;
  region: string;
  /** WorkSpaces per directory. */
  directories: number[];
}

export interface FleetShape {
  scopes: ScopeShape[];
}

export const pages = (n: number): number => Math.ceil(n / PAGE);

/** The WorkSpaces of each directory of an account in a region (the emulator's world). */
export function workspacesPerDirectory(emu: Emulator, accountId: string, region: string): number[] {
  const world = emu.world(accountId, region);
  const perDir = new Map<string, number>([...world.directories.keys()].map((d) => [d, 0]));
  for (const r of world.workspaces.values()) {
    perDir.set(r.data.DirectoryId, (perDir.get(r.data.DirectoryId) ?? 0) + 1);
  }
  return [...perDir.values()];
}

/** Reads the shape of what the emulator holds (every account × seeded region). */
export function shapeOf(emu: Emulator): FleetShape {
  const scopes: ScopeShape[] = [];
  for (const a of emu.accounts) {
    for (const region of a.regions) {
      scopes.push({
        key: `${a.profile}|${region}`,
        profile: a.profile,
        account: a.accountId,
        region,
        directories: workspacesPerDirectory(emu, a.accountId, region),
      });
    }
  }
  return { scopes };
}

export function totalWorkspaces(shape: FleetShape): number {
  return shape.scopes.reduce((n, s) => n + s.directories.reduce((a, b) => a + b, 0), 0);
}

export interface RequestBound {
  DescribeWorkspaceDirectories: number;
  DescribeWorkspaces: number;
  DescribeWorkspacesConnectionStatus: number;
  total: number;
}

/**
 * The fewest requests that list every directory, WorkSpace and connection status of the fleet:
 * per scope, ⌈directories/25⌉ directory pages (at least one), ⌈N/25⌉ region-wide WorkSpace pages
 * (at least one) and ⌈N/25⌉ status calls, one per page (src/fleet/scopeModel.ts
 * minimumListingCalls, what the fleet model makes). Per-directory listing would need Σ⌈n_d/25⌉
 * pages and as many status calls, never fewer.
 */
export function minRequests(shape: FleetShape): RequestBound {
  const b = { DescribeWorkspaceDirectories: 0, DescribeWorkspaces: 0, DescribeWorkspacesConnectionStatus: 0, total: 0 };
  for (const s of shape.scopes) {
    const min = minimumListingCalls({
      directories: s.directories.length,
      workspaces: s.directories.reduce((a, n) => a + n, 0),
    });
    b.DescribeWorkspaceDirectories += min.directories;
    b.DescribeWorkspaces += min.workspaces;
    b.DescribeWorkspacesConnectionStatus += min.status;
  }
  b.total = b.DescribeWorkspaceDirectories + b.DescribeWorkspaces + b.DescribeWorkspacesConnectionStatus;
  return b;
}

/** An API quota: a token bucket of `burst` tokens refilled at `rate` per second. */
export interface Quota {
  rate: number;
  burst: number;
}

/** AWS's documented WorkSpaces quota: 2 calls/s, burst 5, per account and region. */
export const REAL_QUOTA: Quota = { rate: 2, burst: 5 };

export interface QuotaBound {
  /** The slowest bucket's (calls − burst) / rate, ms. */
  ms: number;
  /** Buckets (account × region) and the minimum calls of the slowest. */
  buckets: number;
  calls: number;
  text: string;
}

/**
 * The least time the minimum listing can take under a quota: per bucket (account × region: the
 * scopes of one account share it), the first `burst` calls at once and the rest at `rate` per
 * second, (calls − burst) / rate; the buckets in parallel, so the slowest one's. Latency and CPU
 * are left out (they overlap with the waiting).
 */
export function quotaBound(shape: FleetShape, q: Quota): QuotaBound {
  const calls = new Map<string, number>();
  for (const s of shape.scopes) {
    const k = `${s.account}/${s.region}`;
    const min = minimumListingCalls({
      directories: s.directories.length,
      workspaces: s.directories.reduce((a, n) => a + n, 0),
    });
    calls.set(k, (calls.get(k) ?? 0) + min.total);
  }
  const most = Math.max(...calls.values());
  const ms = (Math.max(0, most - q.burst) / q.rate) * 1000;
  return {
    ms,
    buckets: calls.size,
    calls: most,
    text: `(${most} − ${q.burst}) / ${q.rate}/s${calls.size > 1 ? `, ${calls.size} buckets in parallel` : ''}`,
  };
}

/** Dependent calls on the longest chain: the region's WorkSpace pages one after the other (each
 *  needs the previous page's token), then the status call of the last page; the directory pages
 *  run alongside. Scopes run in parallel, so the fleet's chain is its longest scope's. */
export function criticalCalls(shape: FleetShape): number {
  let longest = 0;
  for (const s of shape.scopes) {
    const n = s.directories.reduce((a, b) => a + b, 0);
    const dirPages = Math.max(1, pages(s.directories.length));
    longest = Math.max(longest, dirPages, Math.max(1, pages(n)) + (n > 0 ? 1 : 0));
  }
  return longest;
}

/** Dependent calls before the first WorkSpaces page can land: that page (it does not wait for the
 *  directories). */
export function firstPageCalls(): number {
  return 1;
}

export interface Scenario {
  id: string;
  title: string;
  seed: FleetSeed;
  /** Moving WorkSpaces to poll (set moving in the first scope after the listing). */
  moving?: number;
  /** Run the AWS CLI beside the extension on this fleet. */
  cli?: boolean;
  /** The heap target applies (10,000 WorkSpaces). */
  heapTarget?: boolean;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'ws1k',
    title: '1,000 WorkSpaces, 4 directories, 1 profile × 1 region',
    seed: { kind: 'fleet', workspaces: 1000, directories: 4, movingRate: 0 },
    cli: true,
  },
  {
    id: 'ws10k',
    title: '10,000 WorkSpaces, 4 directories, 1 profile × 1 region',
    seed: { kind: 'fleet', workspaces: 10_000, directories: 4, movingRate: 0 },
    moving: 100,
    heapTarget: true,
  },
  {
    id: 'multi',
    title: '2 profiles × 2 regions × 2,500 WorkSpaces (4 directories each)',
    seed: {
      kind: 'fleet',
      workspaces: 2500,
      accounts: 2,
      regions: ['us-east-1', 'eu-west-1'],
      directories: 4,
      movingRate: 0,
    },
    heapTarget: true,
  },
];

// A seconds-long smoke of the benchmark, the last stage of `npm test`, so the bench cannot rot:
// the same driver, measured process, scenarios and report on tiny fleets (1 run, small latency),
// with the API quota on where it fits (AWS's 2/s for the action and the poll during a listing, a
// scaled one with the scheduler told it for whole listings). It asserts only what is
// deterministic — the bench runs, lists every WorkSpace with its status, makes exactly the minimum
// number of answered requests, shows cached rows before any request, sends each Stop once, polls
// with ⌈moving/25⌉ by-id reads — never a time. Writes the stage's results file (WSF_RESULTS_FILE).
import * as assert from 'node:assert/strict';
import { writeResults, type StageResults } from '../support/results';
import { runScenario, type ScenarioResult } from './driver';
import type { ExportFigures } from './export';
import {
  accepted,
  coldOpen,
  stopsDuringListing,
  tickDuringListing,
  warmOpen,
  type Listed,
  type QuotaRunOptions,
  type Setting,
} from './quota';
import { coldSection, stopsSection, tickSection, warmSection } from './quotaTables';
import { textTable, type Section } from './report';
import { windowsScenario, windowsSection } from './windows';
import { orgScenario, orgSection, type OrgSpec } from './org';
import {
  criticalCalls,
  minRequests,
  quotaBound,
  REAL_QUOTA,
  shapeOf,
  SCENARIOS,
  totalWorkspaces,
  type FleetShape,
  type Scenario,
} from './shape';
import { runStandalone } from './standalone';
import { scenarioSection } from './tables';
import type { UsageFigures } from './usage';
import { startEmulator } from '../emulator';

const LATENCY_MS = 2;
const say = (line: string): void => void process.stdout.write(`  ${line}\n`);

const TINY: readonly Scenario[] = [
  // 110 WorkSpaces over 4 directories (28/28/27/27: two pages each, the last one partial).
  {
    id: 'tiny',
    title: 'smoke: 110 WorkSpaces, 4 directories, 1 profile × 1 region',
    seed: { kind: 'fleet', workspaces: 110, directories: 4, movingRate: 0 },
    moving: 30,
  },
  {
    id: 'tiny-multi',
    title: 'smoke: 2 profiles × 2 regions × 30 WorkSpaces',
    seed: {
      kind: 'fleet',
      workspaces: 30,
      accounts: 2,
      regions: ['us-east-1', 'eu-west-1'],
      directories: 4,
      movingRate: 0,
    },
  },
];

/** 110 WorkSpaces over 4 directories: 1 directory page, 5 pages, 5 status calls. */
const TINY_SEED = { kind: 'fleet' as const, workspaces: 110, directories: 4, movingRate: 0 };
/** A quota the tiny listings feel (11 calls, burst 5) without taking seconds; the scheduler is told it. */
const SMOKE_QUOTA = { rate: 20, burst: 5 };

const results: StageResults = { stage: 'bench', passed: 0, failed: 0, pending: 0, failures: [], durationMs: 0 };

async function check(title: string, fn: () => void | Promise<void>): Promise<void> {
  try {
    await fn();
    results.passed++;
    process.stdout.write(`  ✔ ${title}\n`);
  } catch (e) {
    results.failed++;
    const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    results.failures.push({ title, error });
    process.stdout.write(`  ✘ ${title}\n${error.replace(/^/gm, '      ')}\n`);
  }
}

function show(sections: Section[]): void {
  process.stdout.write(`${textTable(sections).replace(/^/gm, '    ')}\n`);
}

/** A listing under the quota: every row with its status, no error, the minimum answered requests. */
function assertListed(l: Listed, shape: FleetShape): void {
  assert.deepEqual(l.errors, []);
  assert.equal(l.statusErrors, 0);
  assert.equal(l.rows, totalWorkspaces(shape));
  assert.equal(l.rowsWithStatus, totalWorkspaces(shape));
  // Throttled calls (rare: a busy machine bunching calls) are re-sent; the answered ones are exact.
  assert.equal(accepted(l.counts), minRequests(shape).total);
}

function assertMinimum(byOp: Record<string, number>, shape: FleetShape): void {
  const min = minRequests(shape);
  assert.deepEqual(byOp, {
    DescribeWorkspaceDirectories: min.DescribeWorkspaceDirectories,
    DescribeWorkspaces: min.DescribeWorkspaces,
    DescribeWorkspacesConnectionStatus: min.DescribeWorkspacesConnectionStatus,
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  process.stdout.write(
    `bench smoke (tiny fleets, 1 run, L = ${LATENCY_MS} ms; request counts asserted, times never)\n`,
  );

  await check('the bounds of the benchmark fleets come from their shape', async () => {
    // 1,000 WorkSpaces (4 directories): 1 directory page + 40 region-wide pages + 40 status calls;
    // the chain is the 40 pages + the last status call. 2 × 2 × 2,500: per scope 1 + 100 + 100;
    // chain 100 + 1.
    const expected: Record<string, { total: number; chain: number; n: number }> = {
      ws1k: { total: 81, chain: 41, n: 1000 },
      ws10k: { total: 801, chain: 401, n: 10_000 },
      multi: { total: 804, chain: 101, n: 10_000 },
    };
    for (const sc of SCENARIOS) {
      const emu = await startEmulator({ seed: sc.seed, quota: false });
      try {
        const shape = shapeOf(emu);
        assert.equal(totalWorkspaces(shape), expected[sc.id].n, sc.id);
        assert.equal(minRequests(shape).total, expected[sc.id].total, sc.id);
        assert.equal(criticalCalls(shape), expected[sc.id].chain, sc.id);
        // Under the quota: (calls − burst) / rate per bucket (account × region), buckets in parallel.
        const bound = quotaBound(shape, REAL_QUOTA);
        assert.equal(bound.buckets, sc.id === 'multi' ? 4 : 1, sc.id);
        assert.equal(bound.ms, ((expected[sc.id].total / bound.buckets - 5) / 2) * 1000, sc.id);
      } finally {
        await emu.stop();
      }
    }
  });

  for (const sc of TINY) {
    let r: ScenarioResult | undefined;
    await check(`${sc.title}: the bench runs and lists every WorkSpace with its status`, async () => {
      r = await runScenario(sc, { latencyMs: LATENCY_MS, runs: 1, cliRuns: 0 });
      const run = r.runs[0];
      const n = totalWorkspaces(r.shape);
      for (const l of [run.cold, run.warm]) {
        assert.ok(l);
        assert.deepEqual(l.errors, []);
        assert.equal(l.rows, n);
        assert.equal(l.rowsWithStatus, n);
        assert.equal(
          l.directories,
          r.shape.scopes.reduce((a, s) => a + s.directories.length, 0),
        );
      }
      process.stdout.write(`${textTable([scenarioSection(r)]).replace(/^/gm, '    ')}\n`);
    });
    if (!r) continue;
    const run = r.runs[0];
    const shape = r.shape;
    await check(`${sc.title}: the listing makes exactly the minimum requests (${minRequests(shape).total})`, () =>
      assertMinimum(run.cold.counts.byOp, shape),
    );
    await check(`${sc.title}: a refresh makes exactly the minimum requests again`, () =>
      assertMinimum((run.warm as NonNullable<typeof run.warm>).counts.byOp, shape),
    );
    if (sc.moving) {
      const poll = run.poll;
      await check(`${sc.title}: a poll tick makes no request while nothing moves`, () =>
        assert.equal(poll?.idle.total, 0),
      );
      await check(
        `${sc.title}: a poll tick re-reads the ${sc.moving} moving WorkSpaces by id, ⌈${sc.moving}/25⌉ per call, nothing else`,
        () => {
          assert.ok(poll);
          assert.equal(poll.moving, sc.moving);
          const perCall = Math.ceil((sc.moving as number) / 25);
          // They stay moving through the tick (10-minute transitions): by-id reads only, no status
          // call (status is re-read only for WorkSpaces that settled), nothing else.
          assert.deepEqual(poll.tick.byOp, { DescribeWorkspaces: perCall });
        },
      );
    }
  }

  const q: QuotaRunOptions = { runs: 1, warned: new Set() };
  const setting = (id: string, seed: Setting['seed'], quota = SMOKE_QUOTA): Setting => ({
    id,
    title: `smoke: ${id}`,
    seed,
    quota,
    latencyMs: LATENCY_MS,
  });

  await check(
    'under a quota (the scheduler told it): cold open of 110 and of 2 × 2 × 30 make the minimum answered requests',
    async () => {
      for (const seed of [TINY_SEED, TINY[1].seed]) {
        const r = await coldOpen(setting('cold', seed), q);
        show([coldSection(r)]);
        assertListed(r.runs[0].open, r.shape);
      }
    },
  );

  await check(
    'warm open: every cached row in the model before any request, then a revalidation of the minimum',
    async () => {
      const r = await warmOpen(setting('warm', TINY_SEED), q);
      show([warmSection(r)]);
      const run = r.runs[0];
      assert.equal(run.ready.hydration?.workspaces, 110);
      assert.equal(run.before, 0);
      assertListed(run.revalidation, r.shape);
    },
  );

  await check('three windows over one cache: one listing in all, the window on a fresh cache sends none', async () => {
    const r = await windowsScenario(setting('windows', TINY_SEED), q, { b: 300, c: 200 });
    show([windowsSection(r)]);
    const [run] = r.shared;
    assert.equal(run.total, minRequests(r.shape).total, 'one listing for the three windows');
    assert.equal(run.windows.find((w) => w.id === 'C')?.calls, 0);
    assert.equal(r.alone[0].total, 3 * run.total, 'without sharing each window lists');
  });

  await check(
    'an organisation of IAM Identity Center, 8 accounts × 2 regions: every scope shown, GetRoleCredentials once per account, ≤ 8 scopes at once, the minimum calls',
    async () => {
      const org: OrgSpec = {
        accounts: 8,
        regions: ['us-east-1', 'eu-west-1'],
        role: 'WorkSpacesAdmin',
        fleets: [
          { account: 0, region: 'us-east-1', workspaces: 30, directories: 2 },
          { account: 2, region: 'eu-west-1', workspaces: 10, directories: 1 },
        ],
      };
      const r = await orgScenario(
        { id: 'org', title: 'smoke: 8 × 2', org, quota: false, portalQuota: false, latencyMs: LATENCY_MS },
        q,
      );
      show([orgSection(r)]);
      const [run] = r.runs;
      assert.deepEqual(run.tree.errors, []);
      assert.equal(run.tree.scopes, 16);
      assert.equal(run.tree.rows, 40);
      assert.equal(run.tree.rowsWithStatus, 40);
      assert.equal(run.credentials, 8, 'GetRoleCredentials once per account and role, not per region');
      assert.ok(run.tree.peakScopesInFlight <= 8, `${run.tree.peakScopesInFlight} scopes at once`);
      assert.equal(accepted(run.counts), r.minimum.total);
      assert.equal(run.counts.byOp.ListAccountRoles, 8);
    },
  );

  await check("Stops fired into a listing at AWS's quota: each sent once and answered", async () => {
    const r = await stopsDuringListing(setting('stops', TINY_SEED, REAL_QUOTA), [300, 1000], q);
    show([stopsSection(r)]);
    const stops = r.runs[0].stops;
    assert.equal(stops.length, 2);
    for (const s of stops) {
      assert.deepEqual(
        s.outcomes.map((o) => o.ok),
        [true],
      );
    }
    const c = r.runs[0].listing.counts;
    assert.equal((c.byOp.StopWorkspaces ?? 0) - (c.throttledByOp.StopWorkspaces ?? 0), 2, 'StopWorkspaces answered');
  });

  await check("a poll tick during a listing at AWS's quota: ⌈30/25⌉ by-id reads, nothing else", async () => {
    const r = await tickDuringListing(
      setting('tick', TINY_SEED, REAL_QUOTA),
      30,
      { followAtMs: 300, intervalMs: 1000 },
      q,
    );
    show([tickSection(r)]);
    assert.equal(r.runs[0].followed.moving, 30);
    assert.deepEqual(r.runs[0].order.calls, { DescribeWorkspaces: 2 });
  });

  await check('export of 200 rows (export.js): every row, as CSV and JSON', async () => {
    const e = await runStandalone<ExportFigures>('export', ['--rows', '200', '--runs', '1'], process.execPath, say);
    assert.equal(e.rows, 200);
    assert.ok(e.bytes.csv > 0 && e.bytes.json > 0);
  });

  await check(
    'usage read of 60 WorkSpaces (usage.js): ⌈N/⌊100,800/h⌋⌉ calls per month, this month only on refresh',
    async () => {
      const u = await runStandalone<UsageFigures>(
        'usage',
        ['--workspaces', '60', '--runs', '1', '--latency', String(LATENCY_MS)],
        process.execPath,
        say,
      );
      assert.equal(u.runs[0].calls, u.minimum);
      assert.equal(u.runs[0].refreshCalls, u.refreshMinimum);
    },
  );

  results.durationMs = performance.now() - started;
  writeResults(process.env.WSF_RESULTS_FILE, results);
  process.stdout.write(
    `bench smoke: ${results.passed} passed, ${results.failed} failed in ${(results.durationMs / 1000).toFixed(1)} s\n`,
  );
  process.exitCode = results.failed ? 1 : 0;
}

main().catch((e: unknown) => {
  results.failed++;
  results.failures.push({ title: 'bench smoke', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  writeResults(process.env.WSF_RESULTS_FILE, results);
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

// A seconds-long smoke of the benchmark, the last stage of `npm test`, so the bench cannot rot:
// the same driver, measured process and report on tiny fleets (1 run, L = 2 ms). It asserts only
// what is deterministic — the bench runs, lists every WorkSpace with its status, and makes exactly
// the minimum number of requests — never a time. Writes the stage's results file (WSF_RESULTS_FILE).
import * as assert from 'node:assert/strict';
import { writeResults, type StageResults } from '../support/results';
import { runScenario, type ScenarioResult } from './driver';
import { textTable } from './report';
import {
  criticalCalls,
  minRequests,
  shapeOf,
  SCENARIOS,
  totalWorkspaces,
  type FleetShape,
  type Scenario,
} from './shape';
import { scenarioSection } from './tables';
import { startEmulator } from '../emulator';

const LATENCY_MS = 2;

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

function assertMinimum(byOp: Record<string, number>, shape: FleetShape): void {
  const min = minRequests(shape);
  assert.deepEqual(byOp, {
    DescribeWorkspaceDirectories: min.DescribeWorkspaceDirectories,
    DescribeWorkspaces: min.DescribeWorkspaces,
    DescribeWorkspacesConnectionStatus: min.DescribeWorkspacesConnectionStatus,
  });
}

async function main(): Promise<void> {
  const started = Date.now();
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

  results.durationMs = Date.now() - started;
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

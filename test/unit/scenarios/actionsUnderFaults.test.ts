// Nothing twice, nothing lost: bulk actions under faults act on each WorkSpace at most once
// (emulator actionCount) and report one outcome per WorkSpace: accepted, or — when the request may
// have reached the service without a readable answer (hung, cut off) — unknown, never resent.
// Throttled calls wait and go again. Reads with an unreadable answer are retried. Real SDK, real
// HTTP, the layer as the extension configures it.
import * as assert from 'node:assert/strict';
import type { ActionOutcome } from '../../../src/core/types';
import { harness, type Harness } from '../aws/helpers';
import { recordRow } from '../../support/reliability';
import { recordingLogger } from './support';

const SEED = {
  kind: 'fleet' as const,
  workspaces: 200,
  accounts: 1,
  regions: ['us-east-1'],
  directories: 2,
  movingRate: 0,
};

/** 50 WorkSpaces Stop may act on: AVAILABLE and AUTO_STOP (made so in the emulator's world). */
function eligible(h: Harness, count = 50): string[] {
  const w = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
  const ids = w.workspaceIds().slice(0, count);
  for (const id of ids) {
    const rec = w.workspaces.get(id);
    assert.ok(rec);
    rec.data.State = 'AVAILABLE';
    rec.data.WorkspaceProperties = {
      ...rec.data.WorkspaceProperties,
      RunningMode: 'AUTO_STOP',
      RunningModeAutoStopTimeoutInMinutes: 60,
    };
  }
  return ids;
}

function onceFigures(h: Harness, ids: readonly string[], op: string): { once: number; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  for (const id of ids) counts[id] = h.emu.actionCount(id, op);
  return { once: Object.values(counts).filter((c) => c === 1).length, counts };
}

describe('bulk actions under faults: exactly once, every outcome reported', function () {
  this.timeout(60_000);

  // rngSeed: where the emulator's fault draws start. Only StopWorkspaces requests draw (operations),
  // so each seed gives the same faults every run: seed 1 throttles twice, seed 4 hangs twice and
  // throttles once. The test checks that the faults did happen.
  const cases: Array<{
    id: string;
    fault: string;
    reproduce: string;
    faults: Record<string, unknown>;
    rngSeed: number;
    layer?: Record<string, unknown>;
  }> = [
    {
      id: 'stop50-throttle30',
      fault: 'Bulk Stop of 50 under 30 % throttling',
      reproduce: "setFaults({ throttleRate: 0.3, operations: ['StopWorkspaces'] }), rngSeed 1",
      faults: { throttleRate: 0.3, operations: ['StopWorkspaces'] },
      rngSeed: 1,
    },
    {
      id: 'stop50-mixed',
      fault: 'Bulk Stop of 50 under 30 % throttling + 10 % 500/503 + 5 % hung (timeout 1 s)',
      reproduce:
        "setFaults({ throttleRate: 0.3, errorRate: 0.1, hangRate: 0.05, operations: ['StopWorkspaces'] }), rngSeed 4",
      faults: { throttleRate: 0.3, errorRate: 0.1, hangRate: 0.05, operations: ['StopWorkspaces'] },
      rngSeed: 4,
      layer: { requestTimeoutMs: 1000 },
    },
  ];

  // Both cases at once (each its own emulator): their time is the SDK's backoff.
  const started = new Map<string, Promise<{ h: Harness; ids: string[]; outcomes: ActionOutcome[] }>>();
  before(() => {
    for (const c of cases) {
      started.set(
        c.id,
        (async () => {
          // Its own emulator: the fault draws start from the same point every run.
          const h = await harness(
            { seed: SEED, rngSeed: c.rngSeed, requestLogSize: 50_000 },
            { maxAttempts: undefined, requestTimeoutMs: 30_000, logger: recordingLogger, ...c.layer },
          );
          const ids = eligible(h);
          h.emu.setFaults(c.faults);
          const outcomes = await h
            .api()
            .stop(ids)
            .catch(() => [] as ActionOutcome[]);
          return { h, ids, outcomes };
        })(),
      );
    }
  });
  after(async () => {
    for (const p of started.values()) await (await p.catch(() => undefined))?.h.close();
  });

  for (const c of cases) {
    it(`${c.fault}: acts on each at most once (accepted: exactly once) and reports 50 outcomes`, async () => {
      const run = started.get(c.id);
      assert.ok(run);
      const { h, ids, outcomes } = await run;
      let passed = false;
      try {
        const faulted = h.emu.requests().filter((r) => r.op === 'StopWorkspaces' && r.fault !== undefined);
        assert.ok(faulted.length >= 2, `the faults happened: ${faulted.map((r) => r.fault).join(', ')}`);
        assert.equal(outcomes.length, 50, 'one outcome per WorkSpace');
        assert.deepEqual(
          outcomes.map((o) => o.id),
          ids,
          'in the order asked',
        );
        // Throttled and 5xx calls go again; a hung one may have been applied, so it is not resent
        // and its WorkSpaces are reported unknown (the commands re-read them).
        const hung = h.emu.requests().filter((r) => r.op === 'StopWorkspaces' && r.fault === 'hang');
        const hungIds = new Set(
          hung.flatMap((r) => (r.params.StopWorkspaceRequests as { WorkspaceId: string }[]).map((x) => x.WorkspaceId)),
        );
        assert.deepEqual(
          outcomes.filter((o) => !o.ok && !(o.unknown && o.kind === 'timeout' && hungIds.has(o.id))),
          [],
          'every Stop accepted, except the hung ones: unknown',
        );
        assert.equal(outcomes.filter((o) => !o.ok).length, hungIds.size, 'every hung WorkSpace is reported unknown');
        const { once, counts } = onceFigures(h, ids, 'StopWorkspaces');
        assert.ok(
          ids.every((id) => (counts[id] ?? 0) <= 1),
          `never acted on twice: ${JSON.stringify(Object.entries(counts).filter(([, n]) => n > 1))}`,
        );
        assert.equal(
          once,
          50 - hungIds.size,
          `the accepted ones acted on exactly once: ${JSON.stringify(Object.entries(counts).filter(([, n]) => n !== 1))}`,
        );
        for (const id of hungIds) {
          const sent = h.emu
            .requests()
            .filter((r) =>
              (r.params.StopWorkspaceRequests as { WorkspaceId: string }[] | undefined)?.some(
                (x) => x.WorkspaceId === id,
              ),
            );
          assert.equal(
            sent.filter((r) => r.fault !== 'throttle' && r.fault !== 'quota').length,
            1,
            `${id}: sent once, not resent after it hung`,
          );
        }
        // Nothing else was touched.
        const others = h.emu
          .world(h.emu.accounts[0].accountId, 'us-east-1')
          .workspaceIds()
          .filter((id) => !ids.includes(id));
        assert.ok(others.every((id) => h.emu.actionCount(id) === 0));
        passed = true;
      } finally {
        const reqs = h.emu.requests().filter((r) => r.op === 'StopWorkspaces');
        const faulted = reqs.filter((r) => r.fault).length;
        recordRow({
          id: `unit/${c.id}`,
          fault: c.fault,
          reproduce: c.reproduce,
          level: 'unit',
          workspaces: 0,
          reachable: 0,
          listed: 0,
          duplicates: 0,
          errorRows: [],
          requests: reqs.length,
          faultsInjected: faulted,
          // Every faulted request went again except the hung ones (not resent: outcome unknown).
          retried: faulted - reqs.filter((r) => r.fault === 'hang').length,
          actedOn: 50 - outcomes.filter((o) => !o.ok && o.unknown).length,
          exactlyOnce: onceFigures(h, ids, 'StopWorkspaces').once,
          passed,
          note: `AWS layer stop(ids): 2 calls of 25${outcomes.some((o) => !o.ok && o.unknown) ? `; ${outcomes.filter((o) => !o.ok && o.unknown).length} outcomes unknown (hung: not resent)` : ''}`,
        });
      }
    });
  }

  describe('answers that cannot be read', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await harness(
        { seed: SEED, requestLogSize: 50_000 },
        { maxAttempts: undefined, requestTimeoutMs: 30_000, logger: recordingLogger },
      );
    });
    afterEach(async () => h.close());

    it('a read with a truncated 200 answer is resent and the listing completes', async () => {
      h.emu.failNext('DescribeWorkspaces', 'truncated', 2);
      const rows: string[] = [];
      for await (const page of h.api().workspaces()) rows.push(...page.map((w) => w.WorkspaceId ?? ''));
      assert.equal(rows.length, 200);
      assert.equal(new Set(rows).size, 200, 'no page twice');
      assert.equal(h.emu.requests().filter((r) => r.op === 'DescribeWorkspaces' && r.fault === 'truncated').length, 2);
    });

    it('a read that keeps answering garbage fails after the SDK attempts, as badResponse', async () => {
      h.emu.setFaults({ truncatedRate: 1, operations: ['DescribeWorkspacesPools'] });
      const err = await (async () => {
        try {
          for await (const _ of h.api().pools()) void _;
        } catch (e) {
          return e as { kind?: string; attempts?: number; message?: string };
        }
        return undefined;
      })();
      assert.equal(err?.kind, 'badResponse');
      assert.match(
        err?.message ?? '',
        /did not answer DescribeWorkspacesPools like the WorkSpaces API \(HTTP 200, truncated or malformed JSON\)/,
      );
      assert.equal(h.emu.counts().byOp.DescribeWorkspacesPools, 5, 'the default five attempts, then the error');
    });

    it('an action whose answer is truncated is applied once, not resent, and its outcome is unknown', async () => {
      const ids = eligible(h, 30);
      h.emu.failNext('StopWorkspaces', 'truncated', 1);
      const outcomes = await h.api().stop(ids);
      assert.equal(outcomes.length, 30);
      assert.equal(h.emu.counts().byOp.StopWorkspaces, 2, 'two chunks, neither resent');
      const unknown = outcomes.filter((o) => !o.ok && o.unknown);
      assert.ok(unknown.length === 25 || unknown.length === 5, `the chunk that got the bad answer: ${unknown.length}`);
      assert.ok(unknown.every((o) => !o.ok && o.kind === 'badResponse'));
      assert.deepEqual(
        outcomes.filter((o) => !o.ok && !o.unknown),
        [],
        'the others were accepted',
      );
      // The emulator sends the truncated answer instead of acting; on AWS the action may have
      // happened: either way it was sent once.
      assert.ok(
        ids.every((id) => h.emu.actionCount(id, 'StopWorkspaces') <= 1),
        'nothing acted on twice',
      );
    });

    it('an action that hangs is not resent after the timeout: outcome unknown; a throttled one goes again', async () => {
      const layer = h.newLayer({ requestTimeoutMs: 500 });
      const api = layer.api({ profile: h.emu.accounts[0].profile, region: 'us-east-1' });
      const [a, b] = eligible(h, 2);
      h.emu.failNext('StopWorkspaces', 'hang', 1);
      const [hung] = await api.stop([a]);
      assert.ok(!hung.ok && hung.unknown === true && hung.kind === 'timeout', JSON.stringify(hung));
      h.emu.failNext('StopWorkspaces', 'throttle', 2);
      const [throttled] = await api.stop([b]);
      assert.deepEqual(throttled, { id: b, ok: true });
      assert.deepEqual(
        h.emu
          .requests()
          .filter((r) => r.op === 'StopWorkspaces')
          .map((r) => r.fault ?? 'ok'),
        ['hang', 'throttle', 'throttle', 'ok'],
      );
      assert.equal(h.emu.actionCount(b, 'StopWorkspaces'), 1);
    });
  });
});

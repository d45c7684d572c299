// The fleet model where AWS makes it hard (vscode-free, real AWS layer and SDK, emulator): the
// persistent cache shown before any call and revalidated in place, WorkSpaces created by the
// extension that AWS does not list yet, connection-status calls that fail, and actions whose answer
// was lost.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { FleetCache } from '../../../src/fleet/cache';
import { Fleet, Poller, type FleetOptions } from '../../../src/fleet/fleet';
import { checkUnknown, workspaceVerdict } from '../../../src/fleet/outcomes';
import type { ScopeModel } from '../../../src/fleet/scopeModel';
import type { WorkspaceView } from '../../../src/core/present';
import { waitFor } from '../../support/waitFor';
import { clientFor } from '../emulator/helpers';
import { allRegions, fleetOver, harness, type Harness } from '../aws/helpers';
import { testClock } from '../../support/clock';

const CORP = 'd-9067a1b2c3';
const BUNDLE = 'wsb-fin0win11';

/** A logger that keeps every line (the model must log each failure with its cause). */
function lines(): { info: (m: string) => void; warn: (m: string) => void; all: string[] } {
  const all: string[] = [];
  return { info: (m) => all.push(`info ${m}`), warn: (m) => all.push(`warn ${m}`), all };
}

function fleetOf(h: Harness, opts: Partial<FleetOptions> = {}): Fleet {
  return fleetOver(h.layer, allRegions(h.emu), opts);
}

function scopeOf(fleet: Fleet, profile: string, region: string): ScopeModel {
  const m = fleet.scopeModel({ profile, region });
  assert.ok(m, `${profile} ${region}`);
  return m;
}

describe('fleet model: the persistent cache (hydrate, then revalidate in place)', function () {
  this.timeout(30_000);
  let h: Harness;
  let dir: string;
  const fleets: Fleet[] = [];

  beforeEach(async () => {
    h = await harness({
      seed: { kind: 'fleet', workspaces: 60, accounts: 2, regions: ['us-east-1', 'eu-west-1'], movingRate: 0 },
    });
    dir = mkdtempSync(join(tmpdir(), 'wsf-fleet-cache-'));
  });

  afterEach(async () => {
    for (const f of fleets.splice(0)) f.dispose();
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fleet that listed every scope once, with everything saved to the cache. */
  async function listedAndSaved(cache: FleetCache): Promise<Fleet> {
    const first = fleetOf(h, { cache });
    fleets.push(first);
    await first.loadProfiles();
    await Promise.all(first.allScopes().map((s) => s.refresh(['directories', 'workspaces', 'images'])));
    await cache.flush();
    return first;
  }

  it('shows every cached scope before any call, then revalidates: changed rows in place, vanished gone, new ones in', async () => {
    const cache = new FleetCache(dir, { clock: testClock(), saveDelayMs: 10 });
    const first = await listedAndSaved(cache);
    const prod = h.emu.accounts[0];
    const before = scopeOf(first, prod.profile, 'us-east-1');
    const firstSeen = new Map(before.firstSeen);
    const world = h.emu.world(prod.accountId, 'us-east-1');
    const [gone, moved] = world.workspaceIds();
    world.removeWorkspace(gone);
    world.setState(moved, 'STOPPED');
    const template = world.getWorkspace(world.workspaceIds()[2]);
    const created = await clientFor(h.emu, prod, 'us-east-1').send(
      new CreateWorkspacesCommand({
        Workspaces: [{ DirectoryId: template?.DirectoryId, UserName: 'new.nora', BundleId: template?.BundleId }],
      }),
    );
    const added = created.PendingRequests?.[0]?.WorkspaceId;
    assert.ok(added);

    // A new window: the same cache, a fresh model.
    h.emu.resetCounts();
    const second = fleetOf(h, { cache: new FleetCache(dir, { clock: testClock(), saveDelayMs: 10 }) });
    fleets.push(second);
    let atProfiles: { rows: number; requests: number; asOf?: number } | undefined;
    second.on('profiles', () => {
      const m = scopeOf(second, prod.profile, 'us-east-1');
      atProfiles = { rows: m.workspaces.items.size, requests: h.emu.counts().total, asOf: m.asOf };
    });
    await second.loadProfiles();
    assert.deepEqual(atProfiles, { rows: 60, requests: 0, asOf: before.workspaces.loadedAt });
    assert.equal(second.hydration?.scopes, 4, 'every scope shown from the cache');
    assert.equal(second.hydration?.workspaces, 240);
    assert.ok((second.hydration?.ms ?? -1) >= 0);
    const model = scopeOf(second, prod.profile, 'us-east-1');
    assert.equal(model.images.items.size, before.images.items.size, 'cached images counted before any call');
    assert.equal(model.images.state, 'idle', 'and not listed until asked');
    assert.ok([...model.workspaces.items.values()].every((w) => w.cachedAt === before.workspaces.loadedAt));
    assert.deepEqual(new Map(model.firstSeen), firstSeen, 'first-seen times survive the window');

    // Revalidation: the listing merges into the same map; progress counts against the cached total.
    const progress: Array<{ listed: number; expected?: number }> = [];
    model.on('change', (c) => {
      if (c.section === 'workspaces' && model.workspaces.progress) progress.push({ ...model.workspaces.progress });
    });
    await model.refresh();
    assert.equal(model.workspaces.items.has(gone), false, 'vanished row removed');
    assert.equal(model.workspaces.items.get(moved)?.State, 'STOPPED', 'changed row updated in place');
    assert.equal(model.workspaces.items.get(added)?.State, 'PENDING', 'new row in');
    assert.equal(model.workspaces.items.size, 60);
    assert.ok([...model.workspaces.items.values()].every((w) => w.cachedAt === undefined));
    assert.equal(model.asOf, undefined, 'no longer "as of"');
    assert.equal(model.firstSeen.get(moved), firstSeen.get(moved), 'first seen kept for a known WorkSpace');
    assert.ok((model.firstSeen.get(added) ?? 0) > (firstSeen.get(moved) ?? Infinity), 'first seen now for a new one');
    assert.ok(
      progress.some((p) => p.expected === 60 && p.listed > 0 && p.listed < 60),
      `progress against the cached count: ${JSON.stringify(progress.slice(0, 4))}`,
    );
    // What the revalidation stored is what the next window shows.
    await second.cache?.flush();
    const again = await new FleetCache(dir, { clock: testClock() }).load(
      prod.profile,
      'us-east-1',
      model.fingerprint ?? '',
    );
    assert.equal(again.status, 'hit');
    if (again.status === 'hit') {
      assert.equal(again.snapshot.workspaces?.items.length, 60);
      assert.ok(again.snapshot.workspaces?.items.every((w) => w.cachedAt === undefined && w.statusError === undefined));
    }
  });

  it('a profile whose settings changed does not show the old entry, and drops it; a removed profile loses its entries', async () => {
    const cache = new FleetCache(dir, { clock: testClock(), saveDelayMs: 10 });
    await listedAndSaved(cache);
    assert.equal((await cache.size()).entries, 4);
    const [prod, dev] = h.emu.accounts;
    const files = h.emu.awsConfigFiles();
    // A setting of sandbox-dev changes (its fingerprint with it); sandbox-prod is unchanged.
    h.writeConfig(files.config.replace(`[profile ${dev.profile}]`, `[profile ${dev.profile}]\ncli_pager = less`));
    const layer = h.newLayer();
    const second = new Fleet(
      () => Promise.resolve(layer),
      {
        profiles: [],
        regions: Object.fromEntries(h.emu.accounts.map((a) => [a.profile, a.regions])),
        includeEnvironment: false,
      },
      { clock: testClock(), cache: new FleetCache(dir, { clock: testClock(), saveDelayMs: 10 }) },
    );
    fleets.push(second);
    await second.loadProfiles();
    assert.equal(scopeOf(second, prod.profile, 'us-east-1').workspaces.items.size, 60, 'unchanged profile: cached');
    assert.equal(scopeOf(second, dev.profile, 'us-east-1').workspaces.items.size, 0, 'changed profile: not shown');
    await waitFor('the changed profile dropped', async () => (await cache.size()).entries === 2);
    // sandbox-prod removed from the shared files: its entries go at the next read of the profiles.
    h.writeConfig(
      files.config.replace(new RegExp(`\\[profile ${prod.profile}\\][^[]*`), ''),
      files.credentials.replace(new RegExp(`\\[${prod.profile}\\][^[]*`), ''),
    );
    await second.loadProfiles(true);
    await waitFor('the removed profile dropped', async () => (await cache.size()).entries === 0);
  });
});

describe('fleet model: survives what AWS does', function () {
  this.timeout(30_000);
  let h: Harness;
  let fleet: Fleet;
  let log: ReturnType<typeof lines>;
  let model: ScopeModel;

  beforeEach(async () => {
    h = await harness({ seed: 'demo' });
    log = lines();
    fleet = fleetOf(h, { logger: log });
    await fleet.loadProfiles();
    model = scopeOf(fleet, 'sandbox-prod', 'us-east-1');
  });

  afterEach(async () => {
    fleet.dispose();
    await h.close();
  });

  async function create(user: string): Promise<WorkspaceView> {
    const out = await h
      .api('sandbox-prod', 'us-east-1')
      .create([{ DirectoryId: CORP, UserName: user, BundleId: BUNDLE }]);
    assert.equal(out[0].ok, true, JSON.stringify(out[0]));
    const ws = out[0].workspace;
    assert.ok(ws?.WorkspaceId);
    model.addWorkspaces([ws]);
    return ws;
  }

  it('a WorkSpace it created stays "Creating…" through listings and polls while AWS does not list it, then becomes the real row', async () => {
    h.emu.setVisibilityDelay(10 * 60_000);
    await model.refresh();
    const ws = await create('late.lucy');
    const id = ws.WorkspaceId as string;
    assert.deepEqual(model.workspaces.items.get(id)?.creating?.gaveUp, undefined);
    await model.refresh();
    assert.ok(model.workspaces.items.get(id)?.creating, 'kept by a listing that does not return it');
    const poller = new Poller(fleet, 50);
    assert.ok(model.movingWorkspaceIds().includes(id), 'followed by the poller');
    h.emu.resetCounts();
    await poller.tick();
    assert.equal(h.emu.counts().byOp.DescribeWorkspaces, 1, 'the poller asked for it by id');
    assert.ok(model.workspaces.items.get(id)?.creating, 'kept by a poll that does not find it');
    await model.refreshWorkspaces([id]);
    assert.ok(model.workspaces.items.get(id)?.creating, 'kept by a re-read by id');
    // AWS lists it now.
    h.emu.advanceTime(10 * 60_000 + 1000);
    await poller.tick();
    const row = model.workspaces.items.get(id);
    assert.equal(row?.creating, undefined, 'the real row');
    assert.equal(row?.State, 'PENDING');
    poller.stop();
  });

  it('gives up on a created WorkSpace AWS never lists only after the window, with a clear row, gone at the next listing', async () => {
    h.emu.setVisibilityDelay(10 * 60_000);
    fleet.tuning.creatingWindowMs = 300;
    await model.refresh();
    const id = (await create('never.nick')).WorkspaceId as string;
    await model.refresh();
    assert.equal(model.workspaces.items.get(id)?.creating?.gaveUp, undefined, 'within the window: waiting');
    await new Promise((r) => setTimeout(r, 350));
    await model.refresh();
    assert.equal(model.workspaces.items.get(id)?.creating?.gaveUp, true, 'past the window: a clear row');
    assert.equal(model.movingWorkspaceIds().includes(id), false, 'no longer polled');
    assert.ok(log.all.some((l) => l.startsWith('warn') && l.includes(id) && /still does not return it/.test(l)));
    await model.refresh();
    assert.equal(model.workspaces.items.has(id), false, 'the next listing removes it');
  });

  it('a failing connection-status call keeps every row (and the last status), marks them, logs why; a later status clears it', async () => {
    await model.refresh();
    const ids = [...model.workspaces.items.keys()];
    const [first] = ids;
    const known = model.workspaces.items.get(first)?.connection;
    assert.ok(known);
    h.emu.setQuirks({ unsupportedOperations: ['DescribeWorkspacesConnectionStatus'] });
    const world = h.emu.world(h.emu.account('sandbox-prod').accountId, 'us-east-1');
    world.setState(first, 'STOPPED');
    await model.refresh();
    assert.deepEqual([...model.workspaces.items.keys()].sort(), [...ids].sort(), 'every row kept');
    const row = model.workspaces.items.get(first);
    assert.equal(row?.State, 'STOPPED', 'the row updated');
    assert.deepEqual(row?.connection, known, 'the last status known kept');
    assert.match(
      row?.statusError ?? '',
      /did not answer DescribeWorkspacesConnectionStatus like the WorkSpaces API \(HTTP 500 HTML page\)/,
    );
    assert.equal(model.statusMissing().count, ids.length);
    assert.equal(model.workspaces.state, 'loaded', 'the listing itself succeeded');
    assert.ok(
      log.all.some((l) => /warn .*connection status of .* could not be read/.test(l)),
      log.all.join('\n'),
    );
    // A per-row refresh (and the poller's settle step, the re-read after an action): no throw, rows kept.
    world.setState(first, 'AVAILABLE');
    await model.refreshWorkspaces([first]);
    assert.equal(model.workspaces.items.get(first)?.State, 'AVAILABLE');
    assert.ok(model.workspaces.items.get(first)?.statusError);
    h.emu.setQuirks({ unsupportedOperations: [] });
    await model.refreshWorkspaces([first]);
    assert.equal(model.workspaces.items.get(first)?.statusError, undefined, 'a status that arrives clears the mark');
  });

  it('an endpoint without DescribeWorkspacesConnectionStatus is asked once per listing, not once per page', async () => {
    // Three pages of WorkSpaces (the demo region has 14).
    const more = Array.from({ length: 50 }, (_, i) => ({
      DirectoryId: CORP,
      UserName: `page.user${i}`,
      BundleId: BUNDLE,
    }));
    assert.ok((await h.api('sandbox-prod', 'us-east-1').create(more)).every((o) => o.ok));
    await model.refresh();
    const ids = [...model.workspaces.items.keys()];
    assert.ok(ids.length > 25, 'several pages');
    h.emu.setQuirks({ unsupportedOperations: ['DescribeWorkspacesConnectionStatus'] });
    h.emu.resetCounts();
    await model.refresh();
    // One call (with the SDK's retries of an unreadable answer) tells the listing; the other pages'
    // status calls are dropped or never made, and their rows carry the same reason.
    const pages = h.emu.counts().byOp.DescribeWorkspaces ?? 0;
    const statusCalls = h.emu.counts().byOp.DescribeWorkspacesConnectionStatus ?? 0;
    assert.ok(pages >= 3, `${pages} pages`);
    assert.ok(statusCalls < pages * 2, `${statusCalls} status requests for ${pages} pages`);
    assert.equal(model.statusMissing().count, ids.length, 'every row marked');
    h.emu.setQuirks({ unsupportedOperations: [] });
  });

  it('logs every failed section with its cause', async () => {
    h.emu.setQuirks({ unsupportedOperations: ['DescribeWorkspaceImages'] });
    await model.load('images');
    assert.equal(model.images.state, 'error');
    assert.ok(
      log.all.some((l) => /^warn sandbox-prod us-east-1: listing the images failed: .*DescribeWorkspaceImages/.test(l)),
      log.all.join('\n'),
    );
  });

  it('a directory whose Alias is its id is labelled by its name', async () => {
    const { directoryLabel } = await import('../../../src/core/present');
    h.emu.setQuirks({ aliasEqualsId: true });
    await model.load('directories');
    const corp = model.directories.items.get(CORP);
    assert.equal(corp?.Alias, CORP);
    assert.equal(directoryLabel(corp ?? {}), 'corp.example.com');
  });
});

describe('fleet model: actions whose answer was lost are settled by a re-read, never sent again', function () {
  this.timeout(30_000);
  let h: Harness;
  let fleet: Fleet;
  let model: ScopeModel;

  beforeEach(async () => {
    h = await harness({ seed: 'demo' });
    fleet = fleetOf(h);
    await fleet.loadProfiles();
    model = scopeOf(fleet, 'sandbox-prod', 'us-east-1');
    await model.refresh();
  });

  afterEach(async () => {
    fleet.dispose();
    await h.close();
  });

  const byState = (state: string): string[] =>
    [...model.workspaces.items.values()]
      .filter((w) => w.State === state && w.WorkspaceProperties?.RunningMode !== 'ALWAYS_ON')
      .map((w) => w.WorkspaceId as string);

  async function settle(action: 'stop' | 'start', ids: string[]) {
    const before = new Map(ids.map((id) => [id, model.workspaces.items.get(id)]));
    const api = h.api('sandbox-prod', 'us-east-1');
    const outcomes = action === 'stop' ? await api.stop(ids) : await api.start(ids);
    assert.ok(
      outcomes.every((o) => !o.ok && o.unknown === true),
      `every outcome unknown: ${JSON.stringify(outcomes)}`,
    );
    return checkUnknown(ids, before, {
      reread: (part) => model.refreshWorkspaces(part, { priority: 'action' }),
      current: (id) => model.workspaces.items.get(id),
      verdict: (b, a) => workspaceVerdict(action, b, a),
      recheckMs: 50,
    });
  }

  it('lost answers (the action applied): each settled as done, each acted on exactly once', async () => {
    const ids = byState('AVAILABLE').slice(0, 2);
    assert.equal(ids.length, 2);
    h.emu.setFaults({ lostResponseRate: 1, operations: ['StopWorkspaces'] });
    h.emu.resetCounts();
    const r = await settle('stop', ids);
    assert.deepEqual([...r.verdicts.values()], ['done', 'done']);
    assert.deepEqual(
      ids.map((id) => h.emu.actionCount(id, 'StopWorkspaces')),
      [1, 1],
      'exactly once',
    );
    assert.equal(h.emu.counts().byOp.StopWorkspaces, 1, 'one call, never sent again');
    assert.ok(
      ids.every((id) => model.workspaces.items.get(id)?.State === 'STOPPING'),
      'the model has the real state',
    );
  });

  it('a garbled answer of a refused action (nothing applied): settled as not done after a second look', async () => {
    const ids = byState('STOPPED').slice(0, 1);
    assert.equal(ids.length, 1);
    // Stop of a stopped WorkSpace: AWS refuses it (FailedRequests), and the answer arrives garbled.
    h.emu.setFaults({ garbledResponseRate: 1, operations: ['StopWorkspaces'] });
    h.emu.resetCounts();
    const r = await settle('stop', ids);
    assert.deepEqual([...r.verdicts.values()], ['notDone']);
    assert.deepEqual(h.emu.counts().byOp, {
      StopWorkspaces: 1,
      DescribeWorkspaces: 2,
      DescribeWorkspacesConnectionStatus: 2,
    });
  });

  it('verdicts: a state only the action leads to is done; unchanged is not done, except where the action returns to it', () => {
    const ws = (State: string): WorkspaceView => ({ WorkspaceId: 'ws-1', State: State as WorkspaceView['State'] });
    assert.equal(workspaceVerdict('stop', ws('AVAILABLE'), ws('STOPPED')), 'done');
    assert.equal(workspaceVerdict('start', ws('STOPPED'), ws('AVAILABLE')), 'done');
    assert.equal(workspaceVerdict('start', ws('STOPPED'), ws('STOPPED')), 'notDone');
    assert.equal(workspaceVerdict('reboot', ws('AVAILABLE'), ws('REBOOTING')), 'done');
    assert.equal(
      workspaceVerdict('reboot', ws('AVAILABLE'), ws('AVAILABLE')),
      'unclear',
      'a reboot may be over already',
    );
    assert.equal(workspaceVerdict('terminate', ws('AVAILABLE'), undefined), 'done');
    assert.equal(workspaceVerdict('stop', ws('AVAILABLE'), undefined), 'unclear');
    assert.equal(workspaceVerdict('stop', ws('AVAILABLE'), ws('ERROR')), 'unclear');
    assert.equal(workspaceVerdict('enterMaintenance', ws('AVAILABLE'), ws('ADMIN_MAINTENANCE')), 'done');
  });
});

// The explorer's view model in plain Node: filter and idle view, groups, counts, order, paging.
import * as assert from 'node:assert/strict';
import type { WorkspaceDirectory, WorkspaceImage, WorkspacesPool } from '@aws-sdk/client-workspaces';
import type { WorkspaceView } from '../../../src/core/present';
import {
  byLabel,
  count,
  groupLabel,
  isFiltering,
  ofTotal,
  page,
  ScopeView,
  StateClock,
  type ScopeData,
  type ViewOptions,
} from '../../../src/fleet/view';

const NOW = new Date('2026-01-31T12:00:00Z');
const DAY = 86_400_000;

const ws = (
  id: string,
  user: string,
  dir: string,
  state: string,
  extra: Partial<WorkspaceView> = {},
): WorkspaceView => ({
  WorkspaceId: id,
  UserName: user,
  DirectoryId: dir,
  State: state as WorkspaceView['State'],
  WorkspaceProperties: { RunningMode: 'AUTO_STOP' },
  ...extra,
});

function data(): ScopeData {
  const list = [
    ws('ws-3', 'carol', 'd-2', 'AVAILABLE', {
      connection: { ConnectionState: 'CONNECTED' },
      tags: [{ Key: 'team', Value: 'blue' }],
    }),
    ws('ws-1', 'alice', 'd-1', 'STOPPED', {
      connection: {
        ConnectionState: 'DISCONNECTED',
        LastKnownUserConnectionTimestamp: new Date(NOW.getTime() - 40 * DAY),
      },
    }),
    ws('ws-2', 'Bob', 'd-1', 'STOPPED', { connection: { ConnectionState: 'DISCONNECTED' } }),
    ws('ws-10', 'alice', 'd-1', 'AVAILABLE', { WorkspaceProperties: { RunningMode: 'ALWAYS_ON' } }),
  ];
  const dirs: WorkspaceDirectory[] = [
    { DirectoryId: 'd-1', Alias: 'zeta-corp' },
    { DirectoryId: 'd-2', Alias: 'alpha-lab' },
    { DirectoryId: 'd-3', Alias: 'middle' },
  ];
  const images: WorkspaceImage[] = [
    { ImageId: 'wsi-b', Name: 'beta' },
    { ImageId: 'wsi-a', Name: 'alpha' },
  ];
  const pools = [
    { PoolId: 'wspool-b', PoolName: 'b' },
    { PoolId: 'wspool-a', PoolName: 'a' },
  ] as WorkspacesPool[];
  return {
    workspaces: { items: new Map(list.map((w) => [w.WorkspaceId ?? '', w])) },
    directories: { items: new Map(dirs.map((d) => [d.DirectoryId ?? '', d])) },
    images: { items: new Map(images.map((i) => [i.ImageId ?? '', i])) },
    pools: { items: new Map(pools.map((p) => [p.PoolId ?? '', p])) },
  };
}

/** The ids a view shows with these options, in order. */
const shownIds = (o: Partial<ViewOptions>): Array<string | undefined> =>
  new ScopeView(data(), options(o), NOW).visible.map((w) => w.WorkspaceId);

const options = (o: Partial<ViewOptions> = {}): ViewOptions => ({
  groupBy: 'directory',
  filter: '',
  idleOnly: false,
  idleDays: 30,
  ...o,
});

describe('fleet/view (the explorer view model)', () => {
  it('sorts WorkSpaces by user name (case-insensitive, numeric), then id', () => {
    const v = new ScopeView(data(), options(), NOW);
    assert.deepEqual(
      v.visible.map((w) => w.WorkspaceId),
      ['ws-1', 'ws-10', 'ws-2', 'ws-3'],
    );
    assert.equal(byLabel(ws('ws-9', 'x', 'd', 'A'), ws('ws-10', 'x', 'd', 'A')) < 0, true);
    assert.equal(v.filtering, false);
    assert.deepEqual(v.workspaces, { shown: 4, total: 4 });
  });

  it('filters by words and key:value terms, with "n of total" counts per scope, directory and group', () => {
    const v = new ScopeView(data(), options({ filter: 'state:stopped' }), NOW);
    assert.equal(v.filtering, true);
    assert.deepEqual(
      v.visible.map((w) => w.WorkspaceId),
      ['ws-1', 'ws-2'],
    );
    assert.deepEqual(v.workspaces, { shown: 2, total: 4 });
    assert.equal(ofTotal(v.workspaces), '2 of 4');
    assert.deepEqual(
      v.directories().map((d) => [d.directory.Alias, d.shown, d.total]),
      [
        ['alpha-lab', 0, 1],
        ['middle', 0, 0],
        ['zeta-corp', 2, 3],
      ],
    );
    assert.deepEqual(
      v.groups().map((g) => [g.label, g.shown, g.total]),
      [['zeta-corp', 2, 3]],
    );
    assert.deepEqual(
      v.rowsOf('dir', 'd-1').map((w) => w.WorkspaceId),
      ['ws-1', 'ws-2'],
    );
    assert.deepEqual(
      new ScopeView(data(), options({ filter: 'team=blue' }), NOW).visible.map((w) => w.WorkspaceId),
      ['ws-3'],
    );
    assert.deepEqual(
      new ScopeView(data(), options({ filter: 'dir:alpha' }), NOW).visible.map((w) => w.WorkspaceId),
      ['ws-3'],
    );
  });

  it('the idle view keeps WorkSpaces not connected for N days, or never', () => {
    assert.deepEqual(shownIds({ idleOnly: true }), ['ws-1', 'ws-2']);
    assert.equal(isFiltering(options({ idleOnly: true })), true);
    assert.equal(isFiltering(options({ filter: '  ' })), false);
  });

  it('a never-connected WorkSpace is idle only N days after its creation, else after the extension first saw it', () => {
    const d = data();
    const idle = (firstSeen: Map<string, number>, extra: Partial<WorkspaceView> = {}): Array<string | undefined> => {
      const items = new Map(d.workspaces.items);
      items.set('ws-2', { ...(items.get('ws-2') as WorkspaceView), ...extra });
      return new ScopeView({ ...d, workspaces: { items }, firstSeen }, options({ idleOnly: true }), NOW).visible.map(
        (w) => w.WorkspaceId,
      );
    };
    // ws-2 was never connected.
    assert.deepEqual(idle(new Map([['ws-2', NOW.getTime() - 40 * DAY]])), ['ws-1', 'ws-2'], 'first seen 40 d ago');
    assert.deepEqual(idle(new Map([['ws-2', NOW.getTime() - 2 * DAY]])), ['ws-1'], 'first seen 2 d ago: not idle');
    assert.deepEqual(
      idle(new Map([['ws-2', NOW.getTime() - 40 * DAY]]), { creating: { since: NOW.getTime() - 5 * 60_000 } }),
      ['ws-1'],
      'created minutes ago by the extension: not idle',
    );
    assert.deepEqual(idle(new Map()), ['ws-1', 'ws-2'], 'nothing known: never counts as idle (as before)');
  });

  it('groups by state and running mode with readable labels, sorted by label', () => {
    const byState = new ScopeView(data(), options({ groupBy: 'state' }), NOW);
    assert.deepEqual(
      byState.groups().map((g) => [g.key, g.label, g.shown]),
      [
        ['AVAILABLE', 'Available', 2],
        ['STOPPED', 'Stopped', 2],
      ],
    );
    assert.deepEqual(
      new ScopeView(data(), options({ groupBy: 'runningMode' }), NOW).groups().map((g) => g.label),
      ['AlwaysOn', 'AutoStop'],
    );
    assert.equal(groupLabel('directory', 'd-9'), 'd-9');
    assert.equal(groupLabel('state', 'ADMIN_MAINTENANCE'), 'Admin maintenance');
  });

  it('orders images and pools by name; pages long lists; writes counts', () => {
    const v = new ScopeView(data(), options(), NOW);
    assert.deepEqual(
      v.images().map((i) => i.Name),
      ['alpha', 'beta'],
    );
    assert.deepEqual(
      v.pools().map((p) => p.PoolName),
      ['a', 'b'],
    );
    assert.deepEqual(page([1, 2, 3, 4, 5], 2), { rows: [1, 2], remaining: 3 });
    assert.deepEqual(page([1], 2), { rows: [1], remaining: 0 });
    assert.equal(count(10_000), '10,000');
    assert.equal(ofTotal({ shown: 1204, total: 1204 }), '1,204');
    assert.equal(ofTotal({ shown: 42, total: 1204 }), '42 of 1,204');
  });

  it('filters images and pools with the same text (not by the idle view), with counts while filtering', () => {
    assert.deepEqual(
      new ScopeView(data(), options({ filter: 'alp' }), NOW).images().map((i) => i.Name),
      ['alpha'],
    );
    assert.deepEqual(
      new ScopeView(data(), options({ filter: 'id:wspool-b' }), NOW).pools().map((p) => p.PoolName),
      ['b'],
    );
    const filtered = new ScopeView(data(), options({ filter: 'state:stopped' }), NOW);
    assert.equal(filtered.shownIn('images'), 0, 'no image is STOPPED');
    assert.equal(filtered.shownIn('workspaces'), 2);
    const idle = new ScopeView(data(), options({ idleOnly: true }), NOW);
    assert.equal(idle.images().length, 2, 'the idle view is about WorkSpaces');
    assert.equal(idle.shownIn('images'), undefined);
    assert.equal(new ScopeView(data(), options(), NOW).shownIn('workspaces'), undefined);
  });

  it('tells where a WorkSpace shows (group and directory), from the list it computed', () => {
    const d = data();
    const before = new ScopeView(d, options({ groupBy: 'state' }), NOW);
    assert.equal(before.materialized, false);
    assert.equal(before.placeOf('ws-1'), 'STOPPED\u0000d-1');
    assert.equal(before.materialized, true);
    (d.workspaces.items as Map<string, WorkspaceView>).set('ws-1', ws('ws-1', 'alice', 'd-1', 'STARTING'));
    const after = new ScopeView(d, options({ groupBy: 'state' }), NOW);
    assert.equal(before.placeOf('ws-1'), 'STOPPED\u0000d-1', 'the old view answers where it was');
    assert.equal(after.placeOf('ws-1'), 'STARTING\u0000d-1', 'another group: the section is refreshed');
    const byDirectory = new ScopeView(d, options(), NOW);
    assert.equal(byDirectory.placeOf('ws-1'), 'd-1\u0000d-1', 'grouped by directory, a state change keeps the place');
    assert.equal(new ScopeView(d, options({ filter: 'state:stopped' }), NOW).placeOf('ws-1'), undefined, 'hidden');
    assert.equal(after.placeOf('ws-gone'), undefined);
  });

  it('the state clock keeps when a WorkSpace was first seen in its state, and restarts on a change', () => {
    const clock = new StateClock();
    clock.observe('ws-1', 'REBOOTING', 1_000);
    clock.observe('ws-1', 'REBOOTING', 9_000);
    assert.equal(clock.since('ws-1', 'REBOOTING'), 1_000, 'the same state keeps its first sighting');
    assert.equal(clock.since('ws-1', 'AVAILABLE'), undefined, 'another state: unknown');
    clock.observe('ws-1', 'AVAILABLE', 12_000);
    assert.equal(clock.since('ws-1', 'AVAILABLE'), 12_000);
    clock.observeAll([ws('ws-2', 'b', 'd', 'ERROR'), ws('ws-1', 'a', 'd', 'AVAILABLE')], 20_000);
    assert.equal(clock.since('ws-2', 'ERROR'), 20_000);
    assert.equal(clock.since('ws-1', 'AVAILABLE'), 12_000);
    clock.observe('ws-3', undefined, 5);
    assert.equal(clock.since('ws-3', undefined), undefined);
  });

  it('a view is a snapshot: a new one sees changes of the scope', () => {
    const d = data();
    const v = new ScopeView(d, options(), NOW);
    assert.equal(v.visible.length, 4);
    (d.workspaces.items as Map<string, WorkspaceView>).delete('ws-3');
    assert.equal(v.visible.length, 4, 'computed once');
    assert.equal(new ScopeView(d, options(), NOW).visible.length, 3);
  });
});

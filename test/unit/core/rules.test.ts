import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ACTION_RULES,
  allWorkspaceContextValues,
  menuRegex,
  menuWhen,
  allowedActions,
  canRun,
  partition,
  whyNot,
  whyNotPool,
  WORKSPACE_ACTIONS,
  type WorkspaceAction,
} from '../../../src/core/rules';
import { POOL_STATES, WORKSPACE_STATES } from '../../../src/core/states';

// The table of the API documentation (shared/notes/workspaces-api.md), written out state by state.
const ALLOWED: Record<WorkspaceAction, string[]> = {
  start: ['STOPPED'],
  stop: ['AVAILABLE', 'IMPAIRED', 'UNHEALTHY', 'ERROR'],
  reboot: ['AVAILABLE', 'IMPAIRED', 'UNHEALTHY'],
  rebuild: ['AVAILABLE', 'ERROR', 'UNHEALTHY', 'STOPPED', 'REBOOTING'],
  restore: ['AVAILABLE', 'ERROR', 'UNHEALTHY', 'STOPPED'],
  terminate: [
    'PENDING',
    'AVAILABLE',
    'IMPAIRED',
    'UNHEALTHY',
    'REBOOTING',
    'STARTING',
    'REBUILDING',
    'RESTORING',
    'MAINTENANCE',
    'ADMIN_MAINTENANCE',
    'UPDATING',
    'STOPPING',
    'STOPPED',
    'ERROR',
  ],
  enterMaintenance: ['AVAILABLE'],
  exitMaintenance: ['ADMIN_MAINTENANCE'],
  modifyRunningMode: ['AVAILABLE', 'STOPPED'],
  modifyAutoStopTimeout: ['AVAILABLE', 'STOPPED'],
  changeComputeType: ['AVAILABLE', 'STOPPED'],
  resizeVolumes: ['AVAILABLE', 'STOPPED'],
  migrate: ['AVAILABLE', 'STOPPED', 'ERROR'],
};
const NEEDS_STOPPABLE_MODE: WorkspaceAction[] = ['start', 'stop'];

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('core rules: action × state × running mode', () => {
  it('covers every action and every state of the SDK', () => {
    assert.deepEqual([...WORKSPACE_ACTIONS].sort(), Object.keys(ALLOWED).sort());
    assert.equal(WORKSPACE_STATES.length, 17);
  });

  for (const action of Object.keys(ALLOWED) as WorkspaceAction[]) {
    it(`${action}: every state × running mode`, () => {
      for (const state of WORKSPACE_STATES) {
        for (const mode of ['AUTO_STOP', 'ALWAYS_ON', 'MANUAL', undefined] as const) {
          const stateOk = ALLOWED[action].includes(state);
          let modeOk = true;
          if (NEEDS_STOPPABLE_MODE.includes(action)) modeOk = mode !== 'ALWAYS_ON';
          if (action === 'modifyAutoStopTimeout') modeOk = mode === 'AUTO_STOP' || mode === undefined;
          const want = stateOk && modeOk;
          const ws = { State: state, ...(mode ? { WorkspaceProperties: { RunningMode: mode } } : {}) };
          const where = `${action} ${state} ${mode ?? '(mode unknown)'}`;
          assert.equal(canRun(action, ws), want, where);
          const reason = whyNot(action, ws);
          if (want) assert.equal(reason, undefined, where);
          else {
            assert.ok(reason && reason.length > 0, where);
            if (!stateOk) assert.match(reason, new RegExp(state), where);
            else assert.match(reason, /AlwaysOn|Manual/, where);
          }
        }
      }
    });
  }

  it('refuses a WorkSpace whose state is unknown', () => {
    for (const a of WORKSPACE_ACTIONS) assert.match(whyNot(a, {}) ?? '', /state unknown/);
  });

  it('explains terminate of a suspended WorkSpace', () => {
    assert.match(whyNot('terminate', { State: 'SUSPENDED' }) ?? '', /suspended WorkSpace cannot be terminated/);
  });

  it('lists the allowed actions of a WorkSpace for its menu', () => {
    assert.deepEqual(allowedActions({ State: 'STOPPED', WorkspaceProperties: { RunningMode: 'AUTO_STOP' } }), [
      'start',
      'rebuild',
      'restore',
      'terminate',
      'modifyRunningMode',
      'modifyAutoStopTimeout',
      'changeComputeType',
      'resizeVolumes',
      'migrate',
    ]);
    assert.deepEqual(allowedActions({ State: 'ADMIN_MAINTENANCE' }), ['terminate', 'exitMaintenance']);
    assert.deepEqual(allowedActions({ State: 'TERMINATED' }), []);
  });

  it('partitions a multi-selection with a reason per skipped WorkSpace', () => {
    const sel = [
      { WorkspaceId: 'ws-1', State: 'STOPPED', WorkspaceProperties: { RunningMode: 'AUTO_STOP' } },
      { WorkspaceId: 'ws-2', State: 'AVAILABLE', WorkspaceProperties: { RunningMode: 'AUTO_STOP' } },
      { WorkspaceId: 'ws-3', State: 'STOPPED', WorkspaceProperties: { RunningMode: 'ALWAYS_ON' } },
      { WorkspaceId: 'ws-4', State: 'STOPPED' },
    ];
    const p = partition(sel, (w) => whyNot('start', w));
    assert.deepEqual(
      p.eligible.map((w) => w.WorkspaceId),
      ['ws-1', 'ws-4'],
    );
    assert.deepEqual(
      p.skipped.map((s) => [s.item.WorkspaceId, s.reason]),
      [
        ['ws-2', 'is AVAILABLE (Start needs STOPPED)'],
        ['ws-3', 'runs AlwaysOn (Start applies to AutoStop or Manual WorkSpaces only)'],
      ],
    );
    assert.equal(p.eligible.length + p.skipped.length, sel.length);
  });

  it('marks the destructive actions and the ids per call', () => {
    assert.deepEqual(WORKSPACE_ACTIONS.filter((a) => ACTION_RULES[a].destructive).sort(), [
      'migrate',
      'rebuild',
      'restore',
      'terminate',
    ]);
    assert.equal(ACTION_RULES.rebuild.idsPerCall, 1);
    assert.equal(ACTION_RULES.start.idsPerCall, 25);
  });

  it('pool actions: start a STOPPED pool, stop a RUNNING one', () => {
    for (const s of POOL_STATES) {
      assert.equal(whyNotPool('startPool', { State: s }) === undefined, s === 'STOPPED', s);
      assert.equal(whyNotPool('stopPool', { State: s }) === undefined, s === 'RUNNING', s);
    }
    const p = partition([{ State: 'RUNNING' }, { State: 'STARTING' }], (pool) => whyNotPool('stopPool', pool));
    assert.equal(p.eligible.length, 1);
    assert.match(p.skipped[0].reason, /STARTING/);
  });
});

describe('core rules: menus', () => {
  it('each action regex matches exactly the context values the rules allow', () => {
    for (const action of WORKSPACE_ACTIONS) {
      const re = new RegExp(menuRegex(action));
      for (const cv of allWorkspaceContextValues()) {
        const [, state, mode] = cv.split(':');
        const ws = {
          State: state.toUpperCase(),
          ...(mode === 'unknown' ? {} : { WorkspaceProperties: { RunningMode: mode.toUpperCase() } }),
        };
        assert.equal(re.test(cv), canRun(action, ws), `${action} on ${cv}`);
      }
    }
  });

  it("package.json's WorkSpace menu entries use the clauses derived from the rules, scoped to the view", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { menus: Record<string, Array<{ command: string; when?: string; group?: string }>> };
    };
    const byCommand: Record<string, WorkspaceAction> = {
      'workspacesFleet.startWorkspaces': 'start',
      'workspacesFleet.stopWorkspaces': 'stop',
      'workspacesFleet.rebootWorkspaces': 'reboot',
      'workspacesFleet.rebuildWorkspaces': 'rebuild',
      'workspacesFleet.restoreWorkspaces': 'restore',
      'workspacesFleet.terminateWorkspaces': 'terminate',
      'workspacesFleet.enterMaintenance': 'enterMaintenance',
      'workspacesFleet.exitMaintenance': 'exitMaintenance',
      'workspacesFleet.changeRunningMode': 'modifyRunningMode',
      'workspacesFleet.changeComputeType': 'changeComputeType',
      'workspacesFleet.resizeVolumes': 'resizeVolumes',
      'workspacesFleet.migrateWorkspaces': 'migrate',
    };
    const entries = pkg.contributes.menus['view/item/context'];
    for (const [command, action] of Object.entries(byCommand)) {
      const mine = entries.filter((e) => e.command === command);
      assert.ok(
        mine.some((e) => !e.group?.startsWith('inline')),
        `${command} is in the context menu (not only inline)`,
      );
      for (const e of mine) {
        // The context menu also offers it on a multi-selection where it applies to one row or more;
        // a row's inline button only where it applies to that row.
        const where = e.group?.startsWith('inline') ? 'inline' : 'context';
        assert.equal(e.when, menuWhen(action, where), `${command} (${where})`);
      }
    }
    const destructive = entries.filter((e) => /rebuild|restore|terminate|migrate/.test(e.command));
    assert.ok(
      destructive.every((e) => e.group?.startsWith('z_destructive')),
      'destructive actions come last',
    );
  });
});

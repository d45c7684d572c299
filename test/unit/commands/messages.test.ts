import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  allWorkspaceContextValues,
  arnParts,
  bulletList,
  connectionDetails,
  consoleUrl,
  menuRegex,
  noneEligibleMessage,
  shortLabel,
  summarize,
  workspaceArn,
  workspacePickItems,
} from '../../../src/commands/format';
import type { WorkspaceView } from '../../../src/core/present';
import { canRun, WORKSPACE_ACTIONS, type WorkspaceAction } from '../../../src/core/rules';
import type { ActionOutcome } from '../../../src/core/types';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('commands/format', () => {
  describe('batch summary', () => {
    const ok = (id: string): ActionOutcome => ({ id, ok: true });
    const bad = (
      id: string,
      code = 'InvalidResourceState.Stopped',
      message = `The WorkSpace ${id} is in the state STOPPED; StopWorkspaces requires AVAILABLE.`,
    ): ActionOutcome => ({
      id,
      ok: false,
      code,
      message,
    });

    it('all done: one short sentence, info level', () => {
      const s = summarize({ verbPast: 'Stopped', outcomes: Array.from({ length: 25 }, (_, i) => ok(`ws-${i}`)) });
      assert.equal(s.message, 'Stopped 25 WorkSpaces.');
      assert.equal(s.level, 'info');
      assert.equal(s.lines.length, 25);
      const one = summarize({
        verbPast: 'Started',
        outcomes: [ok('ws-b2d4f6h8j')],
        labels: new Map([['ws-b2d4f6h8j', 'bob.martin (ws-b2d4f6h8j)']]),
      });
      assert.equal(one.message, 'Started bob.martin (ws-b2d4f6h8j).');
    });

    it('"Stopped 23 of 25; 2 failed: ws-… CODE — message", warning level, every item in the log lines', () => {
      const outcomes = [
        ...Array.from({ length: 23 }, (_, i) => ok(`ws-ok${i}`)),
        bad('ws-x1'),
        bad('ws-x2', 'ResourceNotFound.Workspace', 'The WorkSpace ws-x2 could not be found.'),
      ];
      const s = summarize({ verbPast: 'Stopped', outcomes, labels: new Map([['ws-x1', 'carol (ws-x1)']]) });
      assert.equal(
        s.message,
        'Stopped 23 of 25 WorkSpaces; 2 failed: ws-x1 InvalidResourceState.Stopped — The WorkSpace ws-x1 is in the state STOPPED; StopWorkspaces requires AVAILABLE.; ws-x2 ResourceNotFound.Workspace — The WorkSpace ws-x2 could not be found.',
      );
      assert.equal(s.level, 'warning');
      assert.equal(s.failed, 2);
      assert.ok(
        s.lines.includes(
          '  ✘ carol (ws-x1): InvalidResourceState.Stopped — The WorkSpace ws-x1 is in the state STOPPED; StopWorkspaces requires AVAILABLE.',
        ),
      );
      assert.equal(s.lines.filter((l) => l.startsWith('  ✔')).length, 23);
    });

    it('shows at most three failures, clips long messages to one line, counts cancelled and skipped', () => {
      const long = `line one\nline two ${'x'.repeat(300)}`;
      const outcomes: ActionOutcome[] = [
        bad('ws-1', 'E', long),
        bad('ws-2'),
        bad('ws-3'),
        bad('ws-4'),
        { id: 'ws-5', ok: false, code: 'Cancelled', message: 'cancelled', kind: 'cancelled' },
        ok('ws-6'),
      ];
      const s = summarize({
        verbPast: 'Rebooted',
        outcomes,
        skipped: [{ label: 'dave (ws-9)', reason: 'is STOPPED (Reboot needs AVAILABLE)' }],
      });
      assert.match(
        s.message,
        /^Rebooted 1 of 6 WorkSpaces; 4 failed: ws-1 E — line one line two x+…; ws-2 .*; ws-3 .* \(\+1 more\); 1 cancelled\. 1 skipped \(not eligible\)\.$/,
      );
      assert.ok(!s.message.includes('\n'));
      assert.equal(s.cancelled, 1);
      assert.ok(
        s.lines.includes('  ⊘ ws-5: cancelled (not sent, or sent without an answer: refresh to see its state)'),
      );
      assert.ok(s.lines.includes('  – dave (ws-9): skipped, is STOPPED (Reboot needs AVAILABLE)'));
    });

    it('all failed is an error; nouns can be pools', () => {
      const s = summarize({
        verbPast: 'Started',
        noun: ['pool', 'pools'],
        outcomes: [bad('wspool-1', 'InvalidResourceStateException', 'The pool is RUNNING')],
      });
      assert.equal(s.level, 'error');
      assert.equal(
        s.message,
        'Started 0 of 1 pool; 1 failed: wspool-1 InvalidResourceStateException — The pool is RUNNING.',
      );
    });

    it('property: counts add up and the message is one line', () => {
      const outcome = fc.oneof(
        fc.constant<ActionOutcome>({ id: 'a', ok: true }),
        fc.record({
          id: fc.constant('b'),
          ok: fc.constant(false as const),
          code: fc.string({ maxLength: 10 }),
          message: fc.string({ maxLength: 200 }),
        }),
        fc.constant<ActionOutcome>({ id: 'c', ok: false, code: 'X', message: 'y', kind: 'cancelled' }),
      );
      fc.assert(
        fc.property(fc.array(outcome, { minLength: 1, maxLength: 60 }), (os) => {
          const s = summarize({ verbPast: 'Stopped', outcomes: os });
          return (
            s.ok + s.failed + s.cancelled === os.length && s.lines.length === os.length && !/[\r\n]/.test(s.message)
          );
        }),
      );
    });
  });

  describe('labels and lists', () => {
    it('labels by user name and id', () => {
      assert.equal(shortLabel({ WorkspaceId: 'ws-1', UserName: 'ann' }), 'ann (ws-1)');
      assert.equal(shortLabel({ WorkspaceId: 'ws-1' }), 'ws-1');
      assert.equal(bulletList(['a', 'b', 'c'], 2), '• a\n• b\n… and 1 more');
    });
    it('says why nothing can run', () => {
      assert.equal(
        noneEligibleMessage('started', [{ label: 'ann (ws-1)', reason: 'is AVAILABLE (Start needs STOPPED)' }]),
        'ann (ws-1) cannot be started: it is AVAILABLE (Start needs STOPPED).',
      );
      assert.match(
        noneEligibleMessage(
          'started',
          [1, 2, 3, 4].map((i) => ({ label: `u${i}`, reason: 'is AVAILABLE' })),
        ),
        /^None of the 4 selected WorkSpaces can be started\. u1 is AVAILABLE; u2 is AVAILABLE; u3 is AVAILABLE; and 1 more\.$/,
      );
    });
  });

  describe('ARN and console address', () => {
    it('builds the WorkSpace ARN from the account of the directory role', () => {
      const dir = { IamRoleId: 'arn:aws:iam::111111111111:role/workspaces_DefaultRole' };
      assert.equal(
        workspaceArn({ WorkspaceId: 'ws-a1c3e5g7i' }, 'us-east-1', dir),
        'arn:aws:workspaces:us-east-1:111111111111:workspace/ws-a1c3e5g7i',
      );
      assert.equal(
        workspaceArn({ WorkspaceId: 'ws-1' }, 'cn-north-1', { IamRoleId: 'arn:aws-cn:iam::222222222222:role/r' }),
        'arn:aws-cn:workspaces:cn-north-1:222222222222:workspace/ws-1',
      );
      assert.equal(workspaceArn({ WorkspaceId: 'ws-1' }, 'us-east-1', undefined), undefined);
      assert.equal(
        workspaceArn({ WorkspaceId: 'ws-1' }, 'us-east-1', { IamRoleId: 'workspaces_DefaultRole' }),
        undefined,
      );
      assert.deepEqual(arnParts('arn:aws-us-gov:iam::123456789012:role/x'), {
        partition: 'aws-us-gov',
        account: '123456789012',
      });
    });
    it('points at the WorkSpace in the console of its region and partition', () => {
      assert.equal(
        consoleUrl('eu-west-1', 'ws-eu1a2b3c4'),
        'https://eu-west-1.console.aws.amazon.com/workspaces/v2/workspaces/ws-eu1a2b3c4?region=eu-west-1',
      );
      assert.equal(
        consoleUrl('cn-north-1', 'ws-1'),
        'https://cn-north-1.console.amazonaws.cn/workspaces/v2/workspaces/ws-1?region=cn-north-1',
      );
      assert.equal(
        consoleUrl('us-gov-west-1', 'ws-1'),
        'https://us-gov-west-1.console.amazonaws-us-gov.com/workspaces/v2/workspaces/ws-1?region=us-gov-west-1',
      );
    });
  });

  it('connection details: registration code, IP, computer name, connection, one line per field', () => {
    const ws: WorkspaceView = {
      WorkspaceId: 'ws-a1c3e5g7i',
      UserName: 'alice',
      DirectoryId: 'd-9067a1b2c3',
      State: 'AVAILABLE',
      IpAddress: '10.0.1.5',
      ComputerName: 'WSAMZN-ABC',
      WorkspaceProperties: { RunningMode: 'AUTO_STOP', RunningModeAutoStopTimeoutInMinutes: 120, Protocols: ['WSP'] },
      connection: {
        ConnectionState: 'DISCONNECTED',
        LastKnownUserConnectionTimestamp: new Date('2025-06-01T10:00:00Z'),
      },
    };
    const lines = connectionDetails(
      ws,
      {
        DirectoryId: 'd-9067a1b2c3',
        DirectoryName: 'corp.example.com',
        Alias: 'corp',
        RegistrationCode: 'SLiad+ABC\nDEF',
      },
      new Date('2025-06-03T10:00:00Z'),
    );
    assert.deepEqual(lines, [
      'User: alice',
      'WorkSpace ID: ws-a1c3e5g7i',
      'State: Available · AutoStop',
      'Connection: last seen 2 d ago (DISCONNECTED)',
      'Last connected: 2025-06-01 10:00:00 UTC',
      'Registration code: SLiad+ABC DEF',
      `Directory: ${lines[6].slice('Directory: '.length)}`,
      'IP address: 10.0.1.5',
      'Computer name: WSAMZN-ABC',
      'Protocols: WSP',
      'AutoStop: 2 h after the user disconnects',
    ]);
    assert.match(lines[6], /\(d-9067a1b2c3\)$/);
  });

  it('palette items: only WorkSpaces the action can run on, sorted, with state and details', () => {
    const list: WorkspaceView[] = [
      {
        WorkspaceId: 'ws-2',
        UserName: 'bob',
        State: 'STOPPED',
        DirectoryId: 'd-1',
        WorkspaceProperties: { RunningMode: 'AUTO_STOP' },
      },
      {
        WorkspaceId: 'ws-1',
        UserName: 'alice',
        State: 'STOPPED',
        DirectoryId: 'd-1',
        IpAddress: '10.0.0.1',
        WorkspaceProperties: { RunningMode: 'AUTO_STOP' },
      },
      {
        WorkspaceId: 'ws-3',
        UserName: 'carol',
        State: 'AVAILABLE',
        DirectoryId: 'd-1',
        WorkspaceProperties: { RunningMode: 'AUTO_STOP' },
      },
      {
        WorkspaceId: 'ws-4',
        UserName: 'dan',
        State: 'STOPPED',
        DirectoryId: 'd-1',
        WorkspaceProperties: { RunningMode: 'ALWAYS_ON' },
      },
    ];
    const { items, hidden } = workspacePickItems(list, 'start', () => 'corp');
    assert.deepEqual(
      items.map((i) => [i.label, i.workspaceId, i.description, i.detail]),
      [
        ['alice', 'ws-1', 'Stopped · AutoStop', 'ws-1 · corp · 10.0.0.1'],
        ['bob', 'ws-2', 'Stopped · AutoStop', 'ws-2 · corp'],
      ],
    );
    assert.equal(hidden, 2);
    assert.equal(workspacePickItems(list, undefined).items.length, 4);
  });

  describe('menus', () => {
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

    it("package.json's WorkSpace menu entries use the regexes derived from the rules, scoped to the view", () => {
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
      };
      const entries = pkg.contributes.menus['view/item/context'];
      for (const [command, action] of Object.entries(byCommand)) {
        const mine = entries.filter((e) => e.command === command);
        assert.ok(mine.length > 0, `${command} is in the context menu`);
        for (const e of mine) {
          assert.equal(e.when, `view == workspacesFleet.explorer && viewItem =~ /${menuRegex(action)}/`, command);
        }
      }
      const destructive = entries.filter((e) => /rebuild|restore|terminate/.test(e.command));
      assert.ok(
        destructive.every((e) => e.group?.startsWith('z_destructive')),
        'destructive actions come last',
      );
    });
  });
});

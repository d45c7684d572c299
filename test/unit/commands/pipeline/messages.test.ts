import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  bulletList,
  connectionDetails,
  noneEligibleMessage,
  POOL_NOUN,
  poolLabel,
  shortLabel,
  skippedSection,
  summarize,
  workspacePickItems,
} from '../../../../src/commands/pipeline/messages';
import type { WorkspaceView } from '../../../../src/core/present';
import { canRun } from '../../../../src/core/rules';
import { renderLabelWithIcons } from '../../../support/iconLabels';
import type { ActionOutcome } from '../../../../src/core/types';
import { testNow } from '../../../support/clock';

describe('commands/messages', () => {
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

    it('all accepted: one short sentence in the tense of the row (Stopping, not Stopped), info level', () => {
      const s = summarize({ verb: 'Stopping', outcomes: Array.from({ length: 25 }, (_, i) => ok(`ws-${i}`)) });
      assert.equal(s.message, 'Stopping 25 WorkSpaces.');
      assert.equal(s.level, 'info');
      assert.equal(s.lines.length, 25);
      const one = summarize({
        verb: 'Starting',
        outcomes: [ok('ws-b2d4f6h8j')],
        labels: new Map([['ws-b2d4f6h8j', 'bob.martin (ws-b2d4f6h8j)']]),
      });
      assert.equal(one.message, 'Starting bob.martin (ws-b2d4f6h8j).');
    });

    it('"Stopping 23 of 25; 2 failed: ws-… CODE — message", warning level, every item in the log lines', () => {
      const outcomes = [
        ...Array.from({ length: 23 }, (_, i) => ok(`ws-ok${i}`)),
        bad('ws-x1'),
        bad('ws-x2', 'ResourceNotFound.Workspace', 'The WorkSpace ws-x2 could not be found.'),
      ];
      const s = summarize({ verb: 'Stopping', outcomes, labels: new Map([['ws-x1', 'carol (ws-x1)']]) });
      assert.equal(
        s.message,
        'Stopping 23 of 25 WorkSpaces; 2 failed: ws-x1 InvalidResourceState.Stopped — The WorkSpace ws-x1 is in the state STOPPED; StopWorkspaces requires AVAILABLE.; ws-x2 ResourceNotFound.Workspace — The WorkSpace ws-x2 could not be found.',
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
        verb: 'Rebooting',
        outcomes,
        skipped: [{ label: 'dave (ws-9)', reason: 'is STOPPED (Reboot needs AVAILABLE)' }],
      });
      assert.match(
        s.message,
        /^Rebooting 1 of 6 WorkSpaces; 4 failed: ws-1 E — line one line two x+…; ws-2 .*; ws-3 .* \(\+1 more\); 1 cancelled\. 1 skipped \(not eligible\)\.$/,
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
        verb: 'Starting',
        noun: ['pool', 'pools'],
        outcomes: [bad('wspool-1', 'InvalidResourceStateException', 'The pool is RUNNING')],
      });
      assert.equal(s.level, 'error');
      assert.equal(
        s.message,
        'Starting 0 of 1 pool; 1 failed: wspool-1 InvalidResourceStateException — The pool is RUNNING.',
      );
    });

    it('an answer lost is never a failure: unknown ones are told apart, confirmed ones are said', () => {
      const lost: ActionOutcome = {
        id: 'ws-u',
        ok: false,
        unknown: true,
        code: 'BadResponse',
        kind: 'badResponse',
        message: 'The answer was lost (BadResponse) and a re-read cannot tell whether it was applied (now AVAILABLE).',
      };
      const s = summarize({ verb: 'Rebooting', outcomes: [ok('ws-1'), lost] });
      assert.equal(
        s.message,
        'Rebooting 1 of 2 WorkSpaces; 1 unknown — the answer was lost and a re-read cannot tell; check before acting again.',
      );
      assert.deepEqual([s.failed, s.unknown, s.level], [0, 1, 'warning']);
      assert.ok(s.lines.some((l) => l.startsWith('  ? ws-u: unknown — The answer was lost')));
      const confirmed = summarize({ verb: 'Stopping', outcomes: [ok('ws-1'), ok('ws-2')], confirmedAfterLoss: 1 });
      assert.equal(confirmed.message, 'Stopping 2 WorkSpaces (1 confirmed by a re-read: the answer was lost).');
      assert.equal(confirmed.level, 'info');
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
        fc.constant<ActionOutcome>({ id: 'd', ok: false, unknown: true, code: 'X', message: 'y', kind: 'timeout' }),
      );
      fc.assert(
        fc.property(fc.array(outcome, { minLength: 1, maxLength: 60 }), (os) => {
          const s = summarize({ verb: 'Stopping', outcomes: os });
          return (
            s.ok + s.failed + s.cancelled + s.unknown === os.length &&
            s.lines.length === os.length &&
            !/[\r\n]/.test(s.message)
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
      assert.equal(poolLabel({ PoolId: 'wspool-1', PoolName: 'call-center' }), 'call-center (wspool-1)');
      assert.equal(poolLabel({ PoolId: 'wspool-1' }), 'wspool-1');
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
      assert.match(
        noneEligibleMessage(
          'stopped',
          [1, 2].map((i) => ({ label: `p${i}`, reason: 'is STOPPED' })),
          POOL_NOUN,
        ),
        /^None of the 2 selected pools can be stopped\./,
      );
      assert.equal(
        skippedSection([{ label: 'p1', reason: 'is STOPPED' }], 'stopped', POOL_NOUN),
        '\n\nSkipped — 1 pool cannot be stopped now:\n• p1 is STOPPED',
      );
      assert.equal(skippedSection([], 'stopped'), '');
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
    const { items, hidden } = workspacePickItems(
      list,
      (ws) => canRun('start', ws),
      () => 'corp',
      new Date(testNow()),
    );
    assert.deepEqual(
      items.map((i) => [i.label, i.workspaceId, i.description, i.detail]),
      [
        ['alice', 'ws-1', 'Stopped · AutoStop', 'ws-1 · corp · 10.0.0.1'],
        ['bob', 'ws-2', 'Stopped · AutoStop', 'ws-2 · corp'],
      ],
    );
    assert.equal(hidden, 2);
    assert.equal(workspacePickItems(list, undefined, () => undefined, new Date(testNow())).items.length, 4);
  });

  it('pick items draw no icon from API strings ($(alert) in a user, computer or directory name)', () => {
    const ws: WorkspaceView = {
      WorkspaceId: 'ws-1',
      UserName: '$(alert) Urgent',
      ComputerName: '$(zap)',
      IpAddress: '10.0.0.1',
      DirectoryId: 'd-1',
      State: 'STOPPED',
    };
    const [item] = workspacePickItems([ws], undefined, () => '$(sync~spin) corp', new Date(testNow())).items;
    for (const [field, text, original] of [
      ['label', item.label, '$(alert) Urgent'],
      ['detail', item.detail, 'ws-1 · $(sync~spin) corp · $(zap) · 10.0.0.1'],
    ]) {
      const drawn = renderLabelWithIcons(text);
      assert.deepEqual(drawn.icons, [], field);
      assert.equal(drawn.text, original, field);
    }
    assert.equal(item.workspaceId, 'ws-1');
  });
});

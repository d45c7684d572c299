import * as assert from 'node:assert/strict';
import {
  CREATING_NOTE,
  connectionLabel,
  directoryLabel,
  groupKey,
  imageDescription,
  isIdle,
  poolDescription,
  poolSessions,
  relativeTime,
  showsStateAge,
  stateAge,
  stateAgeText,
  stateLabel,
  workspaceContextValue,
  workspaceDescription,
  workspaceFields,
  workspaceIcon,
  workspaceLabel,
  workspaceRowIcon,
  type WorkspaceView,
} from '../../../src/core/present';
import { imageMatchesFilter, matchesFilter, poolMatchesFilter } from '../../../src/core/filter';
import type { WorkspaceImage } from '@aws-sdk/client-workspaces';
import { isMoving as isMovingState } from '../../../src/core/states';
import { testNow } from '../../support/clock';

const NOW = new Date('2026-11-22T12:00:00Z');
const daysAgo = (d: number): Date => new Date(NOW.getTime() - d * 86_400_000);

const ws: WorkspaceView = {
  WorkspaceId: 'ws-abc123',
  DirectoryId: 'd-123',
  UserName: 'ann',
  ComputerName: 'WSAMZN-ANN',
  IpAddress: '10.0.1.15',
  State: 'STOPPED',
  BundleId: 'wsb-1',
  WorkspaceProperties: {
    RunningMode: 'AUTO_STOP',
    RunningModeAutoStopTimeoutInMinutes: 120,
    RootVolumeSizeGib: 80,
    UserVolumeSizeGib: 50,
  },
  RootVolumeEncryptionEnabled: true,
  connection: {
    WorkspaceId: 'ws-abc123',
    ConnectionState: 'DISCONNECTED',
    LastKnownUserConnectionTimestamp: daysAgo(3),
  },
  tags: [{ Key: 'team', Value: 'blue' }],
};

describe('core/present', () => {
  it('labels a WorkSpace by its user alone (else its name, else its id)', () => {
    assert.equal(workspaceLabel(ws), 'ann');
    assert.equal(workspaceLabel({ ...ws, UserName: undefined, WorkspaceName: 'kiosk-3' }), 'kiosk-3');
    assert.equal(workspaceLabel({ WorkspaceId: 'ws-1' }), 'ws-1');
  });

  it('describes state first, then running mode, connection and computer name', () => {
    assert.equal(workspaceDescription(ws, NOW), 'Stopped · AutoStop · last seen 3 d ago · WSAMZN-ANN');
    assert.equal(
      workspaceDescription(
        { ...ws, State: 'AVAILABLE', ComputerName: undefined, connection: { ConnectionState: 'CONNECTED' } },
        NOW,
      ),
      'Available · AutoStop · connected',
    );
    assert.equal(
      workspaceDescription({ ...ws, State: 'ADMIN_MAINTENANCE', ComputerName: undefined, connection: undefined }, NOW),
      'Admin maint. · AutoStop',
      'short enough for the default sidebar width',
    );
    assert.equal(connectionLabel({ ...ws, connection: { ConnectionState: 'UNKNOWN' } }, NOW), 'never connected');
    assert.equal(connectionLabel({ ...ws, connection: undefined }, NOW), '');
  });

  it('says what survives: Creating… rows, given-up ones, missing status, cached data; directories without alias', () => {
    const creating: WorkspaceView = {
      ...ws,
      State: 'PENDING',
      connection: undefined,
      creating: { since: NOW.getTime() },
    };
    assert.equal(workspaceDescription(creating, NOW), 'Creating… · AutoStop · WSAMZN-ANN');
    assert.ok(workspaceFields(creating, {}, NOW).some(([k, v]) => k === 'Note' && v === CREATING_NOTE));
    const gaveUp = { ...creating, creating: { since: NOW.getTime() - 11 * 60_000, gaveUp: true } };
    assert.equal(workspaceDescription(gaveUp, NOW), 'Never listed by AWS (created 11 min ago) · AutoStop · WSAMZN-ANN');
    assert.equal(workspaceRowIcon(gaveUp).id, 'question');
    assert.equal(workspaceRowIcon(creating).id, 'loading~spin');
    const missing = {
      ...ws,
      statusError: 'This endpoint did not answer X like the WorkSpaces API (HTTP 500 HTML page).',
    };
    assert.equal(workspaceDescription(missing, NOW), 'Stopped · AutoStop · status unavailable · WSAMZN-ANN');
    assert.ok(
      workspaceFields(missing, {}, NOW).some(
        ([k, v]) => k === 'Connection status' && v.startsWith('connection status unavailable: This endpoint'),
      ),
    );
    const cached = workspaceFields({ ...ws, cachedAt: NOW.getTime() - 60_000 }, {}, NOW).find(([k]) => k === 'As of');
    assert.match(cached?.[1] ?? '', /^\d\d:\d\d \(cached data; refreshing\)$/);
    assert.equal(
      directoryLabel({ DirectoryId: 'd-1', Alias: 'd-1', DirectoryName: 'corp.example.com' }),
      'corp.example.com',
    );
    assert.equal(directoryLabel({ DirectoryId: 'd-1', Alias: 'corp', DirectoryName: 'corp.example.com' }), 'corp');
    const never = { ...ws, connection: { ConnectionState: 'DISCONNECTED' as const } };
    assert.equal(isIdle(never, 30, NOW), true, 'never connected, age unknown: idle');
    assert.equal(isIdle(never, 30, NOW, NOW.getTime() - 3_600_000), false, 'never connected, an hour old: not idle');
  });

  it('formats relative times', () => {
    assert.equal(relativeTime(new Date(NOW.getTime() - 10_000), NOW), 'just now');
    assert.equal(relativeTime(new Date(NOW.getTime() - 12 * 60_000), NOW), '12 min ago');
    assert.equal(relativeTime(new Date(NOW.getTime() - 5 * 3_600_000), NOW), '5 h ago');
    assert.equal(relativeTime(daysAgo(100), NOW), '3 mo ago');
    assert.equal(relativeTime(daysAgo(800), NOW), '2 y ago');
  });

  it('spins for moving states and colours settled ones', () => {
    for (const s of [
      'PENDING',
      'STARTING',
      'STOPPING',
      'REBOOTING',
      'REBUILDING',
      'RESTORING',
      'TERMINATING',
      'UPDATING',
    ]) {
      assert.equal(isMovingState(s), true, s);
      assert.equal(workspaceIcon(s).id, 'loading~spin');
    }
    for (const s of ['AVAILABLE', 'STOPPED', 'ERROR', 'SUSPENDED', 'ADMIN_MAINTENANCE']) {
      assert.equal(isMovingState(s), false, s);
    }
    assert.deepEqual(workspaceIcon('AVAILABLE'), { id: 'vm-running', color: 'charts.green' });
    assert.equal(workspaceIcon('ERROR').color, 'charts.red');
  });

  it('builds the segmented context value', () => {
    assert.equal(workspaceContextValue(ws), 'workspace:stopped:auto_stop');
    assert.equal(stateLabel('ADMIN_MAINTENANCE'), 'Admin maintenance');
  });

  it('lists every tooltip field, dropping absent ones', () => {
    const fields = Object.fromEntries(workspaceFields(ws, { directoryName: 'corp.example.com' }, NOW));
    assert.equal(fields['WorkSpace ID'], 'ws-abc123');
    assert.equal(fields.Directory, 'corp.example.com (d-123)');
    assert.equal(fields['AutoStop timeout'], '2 h');
    assert.equal(fields.Encryption, 'root');
    assert.equal(fields.Tags, 'team=blue');
    assert.match(fields['Last connection'], /3 d ago/);
    assert.equal(fields.Error, undefined);
  });

  it('filters on any field and on key:value terms', () => {
    assert.ok(matchesFilter(ws, 'ann'));
    assert.ok(matchesFilter(ws, 'WS-ABC'));
    assert.ok(matchesFilter(ws, '10.0.1'));
    assert.ok(matchesFilter(ws, 'state:stopped user:an'));
    assert.ok(matchesFilter(ws, 'tag:team=blue'));
    assert.ok(matchesFilter(ws, 'corp', 'corp.example.com'));
    assert.ok(!matchesFilter(ws, 'state:available'));
    assert.ok(!matchesFilter(ws, 'ann bob'));
    assert.ok(matchesFilter(ws, '   '));
  });

  it('finds idle WorkSpaces (never connected counts)', () => {
    assert.equal(isIdle(ws, 2, NOW), true);
    assert.equal(isIdle(ws, 30, NOW), false);
    assert.equal(isIdle({ ...ws, connection: { ConnectionState: 'UNKNOWN' } }, 30, NOW), true);
    assert.equal(isIdle({ ...ws, connection: undefined }, 30, NOW), false);
  });

  it('groups by directory, state or running mode', () => {
    assert.equal(groupKey(ws, 'directory'), 'd-123');
    assert.equal(groupKey(ws, 'state'), 'STOPPED');
    assert.equal(groupKey(ws, 'runningMode'), 'AUTO_STOP');
  });

  it('describes images and pools with their error counts', () => {
    assert.equal(
      imageDescription({
        State: 'ERROR',
        OperatingSystem: { Type: 'WINDOWS' },
        ErrorDetails: [{ ErrorCode: 'OfficeInstalled' }, { ErrorCode: 'DomainJoined' }],
      }),
      'WINDOWS · Error · 2 errors',
    );
    assert.equal(
      poolDescription({
        PoolId: 'wspool-1',
        PoolArn: 'arn',
        PoolName: 'p',
        State: 'RUNNING',
        CapacityStatus: {
          ActiveUserSessions: 3,
          ActualUserSessions: 10,
          AvailableUserSessions: 7,
          DesiredUserSessions: 10,
        },
        Errors: [{ ErrorCode: 'IAM_SERVICE_ROLE_IS_MISSING' }],
        CreatedAt: new Date(testNow()),
        BundleId: 'b',
        DirectoryId: 'd',
        RunningMode: 'AUTO_STOP',
      }),
      'Running · 3 active · 10 desired · 1 error',
    );
  });

  it("says a pool's sessions in the same words on the row and in the details", () => {
    const pool = {
      PoolId: 'wspool-1',
      PoolArn: 'arn',
      PoolName: 'p',
      State: 'STOPPED' as const,
      CapacityStatus: {
        ActiveUserSessions: 0,
        ActualUserSessions: 0,
        AvailableUserSessions: 0,
        DesiredUserSessions: 20,
      },
      CreatedAt: new Date(testNow()),
      BundleId: 'b',
      DirectoryId: 'd',
      RunningMode: 'AUTO_STOP' as const,
    };
    assert.equal(poolSessions(pool, 'short'), '0 active · 20 desired');
    assert.equal(poolSessions(pool, 'long'), '0 active, 0 available, 0 actual, 20 desired');
    assert.equal(poolSessions({ ...pool, CapacityStatus: undefined }, 'short'), '');
  });

  it('tells how long a moving or troubled WorkSpace has been in its state, coarsely, as a lower bound', () => {
    const MIN = 60_000;
    assert.equal(stateAge(30_000), 'under 5 min');
    assert.equal(stateAge(27 * MIN), '25 min');
    assert.equal(stateAge(59 * MIN), '55 min');
    assert.equal(stateAge(3 * 60 * MIN + 5), '3 h');
    assert.equal(stateAge(50 * 60 * MIN), '2 d');
    assert.ok(showsStateAge('REBOOTING') && showsStateAge('ERROR') && showsStateAge('UNHEALTHY'));
    assert.ok(!showsStateAge('AVAILABLE') && !showsStateAge('STOPPED'));
    const since = NOW.getTime() - 26 * MIN;
    const rebooting = Object.fromEntries(workspaceFields({ ...ws, State: 'REBOOTING' }, { stateSince: since }, NOW));
    assert.equal(rebooting['In this state'], 'for 25 min or more (first seen 2026-11-22 11:34 UTC)');
    assert.equal(
      stateAgeText(NOW.getTime() - 2 * MIN, NOW),
      'first seen 2026-11-22 11:58 UTC',
      'no duration under 5 min',
    );
    const stopped = Object.fromEntries(workspaceFields(ws, { stateSince: since }, NOW));
    assert.equal(stopped['In this state'], undefined, 'a settled, healthy state says nothing');
  });

  it('filters images and pools too: words in their name, id, state; key:value terms they have', () => {
    const img: WorkspaceImage = {
      ImageId: 'wsi-1',
      Name: 'byol-win10',
      State: 'ERROR',
      ErrorDetails: [{ ErrorCode: 'OfficeInstalled' }],
    };
    assert.ok(imageMatchesFilter(img, 'win10'));
    assert.ok(imageMatchesFilter(img, 'state:error'));
    assert.ok(imageMatchesFilter(img, 'officeinstalled'));
    assert.ok(!imageMatchesFilter(img, 'state:available'));
    assert.ok(!imageMatchesFilter(img, 'user:ann'), 'an image has no user');
    assert.ok(imageMatchesFilter(img, ''));
    const pool = { PoolId: 'wspool-1', PoolName: 'call-center', State: 'RUNNING' as const, DirectoryId: 'd-1' };
    assert.ok(poolMatchesFilter(pool as never, 'call'));
    assert.ok(poolMatchesFilter(pool as never, 'dir:corp', 'corp.example.com'));
    assert.ok(!poolMatchesFilter(pool as never, 'state:stopped'));
  });
});

import {
  CreateWorkspacesCommand,
  DescribeTagsCommand,
  DescribeWorkspacesCommand,
  type DescribeWorkspacesCommandInput,
  DescribeWorkspacesConnectionStatusCommand,
  DescribeWorkspaceSnapshotsCommand,
  RebootWorkspacesCommand,
  StartWorkspacesCommand,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '../../emulator';
import { clientFor, rejection } from './helpers';

const hasAws = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;
const T = 60_000;
/** Emulated time, which also runs with the real clock: generous margins keep a busy machine out of it. */
const DELAY = 10 * 60_000;
const CORP = 'd-9067a1b2c3';

describe('emulator: eventual consistency of new WorkSpaces (visibilityDelayMs)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let client: WorkSpacesClient;
  before(async () => {
    emu = await startEmulator({ seed: 'demo', transitionMs: T, quota: false, visibilityDelayMs: DELAY });
    client = clientFor(emu, emu.account('sandbox-prod'), 'us-east-1', { maxAttempts: 1 });
  });
  beforeEach(() => {
    emu.setVisibilityDelay(DELAY);
    emu.reset();
    emu.resetCounts();
  });
  after(() => emu.stop());

  async function create(user: string): Promise<string> {
    const out = await client.send(
      new CreateWorkspacesCommand({
        Workspaces: [
          { DirectoryId: CORP, UserName: user, BundleId: 'wsb-fin0win11', Tags: [{ Key: 'T', Value: '1' }] },
        ],
      }),
    );
    assert.deepEqual(out.FailedRequests, []);
    return out.PendingRequests![0].WorkspaceId!;
  }
  const byId = async (id: string): Promise<string[]> =>
    ((await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }))).Workspaces ?? []).map((w) => w.State!);
  const listed = async (input: DescribeWorkspacesCommandInput): Promise<string[]> =>
    ((await client.send(new DescribeWorkspacesCommand(input))).Workspaces ?? []).map((w) => w.WorkspaceId!);

  it('a new WorkSpace is invisible to every Describe and every action until the delay passed, then PENDING → AVAILABLE', async () => {
    const id = await create('late.lucy');
    // Every read path.
    assert.deepEqual(await byId(id), [], 'by id');
    assert.ok(!(await listed({ DirectoryId: CORP })).includes(id), 'by directory');
    assert.deepEqual(await listed({ DirectoryId: CORP, UserName: 'late.lucy' }), [], 'by user name');
    assert.ok(!(await listed({ BundleId: 'wsb-fin0win11' })).includes(id), 'by bundle');
    assert.ok(!(await listed({})).includes(id), 'region-wide');
    const status = await client.send(new DescribeWorkspacesConnectionStatusCommand({ WorkspaceIds: [id] }));
    assert.deepEqual(status.WorkspacesConnectionStatus, []);
    assert.equal(
      (await rejection(client.send(new DescribeTagsCommand({ ResourceId: id })))).name,
      'ResourceNotFoundException',
    );
    assert.equal(
      (await rejection(client.send(new DescribeWorkspaceSnapshotsCommand({ WorkspaceId: id })))).name,
      'ResourceNotFoundException',
    );
    // Actions answer as for an unknown id, and do nothing.
    const reboot = await client.send(new RebootWorkspacesCommand({ RebootWorkspaceRequests: [{ WorkspaceId: id }] }));
    assert.deepEqual(
      reboot.FailedRequests?.map((f) => [f.WorkspaceId, f.ErrorCode]),
      [[id, 'ResourceNotFound.Workspace']],
    );
    assert.equal(emu.actionCount(id), 0);
    // The service knows it meanwhile: the same user cannot get a second WorkSpace.
    const again = await client.send(
      new CreateWorkspacesCommand({
        Workspaces: [{ DirectoryId: CORP, UserName: 'LATE.LUCY', BundleId: 'wsb-fin0win11' }],
      }),
    );
    assert.deepEqual(
      again.FailedRequests?.map((f) => f.ErrorCode),
      ['ResourceExists.WorkSpace'],
    );

    emu.advanceTime(DELAY - 60_000);
    assert.deepEqual(await byId(id), [], 'still invisible a minute before');
    emu.advanceTime(60_000);
    assert.deepEqual(await byId(id), ['PENDING'], 'then PENDING');
    assert.ok((await listed({ DirectoryId: CORP })).includes(id));
    assert.deepEqual(await listed({ DirectoryId: CORP, UserName: 'late.lucy' }), [id]);
    assert.deepEqual((await client.send(new DescribeTagsCommand({ ResourceId: id }))).TagList, [
      { Key: 'T', Value: '1' },
    ]);
    emu.advanceTime(T);
    assert.deepEqual(await byId(id), ['AVAILABLE'], 'and AVAILABLE one transition later');
  });

  it('setVisibilityDelay(0) (or the control verb) makes new WorkSpaces visible at once', async () => {
    const res = await fetch(`${emu.url}/__emulator/setVisibilityDelay`, {
      method: 'POST',
      body: JSON.stringify({ ms: 0 }),
    });
    assert.deepEqual(await res.json(), { ms: 0 });
    assert.equal(emu.visibilityDelay(), 0);
    const id = await create('quick.quinn');
    assert.deepEqual(await byId(id), ['PENDING']);
    emu.setVisibilityDelay(DELAY);
    const late = await create('slow.sam');
    assert.deepEqual(await byId(late), []);
    const start = await client.send(
      new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: late }, { WorkspaceId: id }] }),
    );
    assert.deepEqual(
      start.FailedRequests?.map((f) => f.ErrorCode),
      ['ResourceNotFound.Workspace', 'InvalidResourceState.Pending'],
    );
  });

  (hasAws ? it : it.skip)(
    'the AWS CLI: create-workspaces, then describe-workspaces of the new id at once returns none',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'wsemu-consistency-'));
      try {
        const files = emu.awsConfigFiles();
        writeFileSync(join(dir, 'config'), files.config);
        writeFileSync(join(dir, 'credentials'), files.credentials);
        const env = {
          PATH: process.env.PATH,
          HOME: dir,
          AWS_CONFIG_FILE: join(dir, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
          AWS_PAGER: '',
        };
        // Asynchronously: the emulator answers from this process's event loop.
        const aws = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
          new Promise((resolve) => {
            execFile(
              'aws',
              [...args, '--profile', 'sandbox-prod', '--output', 'json'],
              { env, encoding: 'utf8' },
              (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr }),
            );
          });
        const created = await aws([
          'workspaces',
          'create-workspaces',
          '--workspaces',
          `DirectoryId=${CORP},UserName=cli.carla,BundleId=wsb-fin0win11`,
        ]);
        assert.equal(created.code, 0, created.stderr);
        const out = JSON.parse(created.stdout) as { PendingRequests: Array<{ WorkspaceId: string; State: string }> };
        const id = out.PendingRequests[0].WorkspaceId;
        assert.equal(out.PendingRequests[0].State, 'PENDING');
        const described = await aws(['workspaces', 'describe-workspaces', '--workspace-ids', id]);
        assert.equal(described.code, 0, described.stderr);
        assert.deepEqual((JSON.parse(described.stdout) as { Workspaces: unknown[] }).Workspaces, []);
        emu.advanceTime(DELAY);
        const later = await aws(['workspaces', 'describe-workspaces', '--workspace-ids', id]);
        assert.deepEqual(
          (JSON.parse(later.stdout) as { Workspaces: Array<{ WorkspaceId: string }> }).Workspaces.map(
            (w) => w.WorkspaceId,
          ),
          [id],
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

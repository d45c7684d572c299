import {
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspaceImagesCommand,
  DescribeWorkspacesCommand,
  DescribeWorkspacesPoolsCommand,
  StopWorkspacesCommand,
} from '@aws-sdk/client-workspaces';
import assert from 'node:assert/strict';
import { type Emulator, startEmulator } from '../../emulator';
import { clientFor } from './helpers';

describe('emulator: accounts, regions and seeds', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ seed: 'demo', transitionMs: 60_000, quota: false });
  });
  after(() => emu.stop());

  it('keeps separate state per account and per region', async () => {
    emu.reset('demo');
    const prod = emu.account('sandbox-prod');
    const dev = emu.account('sandbox-dev');
    const ids = async (account: typeof prod, region: string): Promise<string[]> =>
      ((await clientFor(emu, account, region).send(new DescribeWorkspacesCommand({}))).Workspaces ?? []).map(
        (w) => w.WorkspaceId!,
      );
    const useast = await ids(prod, 'us-east-1');
    const euwest = await ids(prod, 'eu-west-1');
    const uswest = await ids(dev, 'us-west-2');
    assert.ok(useast.includes('ws-a1c3e5g7i') && !euwest.includes('ws-a1c3e5g7i') && !uswest.includes('ws-a1c3e5g7i'));
    assert.deepEqual(await ids(dev, 'us-east-1'), [], 'a region the account does not use is empty');
    assert.deepEqual(await ids(prod, 'us-west-2'), []);

    // An action in one account-region cannot touch another's WorkSpace.
    const out = await clientFor(emu, dev, 'us-west-2').send(
      new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: 'ws-k1m3o5q7s' }] }),
    );
    assert.equal(out.FailedRequests?.[0].ErrorCode, 'ResourceNotFound.Workspace');
    assert.equal(emu.world('sandbox-prod', 'us-east-1').getWorkspace('ws-k1m3o5q7s')!.State, 'AVAILABLE');
    assert.equal(emu.world(dev.accessKeyId, 'us-west-2').accountId, '222222222222');
  });

  it('demo has directories of several types, WorkSpaces in many states, images with error details and updates, pools with errors', async () => {
    emu.reset('demo');
    const prod = emu.account('sandbox-prod');
    const c = clientFor(emu, prod);
    const dirs = (await c.send(new DescribeWorkspaceDirectoriesCommand({}))).Directories!;
    assert.ok(new Set(dirs.map((d) => d.DirectoryType)).size >= 2);
    const states = new Set<string>();
    for (const a of emu.accounts) {
      for (const r of a.regions) {
        for (const w of (await clientFor(emu, a, r).send(new DescribeWorkspacesCommand({}))).Workspaces!) {
          states.add(w.State!);
        }
      }
    }
    for (const s of [
      'AVAILABLE',
      'STOPPED',
      'STARTING',
      'ERROR',
      'UNHEALTHY',
      'ADMIN_MAINTENANCE',
      'SUSPENDED',
      'REBOOTING',
      'STOPPING',
      'PENDING',
      'IMPAIRED',
    ]) {
      assert.ok(states.has(s), s);
    }
    const images = (await c.send(new DescribeWorkspaceImagesCommand({}))).Images!;
    const broken = images.filter((i) => i.State === 'ERROR');
    assert.ok(broken.length >= 2 && broken.every((i) => i.ErrorCode && i.ErrorMessage && i.ErrorDetails!.length > 0));
    assert.ok(new Set(broken.flatMap((i) => i.ErrorDetails!.map((d) => d.ErrorCode))).size >= 5);
    assert.ok(images.some((i) => i.State === 'AVAILABLE' && i.Updates?.UpdateAvailable === true));
    const pools = (await clientFor(emu, prod, 'eu-west-1').send(new DescribeWorkspacesPoolsCommand({})))
      .WorkspacesPools!;
    assert.ok(pools.some((p) => (p.Errors ?? []).length > 0));
    assert.ok(pools.every((p) => p.CapacityStatus && typeof p.CapacityStatus.DesiredUserSessions === 'number'));
  });

  it('fleet seeds are deterministic and span accounts × regions', async () => {
    const spec = {
      kind: 'fleet' as const,
      workspaces: 120,
      accounts: 2,
      regions: ['us-east-1', 'eu-west-1'],
      directories: 4,
    };
    emu.reset(spec);
    const snapshot = (): string[] =>
      emu.accounts.flatMap((a) => a.regions.map((r) => [...emu.world(a.accountId, r).workspaceIds()].join(',')));
    const first = snapshot();
    assert.equal(emu.accounts.length, 2);
    for (const a of emu.accounts) {
      for (const r of a.regions) {
        const w = emu.world(a.accountId, r);
        assert.equal(w.workspaces.size, 120);
        assert.equal(w.directories.size, 4);
        const states = [...w.workspaces.values()].map((x) => x.data.State);
        assert.ok(states.filter((s) => s === 'AVAILABLE' || s === 'STOPPED').length > 90, 'mostly settled');
      }
    }
    emu.reset(spec);
    assert.deepEqual(snapshot(), first);
    const other = await startEmulator({ seed: spec, rngSeed: 2, quota: false });
    assert.notDeepEqual(
      other.accounts.flatMap((a) => a.regions.map((r) => [...other.world(a.accountId, r).workspaceIds()].join(','))),
      first,
    );
    await other.stop();
    emu.reset('fleet:10');
    assert.equal(emu.world('sandbox-prod', 'us-east-1').workspaces.size, 10);
    emu.reset('empty');
    assert.equal(emu.world('sandbox-prod', 'us-east-1').workspaces.size, 0);
    assert.equal(emu.accounts.length, 2);
  });

  it('writes shared config and credentials files for every account', () => {
    emu.reset('demo');
    const files = emu.awsConfigFiles({ endpointUrl: 'http://127.0.0.1:4599' });
    assert.match(
      files.config,
      /\[profile sandbox-dev\]\nregion = us-west-2\nendpoint_url = http:\/\/127\.0\.0\.1:4599/,
    );
    assert.match(files.credentials, /\[sandbox-prod\]\naws_access_key_id = AKIA\w+\naws_secret_access_key = \S+/);
    assert.match(files.credentials, /\[sandbox-dev\][^[]*aws_session_token = \S+/);
  });
});

import {
  DescribeWorkspaceBundlesCommand,
  DescribeWorkspaceImagesCommand,
  DescribeWorkspacesCommand,
  DescribeWorkspacesConnectionStatusCommand,
  DescribeWorkspacesPoolsCommand,
  paginateDescribeWorkspaceBundles,
  paginateDescribeWorkspaces,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import assert from 'node:assert/strict';
import { type Emulator, startEmulator } from '../../emulator';
import { clientFor, rejection } from './helpers';

async function allWorkspaceIds(
  client: WorkSpacesClient,
  input: { DirectoryId?: string; Limit?: number } = {},
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let pages = 0;
  for await (const page of paginateDescribeWorkspaces({ client }, input)) {
    pages++;
    ids.push(...(page.Workspaces ?? []).map((w) => w.WorkspaceId!));
  }
  return { ids, pages };
}

describe('emulator: paging', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ seed: 'empty', quota: false });
  });
  after(() => emu.stop());

  for (const [n, pages] of [
    [0, 1],
    [1, 1],
    [25, 1],
    [26, 2],
    [1000, 40],
  ] as const) {
    it(`returns each of ${n} WorkSpaces exactly once in ${pages} page(s) of 25`, async () => {
      emu.reset({ kind: 'fleet', workspaces: n, directories: 3 });
      const prod = emu.account('sandbox-prod');
      const { ids, pages: got } = await allWorkspaceIds(clientFor(emu, prod));
      assert.equal(ids.length, n);
      assert.equal(new Set(ids).size, n);
      assert.equal(got, pages);
      assert.deepEqual(ids, [...emu.world('sandbox-prod', 'us-east-1').workspaces.keys()].sort());
    });
  }

  it('pages a directory filter and honours smaller limits', async () => {
    emu.reset({ kind: 'fleet', workspaces: 90, directories: 3 });
    const client = clientFor(emu, emu.account('sandbox-prod'));
    const dir = [...emu.world('sandbox-prod', 'us-east-1').directories.keys()][0];
    const { ids, pages } = await allWorkspaceIds(client, { DirectoryId: dir, Limit: 7 });
    assert.equal(ids.length, 30);
    assert.equal(pages, 5);
    for (const id of ids) {
      assert.equal(emu.world('sandbox-prod', 'us-east-1').workspaces.get(id)!.data.DirectoryId, dir);
    }
  });

  it('binds a NextToken to its query', async () => {
    emu.reset({ kind: 'fleet', workspaces: 60, directories: 2 });
    const client = clientFor(emu, emu.account('sandbox-prod'), 'us-east-1', { maxAttempts: 1 });
    const first = await client.send(new DescribeWorkspacesCommand({}));
    assert.ok(first.NextToken);
    const dir = [...emu.world('sandbox-prod', 'us-east-1').directories.keys()][0];
    const e = await rejection(
      client.send(new DescribeWorkspacesCommand({ DirectoryId: dir, NextToken: first.NextToken })),
    );
    assert.equal(e.name, 'InvalidParameterValuesException');
    const e2 = await rejection(client.send(new DescribeWorkspaceImagesCommand({ NextToken: first.NextToken })));
    assert.equal(e2.name, 'InvalidParameterValuesException');
    const e3 = await rejection(client.send(new DescribeWorkspacesCommand({ NextToken: `${first.NextToken}x` })));
    assert.equal(e3.name, 'InvalidParameterValuesException');
    // Same query with another page size: fine.
    const second = await client.send(new DescribeWorkspacesCommand({ NextToken: first.NextToken, Limit: 5 }));
    assert.equal(second.Workspaces?.length, 5);
    // Another account cannot use it either.
    emu.reset({ kind: 'fleet', workspaces: 60, accounts: 2 });
    const other = clientFor(emu, emu.account('sandbox-dev'), 'us-east-1', { maxAttempts: 1 });
    const mine = await clientFor(emu, emu.account('sandbox-prod')).send(new DescribeWorkspacesCommand({}));
    assert.equal(
      (await rejection(other.send(new DescribeWorkspacesCommand({ NextToken: mine.NextToken })))).name,
      'InvalidParameterValuesException',
    );
  });

  it('neither repeats nor skips remaining items when WorkSpaces come and go between pages', async () => {
    emu.reset({ kind: 'fleet', workspaces: 100 });
    const world = emu.world('sandbox-prod', 'us-east-1');
    const client = clientFor(emu, emu.account('sandbox-prod'));
    const before = [...world.workspaceIds()];
    const p1 = await client.send(new DescribeWorkspacesCommand({}));
    const seen = (p1.Workspaces ?? []).map((w) => w.WorkspaceId!);
    // Remove one already seen and one not yet seen; add one after the cursor.
    world.removeWorkspace(seen[3]);
    const removedAhead = before[60];
    world.removeWorkspace(removedAhead);
    const added = world.addWorkspace({
      WorkspaceId: 'ws-zzzzzzzzz',
      DirectoryId: world.workspaces.get(before[0])!.data.DirectoryId,
      UserName: 'late.joiner',
      BundleId: world.amazonBundles[0].BundleId,
    });
    let token = p1.NextToken;
    while (token) {
      const p = await client.send(new DescribeWorkspacesCommand({ NextToken: token }));
      seen.push(...(p.Workspaces ?? []).map((w) => w.WorkspaceId!));
      token = p.NextToken;
    }
    assert.equal(new Set(seen).size, seen.length, 'no duplicates');
    const expected = before.filter((id) => id !== removedAhead);
    assert.deepEqual(
      seen.filter((id) => id !== added.data.WorkspaceId),
      expected,
      'every remaining item, in order',
    );
    assert.ok(seen.includes(added.data.WorkspaceId));
  });

  it('pages connection status, images, pools and bundles', async () => {
    emu.reset({ kind: 'fleet', workspaces: 30, images: 30, pools: 27 });
    const client = clientFor(emu, emu.account('sandbox-prod'));
    const c1 = await client.send(new DescribeWorkspacesConnectionStatusCommand({}));
    assert.equal(c1.WorkspacesConnectionStatus?.length, 25);
    const c2 = await client.send(new DescribeWorkspacesConnectionStatusCommand({ NextToken: c1.NextToken }));
    assert.equal(c2.WorkspacesConnectionStatus?.length, 5);
    assert.equal(c2.NextToken, undefined);

    const images: string[] = [];
    let token: string | undefined;
    do {
      const p = await client.send(new DescribeWorkspaceImagesCommand({ MaxResults: 10, NextToken: token }));
      images.push(...(p.Images ?? []).map((i) => i.ImageId!));
      token = p.NextToken;
    } while (token);
    assert.equal(images.length, 31, '30 owned + 1 shared');
    assert.equal(new Set(images).size, 31);

    const pools: string[] = [];
    do {
      const p = await client.send(new DescribeWorkspacesPoolsCommand({ Limit: 25, NextToken: token }));
      pools.push(...(p.WorkspacesPools ?? []).map((x) => x.PoolId!));
      token = p.NextToken;
    } while (token);
    assert.equal(new Set(pools).size, 27);

    const amazon: string[] = [];
    for await (const page of paginateDescribeWorkspaceBundles({ client }, { Owner: 'AMAZON' })) {
      amazon.push(...(page.Bundles ?? []).map((b) => b.BundleId!));
    }
    assert.equal(new Set(amazon).size, 35, '7 compute types × 5 operating systems, over two pages');
    const own = await client.send(new DescribeWorkspaceBundlesCommand({}));
    assert.ok((own.Bundles ?? []).every((b) => b.Owner === emu.account('sandbox-prod').accountId));
  });
});

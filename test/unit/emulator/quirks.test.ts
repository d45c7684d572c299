import {
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspaceImagesCommand,
  DescribeWorkspacesCommand,
  DescribeWorkspacesConnectionStatusCommand,
  StopWorkspacesCommand,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import assert from 'node:assert/strict';
import { type Emulator, NO_QUIRKS, startEmulator } from '../../emulator';
import { clientFor, rawRequest, rejection } from './helpers';

describe("emulator: other endpoints' quirks", () => {
  let emu: Emulator;
  let client: WorkSpacesClient;
  before(async () => {
    emu = await startEmulator({ seed: 'demo', transitionMs: 60_000, quota: false });
    client = clientFor(emu, emu.account('sandbox-prod'), 'us-east-1', { maxAttempts: 1 });
  });
  beforeEach(() => {
    emu.setQuirks(NO_QUIRKS);
    emu.reset();
    emu.resetCounts();
  });
  after(() => emu.stop());

  const stop = (ids: string[]): Promise<{ FailedRequests?: Array<Record<string, unknown>> }> =>
    rawRequest(emu, {
      target: 'WorkspacesService.StopWorkspaces',
      account: emu.account('sandbox-prod'),
      region: 'us-east-1',
      body: JSON.stringify({ StopWorkspaceRequests: ids.map((WorkspaceId) => ({ WorkspaceId })) }),
    }).then((r) => r.json() as { FailedRequests?: Array<Record<string, unknown>> });

  it('unsupportedOperations: an HTML 500 page for those, the other operations work', async () => {
    emu.setQuirks({ unsupportedOperations: ['DescribeWorkspaceImages'] });
    const e = await rejection(client.send(new DescribeWorkspaceImagesCommand({})));
    assert.equal(e.$metadata?.httpStatusCode, 500);
    const raw = await rawRequest(emu, {
      target: 'WorkspacesService.DescribeWorkspaceImages',
      account: emu.account('sandbox-prod'),
      region: 'us-east-1',
    });
    assert.equal(raw.status, 500);
    assert.match(raw.headers.get('content-type') ?? '', /text\/html/);
    assert.match(raw.text, /<html>/);
    assert.ok((await client.send(new DescribeWorkspacesCommand({}))).Workspaces!.length > 0);
    assert.deepEqual(
      emu.requests().map((r) => [r.op, r.fault]),
      [
        ['DescribeWorkspaceImages', 'unsupported'],
        ['DescribeWorkspaceImages', 'unsupported'],
        ['DescribeWorkspaces', undefined],
      ],
    );
  });

  it('numericFailureCodes / omitFailureCodes change FailedRequests on the wire', async () => {
    emu.setQuirks({ numericFailureCodes: true });
    const numeric = await stop(['ws-b2d4f6h8j', 'ws-000000000']);
    assert.deepEqual(
      numeric.FailedRequests?.map((f) => f.ErrorCode),
      [409, 404],
    );
    emu.setQuirks({ numericFailureCodes: false, omitFailureCodes: true });
    const omitted = await stop(['ws-b2d4f6h8j']);
    assert.equal(omitted.FailedRequests?.length, 1);
    assert.ok(!('ErrorCode' in omitted.FailedRequests[0]));
    assert.equal(omitted.FailedRequests[0].WorkspaceId, 'ws-b2d4f6h8j');
    // The SDK takes what comes.
    const sdk = await client.send(
      new StopWorkspacesCommand({ StopWorkspaceRequests: [{ WorkspaceId: 'ws-b2d4f6h8j' }] }),
    );
    assert.equal(sdk.FailedRequests?.[0].ErrorCode, undefined);
  });

  it('omitFields leaves fields out of WorkSpaces and connection statuses; aliasEqualsId', async () => {
    emu.setQuirks({
      omitFields: ['IpAddress', 'ComputerName', 'ConnectionState', 'LastKnownUserConnectionTimestamp'],
      aliasEqualsId: true,
    });
    const ws = (await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: ['ws-a1c3e5g7i'] }))).Workspaces![0];
    assert.equal(ws.IpAddress, undefined);
    assert.equal(ws.ComputerName, undefined);
    assert.equal(ws.UserName, 'alice.nguyen');
    const conn = (await client.send(new DescribeWorkspacesConnectionStatusCommand({ WorkspaceIds: ['ws-a1c3e5g7i'] })))
      .WorkspacesConnectionStatus![0];
    assert.equal(conn.ConnectionState, undefined);
    assert.equal(conn.LastKnownUserConnectionTimestamp, undefined);
    assert.ok(conn.ConnectionStateCheckTimestamp instanceof Date);
    const dirs = (await client.send(new DescribeWorkspaceDirectoriesCommand({}))).Directories!;
    assert.ok(dirs.length > 0 && dirs.every((d) => d.Alias === d.DirectoryId));
    // The emulator's own records are untouched.
    const live = emu.world('sandbox-prod', 'us-east-1');
    assert.ok(live.getWorkspace('ws-a1c3e5g7i')?.IpAddress);
    assert.equal(live.directories.get('d-9067a1b2c3')?.Alias, 'example-corp');
    emu.setQuirks(NO_QUIRKS);
    assert.ok(
      (await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: ['ws-a1c3e5g7i'] }))).Workspaces![0].IpAddress,
    );
  });

  it('can be set through the control endpoint', async () => {
    const res = await fetch(`${emu.url}/__emulator/setQuirks`, {
      method: 'POST',
      body: JSON.stringify({ aliasEqualsId: true }),
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { aliasEqualsId: boolean }).aliasEqualsId, true);
    assert.equal(emu.quirks().aliasEqualsId, true);
  });
});

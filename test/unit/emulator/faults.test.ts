import { DescribeWorkspacesCommand, StartWorkspacesCommand, type WorkSpacesClient } from '@aws-sdk/client-workspaces';
import assert from 'node:assert/strict';
import { type Emulator, type FaultKind, startEmulator } from '../../emulator';
import { clientFor, rejection } from './helpers';

describe('emulator: faults', () => {
  let emu: Emulator;
  let raw: WorkSpacesClient; // no retries: sees the raw fault
  before(async () => {
    emu = await startEmulator({ seed: 'demo', transitionMs: 60_000, quota: false });
    raw = clientFor(emu, emu.account('sandbox-prod'), 'us-east-1', { maxAttempts: 1 });
  });
  beforeEach(() => {
    emu.setFaults({
      throttleRate: 0,
      errorRate: 0,
      htmlRate: 0,
      truncatedRate: 0,
      hangRate: 0,
      lostResponseRate: 0,
      garbledResponseRate: 0,
      operations: undefined,
      accessDeniedRegions: [],
      expiredKeys: [],
      cloudwatchDenied: [],
    });
    emu.reset();
    emu.resetCounts();
  });
  after(() => emu.stop());

  const cases: Array<[FaultKind, string, number]> = [
    ['throttle', 'ThrottlingException', 400],
    ['internal', 'InternalFailure', 500],
    ['unavailable', 'ServiceUnavailable', 503],
    ['accessDenied', 'AccessDeniedException', 400],
    ['expiredToken', 'ExpiredTokenException', 400],
  ];
  for (const [fault, name, status] of cases) {
    it(`failNext('${fault}') → ${name} (${status}) once, then normal answers`, async () => {
      emu.failNext('DescribeWorkspaces', fault);
      const e = await rejection(raw.send(new DescribeWorkspacesCommand({})));
      assert.equal(e.name, name);
      assert.equal(e.$metadata?.httpStatusCode, status);
      assert.ok((await raw.send(new DescribeWorkspacesCommand({}))).Workspaces!.length > 0);
      assert.deepEqual(
        emu.requests().map((r) => r.fault),
        [fault, undefined],
      );
    });
  }

  it('an HTML 500 page and a truncated 200 body fail the SDK call', async () => {
    emu.failNext('DescribeWorkspaces', 'html');
    const e1 = await rejection(raw.send(new DescribeWorkspacesCommand({})));
    assert.equal(e1.$metadata?.httpStatusCode, 500);
    emu.failNext('*', 'truncated');
    const e2 = await rejection(raw.send(new DescribeWorkspacesCommand({})));
    assert.ok(e2 instanceof Error);
    assert.equal(emu.requests().at(-1)!.fault, 'truncated');
  });

  it('a hung request never answers until the client gives up', async () => {
    emu.failNext('DescribeWorkspaces', 'hang');
    const e = await rejection(raw.send(new DescribeWorkspacesCommand({}), { abortSignal: AbortSignal.timeout(150) }));
    assert.match(e.name, /Abort|Timeout/);
    assert.ok((await raw.send(new DescribeWorkspacesCommand({}))).Workspaces!.length > 0, 'the next request is served');
  });

  it('stop() ends hung requests', async () => {
    const other = await startEmulator({ seed: 'empty', quota: false });
    other.failNext('*', 'hang');
    const p = rejection(
      clientFor(other, other.account('sandbox-prod'), 'us-east-1', { maxAttempts: 1 }).send(
        new DescribeWorkspacesCommand({}),
      ),
    );
    await new Promise((r) => setTimeout(r, 50));
    await other.stop();
    assert.ok((await p) instanceof Error);
  });

  it('a failed or throttled action has no effect; the SDK retry applies it exactly once', async () => {
    const id = 'ws-b2d4f6h8j';
    const start = new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: id }] });
    emu.failNext('StartWorkspaces', 'throttle');
    await rejection(raw.send(start));
    assert.equal(emu.world('sandbox-prod', 'us-east-1').getWorkspace(id)!.State, 'STOPPED');
    assert.equal(emu.actionCount(id), 0);

    emu.failNext('StartWorkspaces', 'internal');
    const retrying = clientFor(emu, emu.account('sandbox-prod'), 'us-east-1', { maxAttempts: 3 });
    const out = await retrying.send(start);
    assert.deepEqual(out.FailedRequests, []);
    assert.equal(emu.actionCount(id, 'StartWorkspaces'), 1);
    assert.equal(emu.counts().byOp.StartWorkspaces, 3);
  });

  it('lostResponse: the action is APPLIED, then the connection drops; the SDK retry does not apply it twice', async () => {
    const id = 'ws-b2d4f6h8j';
    const start = new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: id }] });
    emu.failNext('StartWorkspaces', 'lostResponse');
    const e = await rejection(raw.send(start));
    assert.ok(e instanceof Error);
    assert.equal(e.$metadata?.httpStatusCode, undefined, 'no answer at all');
    assert.equal(emu.world('sandbox-prod', 'us-east-1').getWorkspace(id)!.State, 'STARTING', 'yet applied');
    assert.equal(emu.actionCount(id, 'StartWorkspaces'), 1);
    assert.deepEqual(
      emu.requests().map((r) => [r.fault, r.status]),
      [['lostResponse', 0]],
    );

    emu.reset();
    emu.resetCounts();
    emu.failNext('StartWorkspaces', 'lostResponse');
    const retrying = clientFor(emu, emu.account('sandbox-prod'), 'us-east-1', { maxAttempts: 3 });
    const out = await retrying.send(start);
    // The retry finds it STARTING: refused in FailedRequests, the start applied exactly once.
    assert.deepEqual(
      out.FailedRequests?.map((f) => f.ErrorCode),
      ['InvalidResourceState.Starting'],
    );
    assert.equal(emu.actionCount(id, 'StartWorkspaces'), 1);
    assert.equal(emu.counts().byOp.StartWorkspaces, 2);
  });

  it('garbledResponse: the action is APPLIED, then a 200 with a cut JSON body fails the SDK call', async () => {
    const id = 'ws-b2d4f6h8j';
    emu.failNext('StartWorkspaces', 'garbledResponse');
    const e = await rejection(raw.send(new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: id }] })));
    assert.ok(e instanceof Error);
    assert.equal(emu.actionCount(id, 'StartWorkspaces'), 1);
    const rec = emu.requests().at(-1)!;
    assert.equal(rec.fault, 'garbledResponse');
    assert.equal(rec.status, 200);
  });

  it('lost / garbled answer rates leave reads alone unless `operations` names them', async () => {
    emu.setFaults({ lostResponseRate: 1, garbledResponseRate: 1 });
    assert.ok((await raw.send(new DescribeWorkspacesCommand({}))).Workspaces!.length > 0);
    await rejection(
      raw.send(new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: 'ws-b2d4f6h8j' }] })),
    );
    emu.setFaults({ operations: ['DescribeWorkspaces'] });
    await rejection(raw.send(new DescribeWorkspacesCommand({})));
    assert.deepEqual(
      emu.requests().map((r) => r.fault),
      [undefined, 'lostResponse', 'lostResponse'],
    );
    assert.equal(emu.actionCount('ws-b2d4f6h8j', 'StartWorkspaces'), 1);
  });

  it('rates are reproducible with the same rngSeed and can be restricted to operations', async () => {
    const pattern = async (seed: number): Promise<string> => {
      const e = await startEmulator({
        seed: 'empty',
        rngSeed: seed,
        quota: false,
        faults: { throttleRate: 0.5, operations: ['DescribeWorkspaces'] },
      });
      const c = clientFor(e, e.account('sandbox-prod'), 'us-east-1', { maxAttempts: 1 });
      let s = '';
      for (let i = 0; i < 16; i++) {
        s += await c.send(new DescribeWorkspacesCommand({})).then(
          () => '.',
          () => 'T',
        );
      }
      // Not in `operations`: never throttled.
      await c.send(new StartWorkspacesCommand({ StartWorkspaceRequests: [{ WorkspaceId: 'ws-000000000' }] }));
      await e.stop();
      return s;
    };
    const a = await pattern(7);
    assert.equal(await pattern(7), a);
    assert.match(a, /T/);
    assert.match(a, /\./);
  });

  it('AccessDeniedException for chosen regions, optionally per account; ExpiredTokenException for chosen keys', async () => {
    const prod = emu.account('sandbox-prod');
    const dev = emu.account('sandbox-dev');
    emu.setFaults({ accessDeniedRegions: ['eu-west-1', { region: 'us-west-2', account: dev.accountId }] });
    assert.equal(
      (await rejection(clientFor(emu, prod, 'eu-west-1', { maxAttempts: 1 }).send(new DescribeWorkspacesCommand({}))))
        .name,
      'AccessDeniedException',
    );
    assert.equal(
      (await rejection(clientFor(emu, dev, 'us-west-2', { maxAttempts: 1 }).send(new DescribeWorkspacesCommand({}))))
        .name,
      'AccessDeniedException',
    );
    await clientFor(emu, prod, 'us-west-2').send(new DescribeWorkspacesCommand({}));
    await clientFor(emu, prod, 'us-east-1').send(new DescribeWorkspacesCommand({}));

    emu.setFaults({ accessDeniedRegions: [], expiredKeys: [dev.accessKeyId] });
    assert.equal(
      (await rejection(clientFor(emu, dev, 'us-west-2', { maxAttempts: 1 }).send(new DescribeWorkspacesCommand({}))))
        .name,
      'ExpiredTokenException',
    );
    await clientFor(emu, prod).send(new DescribeWorkspacesCommand({}));
  });

  it('adds latency without changing answers', async () => {
    emu.setLatency(20, 10);
    const out = await raw.send(new DescribeWorkspacesCommand({ Limit: 2 }));
    assert.equal(out.Workspaces?.length, 2);
    emu.setLatency(0);
  });
});

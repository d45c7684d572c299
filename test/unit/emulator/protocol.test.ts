import { DescribeWorkspaceDirectoriesCommand, DescribeWorkspacesCommand } from '@aws-sdk/client-workspaces';
import assert from 'node:assert/strict';
import { type Emulator, startEmulator } from '../../emulator';
import { clientFor, rawRequest, rejection } from './helpers';

describe('emulator: protocol and authentication', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ seed: 'demo', quota: false });
  });
  after(() => emu.stop());

  it('answers the SDK with a request id and JSON 1.1 shapes (dates parsed by the SDK)', async () => {
    const prod = emu.account('sandbox-prod');
    const out = await clientFor(emu, prod).send(new DescribeWorkspaceDirectoriesCommand({}));
    assert.ok(out.$metadata.requestId && out.$metadata.requestId.length > 10);
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.ok((out.Directories ?? []).length >= 2);
    const raw = await rawRequest(emu, { target: 'WorkspacesService.DescribeWorkspaceImages', account: prod });
    assert.equal(raw.status, 200);
    assert.equal(raw.headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.ok(raw.headers.get('x-amzn-requestid'));
    const created = (raw.json().Images as Array<{ Created: unknown }>)[0].Created;
    assert.equal(typeof created, 'number', 'timestamps are epoch seconds');
  });

  it('accepts temporary credentials only with their session token', async () => {
    const dev = emu.account('sandbox-dev');
    assert.ok(dev.sessionToken && dev.accessKeyId.startsWith('ASIA'));
    const ok = await clientFor(emu, dev).send(new DescribeWorkspacesCommand({}));
    assert.ok((ok.Workspaces ?? []).length > 0);
    const noToken = clientFor(emu, { ...dev, sessionToken: undefined }, 'us-west-2', { maxAttempts: 1 });
    const e1 = await rejection(noToken.send(new DescribeWorkspacesCommand({})));
    assert.equal(e1.name, 'UnrecognizedClientException');
    assert.equal(e1.$metadata?.httpStatusCode, 403);
    const wrongToken = clientFor(emu, { ...dev, sessionToken: 'IQoJb3JpZ2luX2VjEMUwrong' }, 'us-west-2', {
      maxAttempts: 1,
    });
    assert.equal(
      (await rejection(wrongToken.send(new DescribeWorkspacesCommand({})))).name,
      'UnrecognizedClientException',
    );
  });

  it('rejects an unknown access key, a wrong secret and a missing signature', async () => {
    const prod = emu.account('sandbox-prod');
    const unknown = clientFor(emu, { ...prod, accessKeyId: 'AKIAUNKNOWN000000000' }, 'us-east-1', { maxAttempts: 1 });
    const e1 = await rejection(unknown.send(new DescribeWorkspacesCommand({})));
    assert.equal(e1.name, 'UnrecognizedClientException');
    assert.equal(e1.$metadata?.httpStatusCode, 403);

    const wrongSecret = clientFor(
      emu,
      { ...prod, secretAccessKey: prod.secretAccessKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) },
      'us-east-1',
      { maxAttempts: 1 },
    );
    const e2 = await rejection(wrongSecret.send(new DescribeWorkspacesCommand({})));
    assert.equal(e2.name, 'InvalidSignatureException');
    assert.equal(e2.$metadata?.httpStatusCode, 403);

    const unsigned = await rawRequest(emu, { target: 'WorkspacesService.DescribeWorkspaces', sign: false });
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.json().__type, 'MissingAuthenticationTokenException');
  });

  it('detects a body changed after signing', async () => {
    const prod = emu.account('sandbox-prod');
    // Sign one body, send another: the recomputed signature cannot match.
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const { Sha256 } = await import('@aws-crypto/sha256-js');
    const signer = new SignatureV4({ credentials: prod, region: 'us-east-1', service: 'workspaces', sha256: Sha256 });
    const headers = {
      host: `127.0.0.1:${emu.port}`,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'WorkspacesService.DescribeWorkspaces',
    };
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: emu.port,
      path: '/',
      query: {},
      headers,
      body: '{"Limit":5}',
    });
    const { host: _h, ...send } = signed.headers;
    const res = await fetch(`${emu.url}/`, { method: 'POST', headers: send, body: '{"Limit":25}' });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { __type: string }).__type, 'InvalidSignatureException');
  });

  it('answers an unknown operation with UnknownOperationException and malformed JSON with SerializationException', async () => {
    const prod = emu.account('sandbox-prod');
    const unknown = await rawRequest(emu, { target: 'WorkspacesService.DescribeEverything', account: prod });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json().__type, 'UnknownOperationException');
    const bad = await rawRequest(emu, {
      target: 'WorkspacesService.DescribeWorkspaces',
      account: prod,
      body: '{"Limit": 5',
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.json().__type, 'SerializationException');
    assert.ok(bad.headers.get('x-amzn-requestid'));
    const wrongType = await rawRequest(emu, {
      target: 'WorkspacesService.DescribeWorkspaces',
      account: prod,
      body: '{"WorkspaceIds": "ws-a1c3e5g7i"}',
    });
    assert.equal(wrongType.json().__type, 'SerializationException');
  });

  it('keeps the credentials out of the request log', async () => {
    const prod = emu.account('sandbox-prod');
    await clientFor(emu, prod).send(new DescribeWorkspacesCommand({ Limit: 3 }));
    const log = JSON.stringify(emu.requests());
    assert.ok(!log.includes(prod.secretAccessKey));
    assert.ok(!log.includes('Signature='));
    const last = emu.requests().at(-1)!;
    assert.deepEqual(
      [last.op, last.accountId, last.region, last.params],
      ['DescribeWorkspaces', prod.accountId, 'us-east-1', { Limit: 3 }],
    );
  });

  it('exposes a control endpoint on loopback', async () => {
    emu.resetCounts();
    await clientFor(emu, emu.account('sandbox-prod')).send(new DescribeWorkspacesCommand({}));
    const res = await fetch(`${emu.url}/__emulator/counts`, { method: 'POST', body: '{}' });
    assert.deepEqual(await res.json(), { total: 1, byOp: { DescribeWorkspaces: 1 }, throttled: 0, throttledByOp: {} });
    const f = await fetch(`${emu.url}/__emulator/failNext`, {
      method: 'POST',
      body: JSON.stringify({ op: 'DescribeWorkspaces', fault: 'throttle' }),
    });
    assert.equal(f.status, 200);
    const e = await rejection(
      clientFor(emu, emu.account('sandbox-prod'), 'us-east-1', { maxAttempts: 1 }).send(
        new DescribeWorkspacesCommand({}),
      ),
    );
    assert.equal(e.name, 'ThrottlingException');
    const ctl = (verb: string, body: unknown): Promise<Response> =>
      fetch(`${emu.url}/__emulator/${verb}`, { method: 'POST', body: JSON.stringify(body) });
    assert.equal(
      (await ctl('setState', { account: 'sandbox-prod', region: 'us-east-1', id: 'ws-a1c3e5g7i', state: 'IMPAIRED' }))
        .status,
      200,
    );
    const ws = await clientFor(emu, emu.account('sandbox-prod')).send(
      new DescribeWorkspacesCommand({ WorkspaceIds: ['ws-a1c3e5g7i'] }),
    );
    assert.equal(ws.Workspaces?.[0].State, 'IMPAIRED');
    assert.equal(
      (await ctl('fixImage', { account: '111111111111', region: 'us-east-1', id: 'wsi-byolw10err' })).status,
      200,
    );
    assert.equal(emu.world('sandbox-prod', 'us-east-1').images.get('wsi-byolw10err')?.State, 'AVAILABLE');
    assert.equal(
      (await ctl('fixImage', { account: '111111111111', region: 'us-east-1', id: 'wsi-nothere00' })).status,
      400,
    );
    assert.equal((await ctl('noSuchVerb', {})).status, 404);
    const files = (await (await fetch(`${emu.url}/__emulator/awsConfigFiles`, { method: 'POST' })).json()) as {
      config: string;
    };
    assert.match(
      files.config,
      /\[profile sandbox-prod\]\nregion = us-east-1\nendpoint_url = http:\/\/127\.0\.0\.1:\d+/,
    );
  });
});

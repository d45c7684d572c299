// Error classes through the real SDK and real HTTP: every failure the emulator can produce maps
// to one typed kind the VS Code layer can act on without `instanceof`.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAwsError } from '../../../src/aws';
import { collect, harness, rejection, type Harness } from './helpers';

describe('aws errors', function () {
  this.timeout(30_000);
  let h: Harness;

  before(async () => {
    h = await harness({ seed: { kind: 'fleet', workspaces: 30, directories: 1, movingRate: 0 } });
  });
  after(async () => h.close());
  beforeEach(() => {
    h.emu.setFaults({
      throttleRate: 0,
      errorRate: 0,
      htmlRate: 0,
      truncatedRate: 0,
      hangRate: 0,
      accessDeniedRegions: [],
      expiredKeys: [],
      operations: undefined,
    });
    h.emu.resetCounts();
  });

  const list = (api = h.api()) => collect(api.workspaces());

  it('throttling never surfaces: a page throttled more often than the SDK attempts waits and goes again', async () => {
    h.emu.failNext('DescribeWorkspaces', 'throttle', 3);
    const layer = h.newLayer({ maxAttempts: 2 });
    const api = layer.api({ profile: h.emu.accounts[0].profile, region: 'us-east-1' });
    const { items } = await list(api);
    assert.equal(items.length, 30);
    const calls = h.emu.requests().filter((r) => r.op === 'DescribeWorkspaces');
    assert.deepEqual(
      calls.map((r) => r.errorCode ?? 'ok'),
      ['ThrottlingException', 'ThrottlingException', 'ThrottlingException', 'ok', 'ok'],
      '3 throttled (re-queued by the scheduler, not retried by the SDK) + 2 pages',
    );
    assert.equal(api.stats().throttled, 3);
  });

  it('accessDenied', async () => {
    h.emu.setFaults({ accessDeniedRegions: ['us-east-1'] });
    const e = await rejection(list());
    assert.ok(isAwsError(e));
    assert.equal(e.kind, 'accessDenied');
    assert.equal(e.code, 'AccessDeniedException');
    assert.equal(typeof e.requestId, 'string');
    assert.ok(e.hint);
  });

  it('credentials/invalidKeys for an unknown access key, with a hint naming the profile', async () => {
    h.writeConfig(
      '[profile stranger]\nregion = us-east-1\nendpoint_url = ' + h.emu.url + '\n',
      '[stranger]\naws_access_key_id = AKIAUNKNOWN000000000\naws_secret_access_key = abc\n',
    );
    try {
      const layer = h.newLayer();
      const e = await rejection(list(layer.api({ profile: 'stranger', region: 'us-east-1' })));
      assert.ok(isAwsError(e));
      assert.equal(e.kind, 'credentials');
      assert.ok(e.kind === 'credentials' && e.reason === 'invalidKeys');
      assert.equal(e.code, 'UnrecognizedClientException');
      assert.match(e.hint ?? '', /aws configure --profile stranger/);
    } finally {
      h.writeConfig();
    }
  });

  it('credentials/invalidKeys for a wrong secret (signature mismatch)', async () => {
    const a = h.emu.accounts[0];
    h.writeConfig(
      `[profile wrongsecret]\nregion = us-east-1\nendpoint_url = ${h.emu.url}\n`,
      `[wrongsecret]\naws_access_key_id = ${a.accessKeyId}\naws_secret_access_key = not-the-secret\n`,
    );
    try {
      const e = await rejection(list(h.newLayer().api({ profile: 'wrongsecret', region: 'us-east-1' })));
      assert.ok(isAwsError(e) && e.kind === 'credentials' && e.reason === 'invalidKeys');
      assert.equal(e.code, 'InvalidSignatureException');
    } finally {
      h.writeConfig();
    }
  });

  it('credentials/expiredToken', async () => {
    h.emu.setFaults({ expiredKeys: [h.emu.accounts[0].accessKeyId] });
    const e = await rejection(list());
    assert.ok(isAwsError(e) && e.kind === 'credentials' && e.reason === 'expiredToken');
    assert.equal(e.code, 'ExpiredTokenException');
  });

  it('badResponse for an HTML 500 page (after retries), named as such; endpoint_url is suspected while nothing worked', async () => {
    h.emu.setFaults({ htmlRate: 1 });
    const e = await rejection(list(h.newLayer().api({ profile: h.emu.accounts[0].profile, region: 'us-east-1' })));
    assert.ok(isAwsError(e));
    assert.equal(e.kind, 'badResponse');
    assert.equal(e.httpStatus, 500);
    assert.equal(
      e.message,
      'This endpoint did not answer DescribeWorkspaces like the WorkSpaces API (HTTP 500 HTML page).',
    );
    assert.match(
      e.hint ?? '',
      /Nothing from this endpoint has answered like the WorkSpaces API yet: check endpoint_url/,
    );
    assert.equal(h.emu.counts().byOp.DescribeWorkspaces, 2, 'a 500 is retried');
  });

  it('an endpoint that serves the other operations but answers one with an HTML page: that operation is named, endpoint_url is not blamed', async () => {
    const api = h.newLayer().api({ profile: h.emu.accounts[0].profile, region: 'us-east-1' });
    assert.equal((await list(api)).items.length, 30);
    h.emu.setFaults({ htmlRate: 1, operations: ['DescribeWorkspacesPools'] });
    const e = await rejection(collect(api.pools()));
    assert.ok(isAwsError(e) && e.kind === 'badResponse');
    assert.equal(
      e.message,
      'This endpoint did not answer DescribeWorkspacesPools like the WorkSpaces API (HTTP 500 HTML page).',
    );
    assert.match(e.hint ?? '', /Other calls to this endpoint work: it may not implement DescribeWorkspacesPools/);
    assert.doesNotMatch(`${e.message} ${e.hint ?? ''}`, /endpoint_url|captive portal/);
  });

  it('badResponse for a truncated JSON body (after the read was retried)', async () => {
    h.emu.failNext('DescribeWorkspaces', 'truncated', 2);
    const e = await rejection(list());
    assert.ok(isAwsError(e));
    assert.equal(e.kind, 'badResponse');
    assert.match(e.message, /truncated or malformed JSON/);
    assert.equal(
      h.emu.counts().byOp.DescribeWorkspaces,
      2,
      'a read with an unreadable answer is retried (src/aws/retryReads.ts)',
    );
  });

  it('service error for a 5xx JSON error that persists', async () => {
    h.emu.setFaults({ errorRate: 1 });
    const e = await rejection(list());
    assert.ok(isAwsError(e));
    assert.equal(e.kind, 'service');
    assert.ok(['InternalFailure', 'ServiceUnavailable'].includes(e.code), e.code);
  });

  it('notFound and invalidParameter', async () => {
    const nf = await rejection(h.api().tags('ws-zzzzzzzzz'));
    assert.ok(isAwsError(nf) && nf.kind === 'notFound');
    assert.equal(nf.code, 'ResourceNotFoundException');
    const ip = await rejection(collect(h.api().workspaces({ directoryId: 'not-a-directory' })));
    assert.ok(isAwsError(ip));
    assert.ok(['invalidParameter'].includes(ip.kind), `${ip.kind} ${ip.code}`);
  });

  it('timeout for a hung connection with a short request timeout', async () => {
    h.emu.setFaults({ hangRate: 1 });
    const layer = h.newLayer({ requestTimeoutMs: 300, maxAttempts: 1 });
    const e = await rejection(list(layer.api({ profile: h.emu.accounts[0].profile, region: 'us-east-1' })));
    assert.ok(isAwsError(e));
    assert.equal(e.kind, 'timeout');
    assert.equal(e.code, 'TimeoutError');
  });

  it('cancelled via AbortSignal, mid-request', async () => {
    h.emu.setFaults({ hangRate: 1 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const e = await rejection(collect(h.api().workspaces({ abortSignal: ac.signal })));
    assert.ok(isAwsError(e));
    assert.equal(e.kind, 'cancelled');
  });

  it('cancelled via AbortSignal, mid-listing', async () => {
    h.emu.setLatency(50);
    const ac = new AbortController();
    const pages: number[] = [];
    const e = await rejection(
      (async () => {
        for await (const page of h.api().workspaces({ abortSignal: ac.signal })) {
          pages.push(page.length);
          ac.abort();
        }
      })(),
    );
    h.emu.setLatency(0);
    assert.ok(isAwsError(e) && e.kind === 'cancelled');
    assert.equal(pages.length, 1);
  });

  it('network error for a closed port', async () => {
    h.writeConfig(
      `[profile closed]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:1\n`,
      `[closed]\naws_access_key_id = AKIAX\naws_secret_access_key = y\n`,
    );
    try {
      const e = await rejection(list(h.newLayer({ maxAttempts: 1 }).api({ profile: 'closed', region: 'us-east-1' })));
      assert.ok(isAwsError(e));
      assert.equal(e.kind, 'network');
      assert.equal(e.code, 'ECONNREFUSED');
    } finally {
      h.writeConfig();
    }
  });

  it('FailedRequests with a numeric or missing ErrorCode (an endpoint that is not AWS) still yield outcomes with the message', async () => {
    // A real HTTP endpoint that speaks the JSON protocol loosely: the SDK passes a number in a
    // string field through as it is, and leaves a missing or null one out.
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(
          JSON.stringify({
            FailedRequests: [
              { WorkspaceId: 'ws-a', ErrorCode: 42, ErrorMessage: 'numeric code' },
              { WorkspaceId: 'ws-b', ErrorMessage: 'no code' },
              { WorkspaceId: 'ws-c', ErrorCode: null, ErrorMessage: 7 },
              { WorkspaceId: 'ws-d', ErrorCode: 'Odd.Code' },
            ],
          }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h.writeConfig(
      `[profile odd]\nregion = us-east-1\nendpoint_url = ${url}\n`,
      `[odd]\naws_access_key_id = AKIAODD\naws_secret_access_key = x\n`,
    );
    try {
      const outcomes = await h
        .newLayer()
        .api({ profile: 'odd', region: 'us-east-1' })
        .stop(['ws-a', 'ws-b', 'ws-c', 'ws-d', 'ws-e']);
      assert.deepEqual(outcomes, [
        { id: 'ws-a', ok: false, code: '42', message: 'numeric code' },
        { id: 'ws-b', ok: false, code: 'Unknown', message: 'no code' },
        { id: 'ws-c', ok: false, code: 'Unknown', message: '7' },
        { id: 'ws-d', ok: false, code: 'Odd.Code', message: 'StopWorkspaces failed (no message)' },
        { id: 'ws-e', ok: true },
      ]);
    } finally {
      h.writeConfig();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('isAwsError checks the shape, not the class (the VS Code bundle has its own copy)', () => {
    const plain = { kind: 'throttled', code: 'ThrottlingException', message: 'Rate exceeded', name: 'AwsError' };
    assert.ok(isAwsError(plain));
    assert.ok(!isAwsError({ kind: 'credentials', code: 'x', message: 'y' }), 'credentials needs a reason');
    assert.ok(isAwsError({ kind: 'credentials', reason: 'ssoExpired', code: 'x', message: 'y', hint: 'h' }));
    assert.ok(!isAwsError(new Error('x')));
    assert.ok(!isAwsError({ kind: 'weird', code: 'x', message: 'y' }));
    assert.ok(!isAwsError(null));
  });
});

import { DescribeWorkspaceDirectoriesCommand, DescribeWorkspacesCommand } from '@aws-sdk/client-workspaces';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWS_QUOTA, type Emulator, startEmulator } from '../../emulator';
import { clientFor, rejection } from './helpers';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const hasBotocore = spawnSync('python3', ['-c', 'import botocore'], { encoding: 'utf8' }).status === 0;

describe('emulator: the API quota (2 calls/s, burst 5, per account and region)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  beforeEach(async () => {
    // No option: the quota is on by default, as AWS documents it.
    emu = await startEmulator({ seed: 'demo' });
  });
  afterEach(() => emu.stop());

  it('is on by default at 2/s burst 5: the 6th immediate call is throttled, a second later calls pass again', async () => {
    assert.deepEqual(emu.quota(), AWS_QUOTA);
    const c = clientFor(emu, emu.account('sandbox-prod'), 'us-east-1', { maxAttempts: 1 });
    await c.send(new DescribeWorkspacesCommand({})); // the SDK's first call builds its client
    emu.reset();
    emu.resetCounts();
    // Six calls at once: the burst lets five through, the sixth finds the bucket empty.
    const settled = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        c.send(i === 5 ? new DescribeWorkspaceDirectoriesCommand({}) : new DescribeWorkspacesCommand({})),
      ),
    );
    const refused = settled.flatMap((r): unknown[] => (r.status === 'rejected' ? [r.reason] : []));
    assert.equal(refused.length, 1, 'exactly one of six immediate calls is throttled');
    const e = refused[0] as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    assert.equal(e.name, 'ThrottlingException', 'every operation draws on the same bucket');
    assert.equal(e.message, 'Rate exceeded');
    assert.equal(e.$metadata?.httpStatusCode, 400);
    await sleep(1000);
    await c.send(new DescribeWorkspacesCommand({}));
    await c.send(new DescribeWorkspacesCommand({}));
    const counts = emu.counts();
    assert.equal(counts.total, 8);
    assert.equal(counts.throttled, 1);
    const log = emu.requests();
    const quota = log.filter((r) => r.fault === 'quota');
    assert.equal(quota.length, 1);
    assert.equal(quota[0].errorCode, 'ThrottlingException');
    assert.equal(quota[0].status, 400);
    assert.equal(
      Object.values(counts.throttledByOp).reduce((a, b) => a + b, 0),
      1,
    );
  });

  it('keeps one bucket per account and region', async () => {
    const prod = emu.account('sandbox-prod');
    const dev = emu.account('sandbox-dev');
    const east = clientFor(emu, prod, 'us-east-1', { maxAttempts: 1 });
    for (let i = 0; i < 5; i++) {
      await east.send(new DescribeWorkspacesCommand({}));
    }
    assert.equal((await rejection(east.send(new DescribeWorkspacesCommand({})))).name, 'ThrottlingException');
    // Same account, other region; other account, its own region: full buckets.
    await clientFor(emu, prod, 'eu-west-1', { maxAttempts: 1 }).send(new DescribeWorkspacesCommand({}));
    await clientFor(emu, dev, dev.regions[0], { maxAttempts: 1 }).send(new DescribeWorkspacesCommand({}));
  });

  it('sustains the refill rate: calls paced at 2/s after the burst all pass', async () => {
    const c = clientFor(emu, emu.account('sandbox-prod'), 'us-east-1', { maxAttempts: 1 });
    for (let i = 0; i < 5; i++) {
      await c.send(new DescribeWorkspacesCommand({}));
    }
    for (let i = 0; i < 4; i++) {
      await sleep(520);
      await c.send(new DescribeWorkspacesCommand({}));
    }
    assert.equal(emu.counts().throttled, 0);
  });

  it('can be raised, lifted and set again (setQuota), and a reset refills the buckets', async () => {
    const c = clientFor(emu, emu.account('sandbox-prod'), 'us-east-1', { maxAttempts: 1 });
    emu.setQuota(false);
    for (let i = 0; i < 30; i++) {
      await c.send(new DescribeWorkspacesCommand({}));
    }
    assert.equal(emu.counts().throttled, 0);
    emu.setQuota({ rate: 1, burst: 2 });
    emu.reset();
    await c.send(new DescribeWorkspacesCommand({}));
    await c.send(new DescribeWorkspacesCommand({}));
    assert.equal((await rejection(c.send(new DescribeWorkspacesCommand({})))).name, 'ThrottlingException');
    emu.setQuota({ rate: 0, burst: 5 });
    await c.send(new DescribeWorkspacesCommand({}));
  });

  (hasBotocore ? it : it.skip)("throttles botocore (the AWS CLI's library) with retries off the same way", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsemu-quota-'));
    try {
      const files = emu.awsConfigFiles();
      writeFileSync(join(dir, 'config'), files.config);
      writeFileSync(join(dir, 'credentials'), files.credentials);
      // Six immediate calls, then one a second later, in one Python process (a CLI process per call
      // would take longer to start than the bucket takes to refill).
      const script = [
        'import botocore.session, botocore.config, time, sys',
        's = botocore.session.get_session()',
        `c = s.create_client('workspaces', region_name='us-east-1', endpoint_url='${emu.url}', config=botocore.config.Config(retries={'total_max_attempts': 1}))`,
        'def call():',
        '    try:',
        '        c.describe_workspaces(); return "ok"',
        '    except c.exceptions.ClientError as e:',
        '        return e.response["Error"]["Code"] + ":" + e.response["Error"]["Message"]',
        'call(); time.sleep(3.0)  # warm the client up, then let the bucket fill again',
        'out = [call() for _ in range(6)]',
        'time.sleep(1.0)',
        'out.append(call())',
        'print("|".join(out))',
      ].join('\n');
      // Asynchronously: the emulator answers from this process's event loop.
      const r = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          'python3',
          ['-c', script],
          {
            encoding: 'utf8',
            env: {
              PATH: process.env.PATH,
              HOME: dir,
              AWS_CONFIG_FILE: join(dir, 'config'),
              AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
              AWS_PROFILE: 'sandbox-prod',
            },
          },
          (err, stdout, stderr) => resolve({ status: err ? 1 : 0, stdout, stderr }),
        );
      });
      assert.equal(r.status, 0, r.stderr);
      const results = r.stdout.trim().split('|');
      assert.deepEqual(results.slice(0, 5), ['ok', 'ok', 'ok', 'ok', 'ok']);
      assert.equal(results[5], 'ThrottlingException:Rate exceeded');
      assert.equal(results[6], 'ok');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

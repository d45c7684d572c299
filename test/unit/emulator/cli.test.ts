import { execFile, spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '../../emulator';

const hasAws = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;

function aws(env: NodeJS.ProcessEnv, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('aws', args, { env, encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

(hasAws ? describe : describe.skip)('emulator: the AWS CLI against it', function () {
  this.timeout(20_000);
  let emu: Emulator;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    emu = await startEmulator({ seed: { kind: 'fleet', workspaces: 60, accounts: 2 }, quota: false });
    dir = mkdtempSync(join(tmpdir(), 'wsemu-cli-'));
    const files = emu.awsConfigFiles();
    writeFileSync(join(dir, 'config'), files.config);
    writeFileSync(join(dir, 'credentials'), files.credentials);
    env = {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_PAGER: '',
    };
  });
  after(async () => {
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pages every WorkSpace with a profile (static keys) and explicit --endpoint-url', async () => {
    const r = await aws(env, [
      'workspaces',
      'describe-workspaces',
      '--profile',
      'sandbox-prod',
      '--endpoint-url',
      emu.url,
      '--output',
      'json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const ids = (JSON.parse(r.stdout) as { Workspaces: Array<{ WorkspaceId: string }> }).Workspaces.map(
      (w) => w.WorkspaceId,
    );
    assert.equal(new Set(ids).size, 60);
    assert.equal(emu.counts().byOp.DescribeWorkspaces, 3, 'the CLI followed two NextTokens');
    assert.equal(emu.requests().at(-1)!.accountId, '111111111111');
  });

  it('uses endpoint_url and the session token of the temporary profile; shows service errors', async () => {
    const r = await aws(env, ['workspaces', 'describe-workspaces', '--profile', 'sandbox-dev', '--limit', '30']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /InvalidParameterValuesException/);
    assert.equal(emu.requests().at(-1)!.accountId, '222222222222');
  });
});

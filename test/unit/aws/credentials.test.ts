// Credentials per profile, against the emulator's WorkSpaces, CloudWatch and STS (AssumeRole with
// MFA): one resolution per profile shared by every region's clients, MFA prompts one at a time, a
// bounded number of profiles resolving at once, and a failing credential_process that never shows
// its command line.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { formatAwsError, isAwsError } from '../../../src/aws';
import { errorMessage } from '../../../src/core/errors';
import { HOUR_MS } from '../../../src/core/usage';
import { collect, harness, rejection, type Harness } from './helpers';

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];

describe('aws credentials: per profile, MFA queued, resolutions bounded, no command line shown', function () {
  this.timeout(30_000);
  let h: Harness;
  const logged: string[] = [];
  const logger = { debug: (m: string) => void logged.push(m), warn: (m: string) => void logged.push(m) };
  let savedSts: string | undefined;

  before(async () => {
    h = await harness(
      { seed: { kind: 'fleet', workspaces: 30, accounts: 2, regions: REGIONS, directories: 1, movingRate: 0 } },
      { logger },
    );
    // The SDK's STS client (the assume-role step) takes its endpoint from the configured endpoints
    // of process.env, not from the layer's env.
    savedSts = process.env.AWS_ENDPOINT_URL_STS;
    process.env.AWS_ENDPOINT_URL_STS = h.emu.url;
  });
  after(async () => {
    if (savedSts === undefined) delete process.env.AWS_ENDPOINT_URL_STS;
    else process.env.AWS_ENDPOINT_URL_STS = savedSts;
    await h.close();
  });
  beforeEach(() => {
    h.emu.resetCounts();
    h.emu.setLatency(0);
    logged.length = 0;
  });

  /** The emulator's files plus assume-role profiles of the second account, sourced from the first. */
  function writeRoles(roles: Array<{ name: string; mfa?: string }>): void {
    const [src, target] = h.emu.accounts;
    const files = h.emu.awsConfigFiles();
    const extra = roles
      .map(
        (r) =>
          `[profile ${r.name}]\nrole_arn = arn:aws:iam::${target.accountId}:role/${r.name}\nsource_profile = ${src.profile}\n` +
          `${r.mfa ? `mfa_serial = arn:aws:iam::${src.accountId}:mfa/${r.mfa}\n` : ''}region = us-east-1\nendpoint_url = ${h.emu.url}\n`,
      )
      .join('\n');
    h.writeConfig(`${files.config}\n${extra}`, files.credentials);
  }

  /** Lists a profile in every region at once; the WorkSpaces of each. */
  async function listEverywhere(layer: ReturnType<Harness['newLayer']>, profile: string): Promise<number[]> {
    return Promise.all(
      REGIONS.map(async (region) => (await collect(layer.api({ profile, region }).workspaces())).items.length),
    );
  }

  it('an mfa_serial profile in three regions asks one MFA code, makes one AssumeRole, and lists every region (CloudWatch too)', async () => {
    writeRoles([{ name: 'mfa-admin', mfa: 'alice' }]);
    const asked: string[] = [];
    const layer = h.newLayer({
      mfaCodeProvider: async (serial) => {
        asked.push(serial);
        await new Promise((r) => setTimeout(r, 50));
        return String(100_000 + asked.length);
      },
    });
    assert.deepEqual(await listEverywhere(layer, 'mfa-admin'), [30, 30, 30]);
    const world = h.emu.world(h.emu.accounts[1].accountId, 'eu-west-1');
    const start = Math.floor(world.now() / HOUR_MS) * HOUR_MS - 2 * HOUR_MS;
    await layer.cloudwatch({ profile: 'mfa-admin', region: 'eu-west-1' }).userConnectedHourly(world.workspaceIds(), {
      start,
      hours: 2,
    });
    assert.deepEqual(asked, [`arn:aws:iam::${h.emu.accounts[0].accountId}:mfa/alice`], 'one code for the profile');
    const counts = h.emu.counts().byOp;
    assert.equal(counts.AssumeRole, 1, 'one AssumeRole for the three regions and both services');
    assert.ok((counts.GetMetricData ?? 0) > 0, 'CloudWatch was called with the same credentials');
    const roleCalls = h.emu.requests().filter((r) => r.op === 'DescribeWorkspaces');
    assert.ok(
      roleCalls.every((r) => r.accountId === h.emu.accounts[1].accountId && r.accessKeyId?.startsWith('ASIA')),
      "the calls are made with the role's temporary keys",
    );
  });

  it('two mfa profiles: their prompts never overlap, each is asked once, both list everywhere', async () => {
    writeRoles([
      { name: 'mfa-one', mfa: 'alice' },
      { name: 'mfa-two', mfa: 'alice' },
    ]);
    let open = 0;
    let most = 0;
    const asked: string[] = [];
    let code = 200_000;
    const layer = h.newLayer({
      mfaCodeProvider: async (serial) => {
        open++;
        most = Math.max(most, open);
        asked.push(serial);
        // A person typing the code.
        await new Promise((r) => setTimeout(r, 150));
        open--;
        return String(++code);
      },
    });
    const [one, two] = await Promise.all([listEverywhere(layer, 'mfa-one'), listEverywhere(layer, 'mfa-two')]);
    assert.deepEqual(
      [one, two],
      [
        [30, 30, 30],
        [30, 30, 30],
      ],
    );
    assert.equal(most, 1, 'one MFA prompt open at a time');
    assert.equal(asked.length, 2, 'one code per profile');
    assert.equal(h.emu.counts().byOp.AssumeRole, 2);
  });

  it('twelve assume-role profiles in three regions: at most 4 resolve at once, one AssumeRole each', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `role-${i + 1}`);
    writeRoles(names.map((name) => ({ name })));
    h.emu.setLatency(100);
    const layer = h.newLayer();
    const listed = await Promise.all(names.map((n) => listEverywhere(layer, n)));
    assert.ok(listed.every((l) => l.join() === '30,30,30'));
    assert.equal(h.emu.counts().byOp.AssumeRole, 12, 'one resolution per profile, not per region');
    assert.equal(h.emu.peakInFlight('AssumeRole'), 4, 'at most 4 profiles resolve their credentials at once');
    // The bound is the layer's option.
    h.emu.resetCounts();
    const two = h.newLayer({ maxConcurrentCredentials: 2 });
    await Promise.all(names.slice(0, 6).map((n) => listEverywhere(two, n)));
    assert.equal(h.emu.peakInFlight('AssumeRole'), 2);
  });

  it('a profile waiting for a person to type its MFA code does not hold up the resolutions of the others', async () => {
    writeRoles([{ name: 'mfa-slow', mfa: 'alice' }, { name: 'plain' }]);
    let plainListed!: () => void;
    const plain = new Promise<void>((r) => (plainListed = r));
    let listedBeforeCode = false;
    const layer = h.newLayer({
      maxConcurrentCredentials: 1,
      mfaCodeProvider: async () => {
        // The person types until the other profile has listed (or gives up after 5 s).
        listedBeforeCode = await Promise.race([
          plain.then(() => true),
          new Promise<boolean>((r) => setTimeout(r, 5000, false)),
        ]);
        return '314159';
      },
    });
    const slow = collect(layer.api({ profile: 'mfa-slow', region: 'us-east-1' }).workspaces());
    // Once the MFA prompt is open, the other profile resolves through the one place it gave up.
    await new Promise((r) => setTimeout(r, 100));
    await collect(layer.api({ profile: 'plain', region: 'us-east-1' }).workspaces());
    plainListed();
    assert.equal((await slow).items.length, 30);
    assert.equal(listedBeforeCode, true, 'the other profile listed while the MFA prompt was open');
  });

  it('a failing credential_process never shows its command line or its output (a token passed as an argument)', async () => {
    const [prod] = h.emu.accounts;
    const node = JSON.stringify(process.execPath);
    const files = h.emu.awsConfigFiles();
    // The command carries a token, and its stderr echoes it (as many tools' usage errors do).
    const command = `${node} -e "process.stderr.write('refused ' + process.argv.at(-1)); process.exit(3)" -- --token=SECRET123`;
    h.writeConfig(
      `${files.config}\n[profile broker]\ncredential_process = ${command}\nregion = us-east-1\nendpoint_url = ${h.emu.url}\n` +
        `\n[profile via-broker]\nrole_arn = arn:aws:iam::${prod.accountId}:role/ops\nsource_profile = broker\nregion = us-east-1\nendpoint_url = ${h.emu.url}\n`,
      files.credentials,
    );
    const layer = h.newLayer();
    for (const profile of ['broker', 'via-broker']) {
      const e = await rejection(collect(layer.api({ profile, region: 'us-east-1' }).workspaces()));
      assert.ok(isAwsError(e) && e.kind === 'credentials', String(e));
      assert.equal(e.reason, 'process');
      assert.equal(e.profile, profile);
      assert.match(e.message, /The credential_process of profile "broker" failed/);
      assert.match(e.hint, /credential_process of profile "broker"/);
      const texts = [
        e.message,
        e.hint,
        formatAwsError(e),
        errorMessage(e),
        String(e.stack),
        inspect(e, { depth: Infinity, showHidden: true, maxStringLength: Infinity }),
        ...logged,
      ];
      for (const t of texts) {
        assert.ok(!t.includes('SECRET123'), `${profile}: the token shows in ${JSON.stringify(t.slice(0, 200))}`);
        assert.ok(!t.includes('process.argv'), `${profile}: the command shows in ${JSON.stringify(t.slice(0, 200))}`);
      }
    }
    assert.equal(h.emu.counts().total, 0, 'no request without credentials');
  });
});

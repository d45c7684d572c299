// Shared files the AWS SDK's loader cannot use: it reads them as empty without a word (the
// profiles would then quietly lose their region, endpoint and role), so the layer says which file
// and why. Files that are merely absent or hold no settings stay silent.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsLayer } from '../../../src/aws';

describe('shared files the SDK cannot read', () => {
  let dir: string;
  const layer = (config: string | null, credentials: string | null) => {
    const env = {
      HOME: dir,
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    };
    rmSync(env.AWS_CONFIG_FILE, { recursive: true, force: true });
    rmSync(env.AWS_SHARED_CREDENTIALS_FILE, { recursive: true, force: true });
    if (config !== null) writeFileSync(env.AWS_CONFIG_FILE, config);
    if (credentials !== null) writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, credentials);
    return createAwsLayer({ userAgent: 'test', env });
  };
  const failure = async (p: Promise<unknown>): Promise<Record<string, unknown> | undefined> => {
    try {
      await p;
      return undefined;
    } catch (e) {
      return e as Record<string, unknown>;
    }
  };

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'wsf-cfg-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names a config file the SDK refuses to parse instead of ignoring it', async () => {
    const e = await failure(layer('[profile a]\nregion = us-east-1\n[__proto__]\nregion = x\n', null).listProfiles());
    assert.equal(e?.kind, 'credentials');
    assert.equal(e?.code, 'InvalidConfigFile');
    assert.match(
      String(e?.message),
      new RegExp(`${join(dir, 'config').replace(/[.\\/]/g, '\\$&')} has profiles, but the AWS SDK refuses to parse it`),
    );
  });

  it('names a credentials file that cannot be read', async () => {
    const l = layer('[profile a]\nregion = us-east-1\n', null);
    mkdirSync(join(dir, 'credentials'));
    const e = await failure(l.listProfiles());
    assert.equal(e?.code, 'InvalidConfigFile');
    assert.match(String(e?.message), /credentials has profiles, but it cannot be read \(EISDIR\)/);
  });

  it('stays silent for absent files, empty sections and comments', async () => {
    assert.deepEqual(await layer(null, null).listProfiles(), []);
    assert.deepEqual(await layer('[default]\n# nothing yet\n', '').listProfiles(), []);
    assert.deepEqual(
      (await layer('; just a comment = here\n[profile a]\nregion = eu-west-1\n', null).listProfiles()).map(
        (p) => p.name,
      ),
      ['a'],
    );
  });
});

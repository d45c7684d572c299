// Profile names and API ids that are also the names of Object.prototype's properties: the fleet
// lists a profile named "constructor" like any other (the regions setting and the SDK's parsed
// files are looked up by own properties only), and the cache keeps a WorkSpace id "__proto__".
import * as assert from 'node:assert/strict';
import { ScopeModel } from '../../../src/fleet/scopeModel';
import { hydrateScope, snapshotOf } from '../../../src/fleet/scopeSnapshot';
import type { ScopeSnapshot } from '../../../src/fleet/cache';
import { fleetOver, harness, type Harness } from '../aws/helpers';
import { testClock } from '../../support/clock';

const NAMES = ['constructor', 'toString', 'hasOwnProperty', '__defineGetter__'];

describe('fleet model: Object.prototype names as profile names and ids', function () {
  this.timeout(30_000);
  let h: Harness;

  beforeEach(async () => {
    h = await harness({
      seed: { kind: 'fleet', workspaces: 30, accounts: 1, regions: ['us-east-1'], directories: 1, movingRate: 0 },
    });
  });

  afterEach(async () => {
    await h.close();
  });

  it('lists profiles named constructor, toString, … (config file only, no regions setting)', async () => {
    const a = h.emu.accounts[0];
    const files = h.emu.awsConfigFiles();
    const extra = NAMES.map(
      (n) =>
        `[profile ${n}]\nregion = us-east-1\nendpoint_url = ${h.emu.url}\naws_access_key_id = ${a.accessKeyId}\naws_secret_access_key = ${a.secretAccessKey}\n${a.sessionToken ? `aws_session_token = ${a.sessionToken}\n` : ''}`,
    ).join('\n');
    h.writeConfig(`${files.config}\n${extra}`, files.credentials);
    const layer = h.newLayer();
    const infos = await layer.listProfiles();
    for (const n of NAMES) {
      const info = infos.find((p) => p.name === n);
      assert.ok(info, `${n} is a profile`);
      assert.equal(info.source, 'config', `${n} is in the config file only`);
      assert.equal(info.region, 'us-east-1');
    }
    const fleet = fleetOver(layer);
    try {
      await fleet.loadProfiles();
      assert.equal(fleet.state, 'ready', fleet.error?.message);
      // The emulator's own profile lists every WorkSpace.
      const own = fleet.profiles.find((p) => p.info.name === a.profile);
      assert.ok(own);
      await own.scopes[0].refresh();
      assert.deepEqual(
        [...own.scopes[0].workspaces.items.keys()].sort(),
        h.emu.world(a.accountId, 'us-east-1').workspaceIds().sort(),
      );
      // The SDK itself cannot use these profiles (its merged profile map is a plain object): each
      // shows one error that says so, in its own scope.
      for (const n of NAMES) {
        const entry = fleet.profiles.find((p) => p.info.name === n);
        assert.ok(entry, n);
        assert.deepEqual(entry.regions, ['us-east-1'], `${n}: the profile's own region`);
        const [scope] = entry.scopes;
        await scope.refresh();
        assert.equal(scope.workspaces.state, 'error', n);
        assert.match(scope.workspaces.error?.message ?? '', /cannot use a profile named/, n);
      }
    } finally {
      fleet.dispose();
      // What the SDK's merge assigned onto Object.prototype's functions (Object.assign(merged[n], …)).
      for (const n of NAMES) {
        const target = (Object.prototype as unknown as Record<string, Record<string, unknown>>)[n];
        for (const k of ['region', 'endpoint_url', 'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token']) {
          if (target && Object.hasOwn(target, k)) delete target[k];
        }
      }
    }
  });

  it('the cache keeps the first-seen time of a WorkSpace id "__proto__" as its own entry', () => {
    const model = new ScopeModel({ profile: 'p', region: 'us-east-1' }, () => Promise.reject(new Error('no calls')), {
      clock: testClock(),
    });
    for (const id of ['__proto__', 'constructor', 'ws-1']) {
      model.workspaces.items.set(id, { WorkspaceId: id, State: 'AVAILABLE' });
      model.firstSeen.set(id, 1_000);
    }
    model.workspaces.loadedAt = 2_000;
    const snap = JSON.parse(JSON.stringify(snapshotOf(model))) as ScopeSnapshot;
    assert.deepEqual(Object.keys(snap.firstSeen ?? {}).sort(), ['__proto__', 'constructor', 'ws-1']);
    const again = new ScopeModel({ profile: 'p', region: 'us-east-1' }, () => Promise.reject(new Error('no calls')), {
      clock: testClock(),
    });
    hydrateScope(again, snap);
    assert.equal(again.firstSeen.get('__proto__'), 1_000);
    model.dispose();
    again.dispose();
  });
});

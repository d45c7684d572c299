// The AWS layer's CloudTrail reads (src/aws/cloudtrail.ts) with the real SDK against the emulator's
// LookupEvents: a change sent to the WorkSpaces API becomes an event naming the WorkSpace, at most
// `max` events in the fewest calls, and a missing permission is a typed error the panel can show.
import * as assert from 'node:assert/strict';
import { harness, rejection, type Harness } from './helpers';

const PROD = 'sandbox-prod';

describe('AWS layer: CloudTrail events naming a WorkSpace (LookupEvents)', function () {
  this.timeout(60_000);
  let h: Harness;

  before(async () => {
    h = await harness({ seed: { kind: 'fleet', workspaces: 30, movingRate: 0 } });
  });
  after(() => h.close());
  beforeEach(() => {
    h.emu.resetCounts();
    h.emu.setFaults({ cloudtrailDenied: [] });
  });

  const scope = { profile: PROD, region: 'us-east-1' };
  const availableId = (): string => {
    const w = h.emu.world(PROD, 'us-east-1');
    const id = w.workspaceIds().find((x) => w.workspaces.get(x)?.data.State === 'AVAILABLE');
    assert.ok(id, 'the seed has an AVAILABLE WorkSpace');
    return id;
  };

  it('a Reboot sent to the API is the newest event of that WorkSpace, with who sent it', async () => {
    const api = h.layer.api(scope);
    const id = availableId();
    const outcomes = await api.reboot([id]);
    assert.ok(
      outcomes.every((o) => o.ok),
      JSON.stringify(outcomes),
    );
    const events = await h.layer.cloudtrail(scope).eventsFor(id);
    assert.ok(events.length >= 1);
    assert.equal(events[0].name, 'RebootWorkspaces');
    assert.ok(events[0].user, 'the caller is named');
    assert.equal(h.emu.counts().byOp.LookupEvents, 1);
  });

  it('stops at max events: 25 changes, 20 asked, one call of MaxResults 20', async () => {
    const api = h.layer.api(scope);
    const id = availableId();
    for (let i = 0; i < 25; i++) await api.createTags([id], [{ Key: `k${i}`, Value: 'v' }]);
    h.emu.resetCounts();
    const events = await h.layer.cloudtrail(scope).eventsFor(id, 20);
    assert.equal(events.length, 20);
    const calls = h.emu.requests().filter((q) => q.op === 'LookupEvents');
    assert.equal(calls.length, 1);
    assert.equal(calls[0].params.MaxResults, 20);
  });

  it('without cloudtrail:LookupEvents: an accessDenied error, the WorkSpaces calls unaffected', async () => {
    h.emu.setFaults({ cloudtrailDenied: [PROD] });
    const e = await rejection(h.layer.cloudtrail(scope).eventsFor('ws-anything'));
    assert.equal(e.kind, 'accessDenied');
    const first = await h.layer.api(scope).workspaces().next();
    assert.ok(!first.done);
  });
});

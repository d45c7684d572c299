// The view message's data parts in plain Node: listing progress under the API quota, and
// WorkSpaces whose connection status is missing.
import * as assert from 'node:assert/strict';
import type { SchedulerStats } from '../../../src/aws';
import { listingText, quotaText, statusText } from '../../../src/fleet/progress';
import { ScopeModel } from '../../../src/fleet/scopeModel';
import { testClock } from '../../support/clock';

const stats = (rate: number, extra: Partial<SchedulerStats> = {}): SchedulerStats => ({
  name: 'account 111111111111 us-east-1',
  rate,
  goodRate: rate,
  burst: 5,
  probing: false,
  tokens: 0,
  queued: { action: 0, interactive: 0, background: 0 },
  inFlight: 0,
  calls: 0,
  throttled: 0,
  drainMs: 0,
  ...extra,
});

function model(region: string, progress?: { listed: number; expected?: number }): ScopeModel {
  const m = new ScopeModel({ profile: 'p', region }, () => Promise.reject(new Error('no calls here')), {
    clock: testClock(),
  });
  if (progress) {
    m.workspaces.state = 'loading';
    m.workspaces.progress = progress;
  }
  return m;
}

describe('fleet/progress (the view message while listing)', () => {
  it('says how far a listing is, against the count known before, and the quota the scheduler uses', () => {
    assert.equal(
      listingText([model('us-east-1', { listed: 3400, expected: 10_000 })], [stats(2)]),
      'Listing 3,400 of ~10,000 WorkSpaces · API quota 2 calls/s',
    );
    assert.equal(
      listingText([model('us-east-1', { listed: 75 })], [stats(2)]),
      'Listing 75 WorkSpaces… · API quota 2 calls/s',
    );
    assert.equal(
      listingText(
        [model('us-east-1', { listed: 300, expected: 250 }), model('eu-west-1', { listed: 10, expected: 50 })],
        [],
      ),
      'Listing 310 of ~310 WorkSpaces',
    );
    assert.equal(listingText([model('us-east-1')], [stats(2)]), undefined, 'nothing listing: no text');
  });

  it('names a raised quota once the scheduler learnt it (not while it only probes)', () => {
    assert.equal(quotaText([stats(8)]), 'raised quota 8 calls/s');
    assert.equal(quotaText([stats(4, { probing: true, goodRate: 2 })]), 'API quota 2 calls/s');
    assert.equal(quotaText([stats(1.4)]), 'API quota 1.4 calls/s');
    assert.equal(quotaText([stats(2), stats(8)]), 'API quota 2–8 calls/s');
    assert.equal(quotaText([]), '');
  });

  it('counts the WorkSpaces shown without connection status, with the first reason', () => {
    const m = model('us-east-1');
    m.workspaces.items.set('ws-1', { WorkspaceId: 'ws-1', statusError: 'This endpoint did not answer X.' });
    m.workspaces.items.set('ws-2', { WorkspaceId: 'ws-2', statusError: 'This endpoint did not answer X.' });
    m.workspaces.items.set('ws-3', { WorkspaceId: 'ws-3' });
    assert.equal(statusText([m]), 'Connection status unavailable for 2 WorkSpaces: This endpoint did not answer X.');
    assert.equal(statusText([model('eu-west-1')]), undefined);
  });
});

// The error-target loader over the real AWS layer and SDK, against the emulator: re-describes an
// ERROR image and a pool, sees the emulator's fix, and reports a target that is gone.
import * as assert from 'node:assert/strict';
import { createErrorTargetLoader, TargetGoneError } from '../../../../src/webview/errorDetails/loader';
import { buildErrorView } from '../../../../src/webview/errorDetails/model';
import { stubTarget } from '../../../../src/webview/errorDetails/target';
import { harness, type Harness } from '../../aws/helpers';
import { testClock, testNow } from '../../../support/clock';

describe('error target loader (AWS layer + emulator)', function () {
  this.timeout(20_000);
  let h: Harness;
  before(async () => {
    h = await harness({ seed: 'demo' });
  });
  after(async () => h.close());

  const loader = () => createErrorTargetLoader(testClock(), (scope) => h.layer.api(scope));
  const prod = () => h.emu.accounts.find((a) => a.profile === 'sandbox-prod') ?? h.emu.accounts[0];

  it('re-describes an ERROR image with its ErrorDetails, then sees it fixed', async () => {
    const scope = { profile: prod().profile, region: 'us-east-1' };
    const first = await loader().reload(stubTarget('image', scope, 'wsi-byolw10err'));
    assert.equal(first.kind, 'image');
    if (first.kind !== 'image') return;
    assert.equal(first.image.State, 'ERROR');
    const view = buildErrorView(first, new Date(testNow()));
    assert.deepEqual(
      view.cards.map((c) => c.code),
      [
        'OutdatedPowershellVersion',
        'OfficeInstalled',
        'PCoIPAgentInstalled',
        'WindowsUpdatesEnabled',
        'AutoMountDisabled',
      ],
    );
    assert.ok(view.cards.every((c) => c.known));

    const image = h.emu.world(prod().accountId, 'us-east-1').images.get('wsi-byolw10err');
    assert.ok(image);
    image.State = 'AVAILABLE';
    delete image.ErrorCode;
    delete image.ErrorMessage;
    delete image.ErrorDetails;

    const second = await loader().reload(first);
    assert.equal(second.kind === 'image' && second.image.State, 'AVAILABLE');
    const fixed = buildErrorView(second, new Date(testNow()));
    assert.equal(fixed.stateTone, 'ok');
    assert.equal(fixed.cards.length, 0);
  });

  it('re-describes a pool with its errors', async () => {
    const scope = { profile: prod().profile, region: 'eu-west-1' };
    const pool = await loader().reload(stubTarget('pool', scope, 'wspool-trn02fghi'));
    assert.equal(pool.kind, 'pool');
    const view = buildErrorView(pool, new Date(testNow()));
    assert.deepEqual(
      view.cards.map((c) => c.code),
      ['IAM_SERVICE_ROLE_IS_MISSING', 'SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES'],
    );
    assert.equal(view.state, 'STOPPED');
  });

  it('fails clearly when the target is gone', async () => {
    const scope = { profile: prod().profile, region: 'us-east-1' };
    await assert.rejects(loader().reload(stubTarget('image', scope, 'wsi-doesnotexist')), (err: unknown) => {
      assert.ok(err instanceof TargetGoneError);
      assert.match(err.message, /wsi-doesnotexist no longer exists in us-east-1/);
      return true;
    });
    await assert.rejects(loader().reload(stubTarget('pool', scope, 'wspool-nope00000')), TargetGoneError);
  });
});

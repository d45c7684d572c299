// Requests to a webview page matched with their replies by id: each reply answers its own request,
// a late or unknown one answers nothing, an unanswered one ends after its timeout or on close.
import * as assert from 'node:assert/strict';
import { Requests } from '../../../../src/webview/host/requests';

describe('webview host requests', () => {
  it('matches each reply to its own request, in any order', async () => {
    const r = new Requests<string>();
    const a = r.start(10_000);
    const b = r.start(10_000);
    assert.notEqual(a.id, b.id);
    assert.equal(r.pending, 2);
    assert.equal(r.answer(b.id, 'for b'), true);
    assert.equal(r.answer(a.id, 'for a'), true);
    assert.equal(await a.reply, 'for a');
    assert.equal(await b.reply, 'for b');
    assert.equal(r.pending, 0);
  });

  it('a reply to an unknown or already answered request answers nothing', async () => {
    const r = new Requests<string>();
    const a = r.start(10_000);
    assert.equal(r.answer(a.id + 1, 'stray'), false);
    assert.equal(r.answer(a.id, 'first'), true);
    assert.equal(r.answer(a.id, 'again'), false);
    assert.equal(await a.reply, 'first');
  });

  it('ends without a reply after its timeout; a late reply then answers nothing', async () => {
    const r = new Requests<string>();
    const a = r.start(20);
    assert.equal(await a.reply, undefined);
    assert.equal(r.pending, 0);
    assert.equal(r.answer(a.id, 'late'), false);
  });

  it('cancelAll ends every open request without a reply', async () => {
    const r = new Requests<string>();
    const a = r.start(10_000);
    const b = r.start(10_000);
    r.cancelAll();
    assert.deepEqual(await Promise.all([a.reply, b.reply]), [undefined, undefined]);
    assert.equal(r.pending, 0);
    const c = r.start(10_000);
    assert.ok(c.id > b.id, 'ids are never reused');
    r.cancelAll();
  });
});

// The message parser every panel's protocol is built from: one validator per message type, the
// type looked up as an own key only, and the small validators both sides share.
import * as assert from 'node:assert/strict';
import { bare, isCount, isRequestId, messageParser } from '../../../../src/webview/host/protocol';

type Msg =
  | { readonly type: 'ready' }
  | { readonly type: 'open'; readonly url: string }
  | { readonly type: 'answer'; readonly requestId: number; readonly text: string };

const parse = messageParser<Msg>({
  ready: bare('ready'),
  open: ({ url }) => (typeof url === 'string' ? { type: 'open', url } : undefined),
  answer: ({ requestId, text }) =>
    isRequestId(requestId) && typeof text === 'string' ? { type: 'answer', requestId, text } : undefined,
});

describe('webview host protocol', () => {
  it('gives each message its validated fields only', () => {
    assert.deepEqual(parse({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parse({ type: 'open', url: 'https://docs.aws.amazon.com/', x: 2 }), {
      type: 'open',
      url: 'https://docs.aws.amazon.com/',
    });
    assert.deepEqual(parse({ type: 'answer', requestId: 3, text: 'ok' }), { type: 'answer', requestId: 3, text: 'ok' });
  });

  it('refuses what is not an object, has no known type, or fails its validator', () => {
    for (const bad of [
      undefined,
      null,
      'ready',
      42,
      [],
      {},
      { type: 7 },
      { type: 'eval' },
      { type: 'open' },
      { type: 'open', url: 1 },
      { type: 'answer', requestId: 0, text: '' },
      { type: 'answer', requestId: 1.5, text: '' },
      { type: 'answer', requestId: '1', text: '' },
    ]) {
      assert.equal(parse(bad), undefined, JSON.stringify(bad));
    }
  });

  it("looks a type up as the table's own key, never through Object.prototype", () => {
    for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      assert.equal(parse({ type }), undefined, type);
      assert.equal(parse(JSON.parse(`{"type":"${type}"}`)), undefined, `${type} from JSON`);
    }
  });

  it('counts and request ids are whole numbers (ids from 1)', () => {
    assert.ok(isCount(0) && isCount(12));
    assert.ok(!isCount(-1) && !isCount(1.5) && !isCount(Number.NaN) && !isCount('1'));
    assert.ok(isRequestId(1) && !isRequestId(0));
  });
});

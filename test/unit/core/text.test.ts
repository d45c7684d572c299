import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatUtc, hasLoneSurrogate, inertIcons, inertLinks, inertPickItem, oneLine } from '../../../src/core/text';
import { renderLabelWithIcons } from '../../support/iconLabels';

// VS Code's notification link syntax (parseLinkedText): what must never match an API string.
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

describe('core/text inertLinks', () => {
  it('breaks every notification link while keeping the text readable', () => {
    for (const payload of [
      '[run](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
      'x [a](https://evil.example) y [b](file:///etc/passwd) z',
      '[[nested](command:a)](command:b)',
    ]) {
      const out = inertLinks(payload);
      assert.equal(out.match(NOTIFICATION_LINK), null, out);
      assert.equal(out.replace(/\u200b/g, ''), payload);
    }
  });

  it('leaves text without links alone', () => {
    assert.equal(
      inertLinks('Stopped 23 of 25 WorkSpaces; 2 failed: ws-1 InvalidResourceState'),
      'Stopped 23 of 25 WorkSpaces; 2 failed: ws-1 InvalidResourceState',
    );
  });
});

describe('core/text formatUtc', () => {
  it('writes every date one way: UTC, to the second or the minute; nothing for an invalid one', () => {
    assert.equal(formatUtc(new Date('2025-06-01T10:00:00.123Z')), '2025-06-01 10:00:00 UTC');
    assert.equal(formatUtc(new Date('2024-12-31T23:59:59Z'), 'minutes'), '2024-12-31 23:59 UTC');
    assert.equal(formatUtc('2024-01-02T03:04:00Z', 'minutes'), '2024-01-02 03:04 UTC');
    assert.equal(formatUtc(0, 'minutes'), '1970-01-01 00:00 UTC');
    assert.equal(formatUtc(undefined, 'minutes'), '');
    assert.equal(formatUtc('nonsense', 'minutes'), '');
  });

  it('folds line breaks into one line', () => {
    assert.equal(oneLine('a \r\n  b\nc'), 'a b c');
  });
});

describe('core/text hasLoneSurrogate', () => {
  it('finds a high or low surrogate without its pair, and only that', () => {
    for (const bad of ['\ud800', 'a\ud800b', '\udc00', 'a\udfffb', '\ud83d\ud83d\ude00\ude00', 'x\ud83d']) {
      assert.equal(hasLoneSurrogate(bad), true, JSON.stringify(bad));
      assert.throws(() => encodeURIComponent(bad), URIError);
    }
    for (const good of ['', 'alice', '\ud83d\ude00', 'a\ud83d\ude00b\ud83d\ude01', '\u00e9\u4e2d']) {
      assert.equal(hasLoneSurrogate(good), false, JSON.stringify(good));
    }
  });
});

describe('core/text inertIcons', () => {
  it('makes VS Code draw icon syntax in an API string as the text itself', () => {
    for (const text of [
      '$(alert) Urgent',
      'a$(zap)b$(sync~spin)',
      '\\$(alert)',
      '\\\\$(x)',
      '$($(alert))',
      '$(not an icon)',
    ]) {
      const drawn = renderLabelWithIcons(inertIcons(text));
      assert.deepEqual(drawn.icons, [], JSON.stringify(text));
      assert.equal(drawn.text, text, JSON.stringify(text));
    }
    assert.deepEqual(renderLabelWithIcons('$(alert) Urgent').icons, ['alert'], 'the model draws the raw syntax');
  });

  it('draws no icon and the same text for any string (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom('$(', ')', '\\', '$', '(', '~spin', 'alert', ' '),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const drawn = renderLabelWithIcons(inertIcons(text));
        assert.deepEqual(drawn.icons, [], JSON.stringify(text));
        assert.equal(drawn.text, text, JSON.stringify(text));
      }),
      { numRuns: 500 },
    );
  });

  it('treats the label, description and detail of a pick item, and keeps its other fields', () => {
    const item = inertPickItem({ label: '$(alert) a', description: '$(zap)', detail: '$(x)', id: '$(y)' });
    assert.deepEqual(item, { label: '\\$(alert) a', description: '\\$(zap)', detail: '\\$(x)', id: '$(y)' });
    assert.deepEqual(inertPickItem({ label: 'plain' }), { label: 'plain' });
  });
});

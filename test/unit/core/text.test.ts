import * as assert from 'node:assert/strict';
import { inertLinks } from '../../../src/core/text';

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

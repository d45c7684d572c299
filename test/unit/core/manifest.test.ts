import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION_TABLE } from '../../../src/core/actionTable';
import {
  actionCommandEntries,
  actionMenuEntries,
  generateManifest,
  manifestDiff,
  manifestText,
  type Manifest,
} from '../../../src/core/manifest';
import { menuWhen, WORKSPACE_ACTIONS } from '../../../src/core/rules';

const ROOT = join(__dirname, '..', '..', '..', '..');
const text = (): string => readFileSync(join(ROOT, 'package.json'), 'utf8');
const pkg = (): Manifest => JSON.parse(text()) as Manifest;
const ITEM = 'view/item/context';
const STOP = 'workspacesFleet.stopWorkspaces';

describe('core manifest: package.json from the action table', () => {
  it('package.json is what the table generates (npm run manifest writes it; the static stage checks it)', () => {
    assert.deepEqual(manifestDiff(text()), []);
    assert.equal(manifestText(generateManifest(pkg())), text());
  });

  it('generates a command and a context-menu entry per command of the table, a row button where it has one', () => {
    const commands = WORKSPACE_ACTIONS.filter((a) => ACTION_TABLE[a].command);
    assert.equal(actionCommandEntries().length, commands.length);
    assert.ok(!commands.includes('modifyAutoStopTimeout'), 'an action without a command has no entries');
    const menus = actionMenuEntries();
    for (const a of commands) {
      const c = ACTION_TABLE[a].command;
      assert.ok(c);
      const mine = menus.filter((e) => e.command === c.id);
      assert.deepEqual(
        mine.map((e) => [e.group, e.when]),
        [
          ...(c.inline === undefined ? [] : [[`inline@${c.inline}`, menuWhen(a, 'inline')]]),
          [`${c.menu[0]}@${c.menu[1]}`, menuWhen(a, 'context')],
        ],
        a,
      );
    }
  });

  it('fails on a changed, missing or extra entry, and writes each back in its place', () => {
    const p = pkg();
    const menus = p.contributes.menus[ITEM];
    const at = menus.findIndex((e) => e.command === STOP && !e.group?.startsWith('inline'));
    const changed = { ...menus[at], when: 'view == workspacesFleet.explorer' };
    menus[at] = changed;
    const title = p.contributes.commands.findIndex((c) => c.command === STOP);
    p.contributes.commands[title] = { ...p.contributes.commands[title], title: 'Halt' };
    const drift = manifestText(p);
    const diff = manifestDiff(drift);
    assert.ok(
      diff.some((l) => l.includes('not what the table generates') && l.includes('"title":"Halt"')),
      diff.join('\n'),
    );
    assert.ok(
      diff.some((l) => l.startsWith('menus') && l.includes(JSON.stringify(changed))),
      diff.join('\n'),
    );
    const fixed = generateManifest(JSON.parse(drift) as Manifest);
    assert.equal(manifestText(fixed), text(), 'the entries written back in their places');

    // An entry gone (a new row of the table): written after the last of the table's entries.
    const q = pkg();
    const migrate = ACTION_TABLE.migrate.command;
    assert.ok(migrate);
    q.contributes.menus[ITEM] = q.contributes.menus[ITEM].filter((e) => e.command !== migrate.id);
    assert.ok(manifestDiff(manifestText(q)).some((l) => l.includes('missing') && l.includes(migrate.id)));
    const added = generateManifest(q).contributes.menus[ITEM];
    const ids = new Set(actionCommandEntries().map((c) => c.command));
    const last = added.map((e) => ids.has(e.command)).lastIndexOf(true);
    assert.equal(added[last].command, migrate.id);

    // An entry of a table command the table does not generate (a hand-copied extra): dropped.
    const r = pkg();
    r.contributes.menus[ITEM].push({ command: STOP, when: 'view == workspacesFleet.explorer', group: 'inline@2' });
    assert.ok(manifestDiff(manifestText(r)).some((l) => l.includes('not what the table generates')));
    assert.equal(manifestText(generateManifest(r)), text());
  });

  it('keeps every other entry as written, and the order of the file; a layout change alone is told as such', () => {
    const p = pkg();
    const ids = new Set(actionCommandEntries().map((c) => c.command));
    const others = (m: Manifest) => m.contributes.menus[ITEM].filter((e) => !ids.has(e.command));
    assert.deepEqual(others(generateManifest(p)), others(p));
    assert.deepEqual(generateManifest(p).contributes.menus.commandPalette, p.contributes.menus.commandPalette);
    // Where an entry stands is the file's choice (VS Code orders a menu by group, order and title).
    p.contributes.menus[ITEM].reverse();
    assert.deepEqual(manifestDiff(manifestText(p)), []);
    assert.deepEqual(manifestDiff(JSON.stringify(pkg(), null, 4)), ['the entries are right; the layout is not']);
  });
});

import assert from 'node:assert/strict';
import { ACTION_TABLE, actionCommand, type WorkspaceAction } from '../../../src/core/actionTable';
import { WORKSPACE_ACTIONS } from '../../../src/core/rules';

const rows = (): Array<[WorkspaceAction, (typeof ACTION_TABLE)[WorkspaceAction]]> =>
  WORKSPACE_ACTIONS.map((a) => [a, ACTION_TABLE[a]]);

describe('core action table', () => {
  it('a destructive action asks for the typed id and comes last in the menu', () => {
    for (const [a, row] of rows()) {
      if (!row.command) continue;
      assert.equal(row.command.confirm === 'typed', row.destructive, a);
      assert.equal(row.command.menu[0] === 'z_destructive', row.destructive, a);
    }
  });

  it('command ids are the extension’s and unique; a menu place is not taken twice on one row', () => {
    const ids = rows().flatMap(([, r]) => (r.command ? [r.command.id] : []));
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^workspacesFleet\.[a-zA-Z]+$/);
    const places = rows().flatMap(([a, r]) => (r.command ? [{ a, place: r.command.menu.join('@'), row: r }] : []));
    for (const x of places) {
      for (const y of places) {
        // Two entries may share a place only where no WorkSpace state shows both.
        if (x.a < y.a && x.place === y.place) {
          assert.deepEqual(
            x.row.states.filter((s) => y.row.states.includes(s)),
            [],
            `${x.a} and ${y.a} at ${x.place}`,
          );
        }
      }
    }
  });

  it('lost answers: the state shown at once proves the action, and no state it starts from does', () => {
    for (const [a, row] of rows()) {
      if (row.stateAfter) assert.ok(row.applied?.includes(row.stateAfter), a);
      for (const s of row.applied ?? []) assert.ok(!row.states.includes(s), `${a}: ${s}`);
      if (row.returnsToStart) assert.ok(row.applied, a);
    }
  });

  it('texts: progress and summary come together; a row that moves the state has both', () => {
    for (const [a, row] of rows()) {
      const c = row.command;
      if (!c) continue;
      assert.equal(c.progress === undefined, c.done === undefined, a);
      if (row.stateAfter) assert.ok(c.progress && c.done, a);
      if (c.confirmSetting) assert.equal(c.confirm, 'modal', a);
    }
    assert.equal(actionCommand('stop').name, 'Stop WorkSpaces');
    assert.throws(() => actionCommand('modifyAutoStopTimeout'), /no command/);
  });
});

// API strings that are also the names of Object.prototype's properties ("constructor", "toString",
// "__proto__", …) used as keys: every table lookup keyed by one treats it as unknown, and every
// object built from them keeps it as an own property.
import * as assert from 'node:assert/strict';
import { inventoryTable, toJson, type InventorySource } from '../../../src/core/inventory';
import { computeLabel, modificationLabel } from '../../../src/core/modify';
import type { WorkspaceView } from '../../../src/core/present';
import { whyNot } from '../../../src/core/rules';
import { advise, DEFAULT_COST_SETTINGS } from '../../../src/core/usage';
import { explainWorkspaceError, hasWorkspaceError } from '../../../src/core/workspaceErrors';
import { buildReport } from '../../../src/webview/report/model';

const PROTO_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', '__defineGetter__'];
const NOW = Date.UTC(2026, 10, 20, 12);

describe('core: Object.prototype names as API strings', () => {
  it('a compute type or a modified resource named like one is shown as its name', () => {
    for (const name of PROTO_NAMES) {
      assert.equal(computeLabel(name), name);
      const label = modificationLabel({ ModificationStates: [{ Resource: name, State: 'UPDATE_FAILED' }] });
      assert.equal(label, `${name.toLowerCase()} change failed`);
    }
  });

  it('a running mode named like one is named in why an action cannot run', () => {
    for (const name of PROTO_NAMES) {
      const why = whyNot('start', { State: 'STOPPED', WorkspaceProperties: { RunningMode: name } });
      assert.match(why ?? '', new RegExp(`^runs ${name.replace(/\$/g, '\\$')} \\(`), why);
    }
  });

  it('a WorkSpace State named like one has no error to explain, and explains as a generic one', () => {
    for (const name of PROTO_NAMES) {
      assert.equal(hasWorkspaceError({ State: name }), false, name);
      const e = explainWorkspaceError(undefined, name);
      assert.equal(e.known, false, name);
      assert.equal(typeof e.title, 'string', name);
      assert.equal(typeof e.meaning, 'string', name);
      assert.ok(Array.isArray(e.fix), name);
    }
    assert.equal(hasWorkspaceError({ State: 'ERROR' }), true, 'a real problem state still is one');
  });

  it('a compute type named like one has no threshold: no advice, and a report the page can be sent', () => {
    const ws = (type: string): WorkspaceView => ({
      WorkspaceId: `ws-${type.replace(/_/g, '')}`,
      State: 'AVAILABLE',
      WorkspaceProperties: { RunningMode: 'AUTO_STOP', ComputeTypeName: type as never },
      connection: { ConnectionState: 'DISCONNECTED', LastKnownUserConnectionTimestamp: new Date(NOW - 86_400_000) },
      tags: [],
    });
    const list = PROTO_NAMES.map(ws);
    const month = { month: '2026-11', hours: 744, dataHours: 744, connectedHours: 300 };
    const usage = {
      mode: 'AUTO_STOP' as const,
      thisMonth: { ...month, sessions: 1, sessionHours: 300, timeoutHours: 1, billableHours: 300 },
    };
    for (const w of list) {
      assert.equal(advise(w, usage, DEFAULT_COST_SETTINGS, NOW).kind, 'none', w.WorkspaceProperties?.ComputeTypeName);
    }
    const view = buildReport(
      't',
      [
        {
          profile: 'p',
          region: 'us-east-1',
          workspaces: list,
          usage: 'loaded',
          records: new Map(list.map((w) => [w.WorkspaceId ?? '', usage])),
          advice: (w) => advise(w, usage, DEFAULT_COST_SETTINGS, NOW),
        },
      ],
      DEFAULT_COST_SETTINGS,
      NOW,
    );
    for (const c of view.compute) assert.equal(c.threshold, undefined, c.type);
    // What postMessage does to the view: a function in it (Object.prototype.constructor) would throw.
    assert.doesNotThrow(() => structuredClone(view));
  });

  it('the JSON export keeps a tag key named like one as a key of Tags', () => {
    const src: InventorySource = {
      profile: 'p',
      region: 'us-east-1',
      rows: [
        {
          WorkspaceId: 'ws-1',
          tags: PROTO_NAMES.map((k) => ({ Key: k, Value: `v-${k}` })),
        },
      ],
      directoryName: () => undefined,
      bundleName: () => undefined,
    };
    const [row] = JSON.parse(toJson(inventoryTable([src], new Date(NOW)))) as Array<{ Tags: Record<string, string> }>;
    assert.deepEqual(
      Object.entries(row.Tags).sort(([a], [b]) => a.localeCompare(b)),
      PROTO_NAMES.map((k) => [k, `v-${k}`]).sort(([a], [b]) => a.localeCompare(b)),
    );
  });
});

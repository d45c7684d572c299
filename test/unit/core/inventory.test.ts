// core/inventory.ts: the export's columns, CSV (RFC 4180, checked by parsing it back with
// papaparse) with formula-looking cells neutralised, and JSON.
import * as assert from 'node:assert/strict';
import Papa from 'papaparse';
import fc from 'fast-check';
import { INVENTORY_COLUMNS, inventoryTable, toCsv, toJson, type InventorySource } from '../../../src/core/inventory';
import type { WorkspaceView } from '../../../src/core/present';

const NOW = new Date(Date.UTC(2025, 5, 30, 12));

function source(rows: WorkspaceView[]): InventorySource {
  return {
    profile: 'sandbox-prod',
    account: '111111111111',
    region: 'us-east-1',
    rows,
    directoryName: (id) => (id === 'd-9067a1b2c3' ? 'example-corp' : undefined),
    bundleName: (id) => (id === 'wsb-fin0win11' ? 'Finance Windows 11' : undefined),
    readAt: Date.UTC(2025, 5, 30, 11, 59),
  };
}

const alice: WorkspaceView = {
  WorkspaceId: 'ws-a1c3e5g7i',
  DirectoryId: 'd-9067a1b2c3',
  UserName: 'alice.nguyen',
  ComputerName: 'WSAMZN-1',
  IpAddress: '10.0.1.5',
  State: 'AVAILABLE',
  BundleId: 'wsb-fin0win11',
  UserVolumeEncryptionEnabled: true,
  RootVolumeEncryptionEnabled: true,
  VolumeEncryptionKey: 'alias/aws/workspaces',
  WorkspaceProperties: {
    RunningMode: 'AUTO_STOP',
    RunningModeAutoStopTimeoutInMinutes: 120,
    ComputeTypeName: 'PERFORMANCE',
    RootVolumeSizeGib: 175,
    UserVolumeSizeGib: 100,
  },
  connection: {
    ConnectionState: 'DISCONNECTED',
    LastKnownUserConnectionTimestamp: new Date(Date.UTC(2025, 5, 20, 12)),
  },
  tags: [
    { Key: 'Team', Value: 'Finance' },
    { Key: 'CostCenter', Value: 'CC-1042' },
  ],
};

// Said independently of the product's pattern: a cell is a formula when, once NFKC-normalised
// and stripped of leading whitespace, zero-width characters and quotes, it starts with = + - @,
// or when it starts with a tab or a carriage return; an apostrophe first makes anything text.
function formula(cell: string): boolean {
  if (cell.startsWith("'")) return false;
  if (/^[\t\r]/.test(cell)) return true;
  const rest = cell.normalize('NFKC').replace(/^[\s\u200b-\u200d"'`\u2018-\u201f]+/, '');
  return /^[=+\-@]/.test(rest);
}

const parse = (csv: string): string[][] => Papa.parse<string[]>(csv, { header: false }).data;

describe('admin: inventory export', () => {
  it('has every column the issue names, then one column per tag key', () => {
    const t = inventoryTable(
      [source([alice, { WorkspaceId: 'ws-b2d4f6h8j', tags: [{ Key: 'Owner', Value: 'x' }] }])],
      NOW,
    );
    assert.deepEqual(t.columns.slice(0, INVENTORY_COLUMNS.length), [...INVENTORY_COLUMNS]);
    assert.deepEqual(t.columns.slice(INVENTORY_COLUMNS.length), ['tag:CostCenter', 'tag:Owner', 'tag:Team']);
    const row = Object.fromEntries(t.columns.map((c, i) => [c, t.rows[0][i]]));
    assert.deepEqual(row, {
      Profile: 'sandbox-prod',
      Account: '111111111111',
      Region: 'us-east-1',
      Directory: 'example-corp',
      'Directory ID': 'd-9067a1b2c3',
      'WorkSpace ID': 'ws-a1c3e5g7i',
      User: 'alice.nguyen',
      'Computer name': 'WSAMZN-1',
      'IP address': '10.0.1.5',
      State: 'AVAILABLE',
      'Running mode': 'AUTO_STOP',
      'AutoStop hours': 2,
      Bundle: 'Finance Windows 11',
      'Bundle ID': 'wsb-fin0win11',
      'Compute type': 'PERFORMANCE',
      'Root volume GiB': 175,
      'User volume GiB': 100,
      'Volume encryption': 'root+user (alias/aws/workspaces)',
      'Connection state': 'DISCONNECTED',
      'Last connection (UTC)': '2025-06-20T12:00:00.000Z',
      'Days since last connection': 10,
      'Read from AWS (UTC)': '2025-06-30T11:59:00.000Z',
      'tag:CostCenter': 'CC-1042',
      'tag:Owner': null,
      'tag:Team': 'Finance',
    });
  });

  it('says never for a WorkSpace nobody used, and leaves unknown values empty', () => {
    const never: WorkspaceView = { WorkspaceId: 'ws-n', connection: { ConnectionState: 'UNKNOWN' } };
    const t = inventoryTable([source([never, { WorkspaceId: 'ws-u' }])], NOW);
    const col = (name: string, r: number) => t.rows[r][t.columns.indexOf(name)];
    assert.equal(col('Last connection (UTC)', 0), 'never');
    assert.equal(col('Days since last connection', 0), null);
    assert.equal(col('Connection state', 1), null);
    assert.equal(t.withoutTags, 2);
  });

  it('writes RFC 4180 CSV: CRLF, quotes doubled, commas and line breaks quoted', () => {
    const odd: WorkspaceView = { WorkspaceId: 'ws-odd', UserName: 'a, "b"\nc', tags: [{ Key: 'k,1', Value: 'v"2' }] };
    const csv = toCsv(inventoryTable([source([odd])], NOW));
    assert.ok(csv.includes('\r\n'));
    assert.ok(csv.includes('"a, ""b""\nc"'));
    const [head, row] = parse(csv);
    assert.equal(head[head.length - 1], 'tag:k,1');
    assert.equal(row[head.indexOf('User')], 'a, "b"\nc');
    assert.equal(row[head.length - 1], 'v"2');
  });

  it('neutralises every cell a spreadsheet would run as a formula (= + - @ tab CR)', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) {
      const hostile = `${lead}HYPERLINK("http://x","y")`;
      const csv = toCsv(
        inventoryTable(
          [source([{ WorkspaceId: 'ws-h', UserName: hostile, tags: [{ Key: hostile, Value: hostile }] }])],
          NOW,
        ),
      );
      const [head, row] = parse(csv);
      assert.equal(row[head.indexOf('User')], `'${hostile}`, JSON.stringify(lead));
      assert.equal(row[head.length - 1], `'${hostile}`, 'a tag value');
      assert.equal(head[head.length - 1], `tag:${hostile}`, 'a tag column header starts with "tag:"');
    }
  });

  it('no text cell of any API string starts a formula once written (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ maxLength: 30 }), (user, tag) => {
        const csv = toCsv(
          inventoryTable([source([{ WorkspaceId: 'ws-p', UserName: user, tags: [{ Key: 'T', Value: tag }] }])], NOW),
        );
        const [head, row] = parse(csv);
        for (const cell of [row[head.indexOf('User')], row[head.length - 1]]) {
          assert.ok(!formula(cell), JSON.stringify(cell));
        }
        // The string itself, behind an apostrophe when it starts a formula (a string that already
        // starts with an apostrophe, like "'@", is written as it is).
        for (const [value, cell] of [
          [user, row[head.indexOf('User')]],
          [tag, row[head.length - 1]],
        ]) {
          assert.ok(cell === value || cell === `'${value}`, JSON.stringify([value, cell]));
          if (formula(value)) assert.equal(cell, `'${value}`, JSON.stringify(value));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('neutralises a formula followed by a line break, or behind spaces, quotes or a full-width lead', () => {
    for (const hostile of [
      '=HYPERLINK("http://x","y")\n',
      '=HYPERLINK("http://x","y")\r\nsecond line',
      '=1+1\u2028',
      ' =1+1',
      '\u00a0=1+1',
      '\n\n@SUM(A1)',
      '"=1+1"',
      '\uff1dHYPERLINK("http://x","y")',
      '\u3000\uff0b1',
    ]) {
      const [head, row] = parse(toCsv(inventoryTable([source([{ WorkspaceId: 'ws-h', UserName: hostile }])], NOW)));
      assert.equal(row[head.indexOf('User')], `'${hostile}`, JSON.stringify(hostile));
    }
  });

  it('neutralises a formula after line breaks, whitespace and quotes, or before a line break (property)', () => {
    // What a spreadsheet may skip before it looks for a formula: Unicode whitespace (U+00A0,
    // U+2028/U+2029, U+3000 among it), zero-width characters, line breaks and quotes.
    const skipped = fc.constantFrom(
      ...[' ', '\t', '\n', '\r', '\r\n', '\v', '\f', '\u00a0', '\u2028', '\u2029', '\u3000', '\u2003', '\ufeff'],
      ...['\u200b', '\u200d', '"', "'", '`', '\u201c', '\u201d', '\u2018', '\u2019', '\uff02'],
    );
    const lead = fc.constantFrom(
      ...['=', '+', '-', '@', '\t', '\r'],
      ...['\uff1d', '\uff0b', '\uff0d', '\uff20', '\ufe66'],
    );
    const tail = fc.constantFrom('HYPERLINK("http://x","y")', "cmd|' /C calc'!A0", '1+1', '');
    const after = fc.constantFrom('', '\n', '\r', '\r\n', '\u2028', '\u2029', '\nnext line');
    const hostile = fc
      .tuple(fc.array(skipped, { maxLength: 4 }), lead, tail, after)
      .map(([pre, l, t, a]) => `${pre.join('')}${l}${t}${a}`);
    fc.assert(
      fc.property(hostile, fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 20 })), (user, tag) => {
        const csv = toCsv(
          inventoryTable([source([{ WorkspaceId: 'ws-p', UserName: user, tags: [{ Key: 'T', Value: tag }] }])], NOW),
        );
        const [head, row] = parse(csv);
        const cells: Array<[string, string]> = [
          [user, row[head.indexOf('User')]],
          [tag, row[head.length - 1]],
        ];
        for (const [value, cell] of cells) {
          assert.ok(cell.startsWith("'") || !formula(cell), JSON.stringify(cell));
          // The text itself, at most behind an apostrophe.
          assert.ok(cell === value || cell === `'${value}`, JSON.stringify([value, cell]));
          if (formula(value)) assert.equal(cell, `'${value}`, JSON.stringify(value));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('leaves ordinary text as it is', () => {
    for (const text of ['alice.nguyen', 'Finance Windows 11', 'a = b', '10.0.1.5', "'@ already text", ' padded ']) {
      const [head, row] = parse(toCsv(inventoryTable([source([{ WorkspaceId: 'ws-t', UserName: text }])], NOW)));
      assert.equal(row[head.indexOf('User')], text);
    }
  });

  it('keeps the numbers it computes as numbers', () => {
    const csv = toCsv(inventoryTable([source([alice])], NOW));
    const [head, row] = parse(csv);
    assert.equal(row[head.indexOf('Root volume GiB')], '175');
    assert.equal(row[head.indexOf('Days since last connection')], '10');
  });

  it('writes JSON with tags as an object, null when they were not loaded', () => {
    const json = JSON.parse(toJson(inventoryTable([source([alice, { WorkspaceId: 'ws-nt' }])], NOW))) as Array<
      Record<string, unknown>
    >;
    assert.equal(json.length, 2);
    assert.deepEqual(json[0].Tags, { CostCenter: 'CC-1042', Team: 'Finance' });
    assert.equal(json[0]['Bundle'], 'Finance Windows 11');
    assert.equal(json[1].Tags, null);
  });
});

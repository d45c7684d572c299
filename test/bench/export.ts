// The inventory export (issue 16): 10,000 WorkSpaces from the loaded model (the emulator's fleet
// seed: realistic fields, connection status, two tags each, four directories) turned into the
// export's table and written as CSV and as JSON, in this process, no AWS call. Target: ≤ 2 s for
// 10,000 rows. A scenario of `npm run bench` (run.ts runs it in its own process on the measured
// Node and reads --json); standalone it prints one line per figure (median of the runs).
//   node out/test/bench/export.js [--rows N] [--runs N] [--json FILE]
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { inventoryTable, toCsv, toJson, type InventorySource } from '../../src/core/inventory';
import type { WorkspaceView } from '../../src/core/present';
import { startEmulator } from '../emulator';
import { figure, median, type Section } from './report';
import { numberArg } from './standalone';
import { testNow } from '../support/clock';

const TARGET_MS = 2000;

/** What export.js writes with --json: the time of every run (ms) and the sizes. */
export interface ExportFigures {
  rows: number;
  runs: number;
  node: string;
  /** The table alone, table + CSV, table + JSON, per run. */
  table: number[];
  csv: number[];
  json: number[];
  bytes: { csv: number; json: number };
}

export function exportSection(e: ExportFigures): Section {
  const target = { op: '<=' as const, value: TARGET_MS, text: '' };
  const mb = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MB`;
  return {
    id: 'export',
    title: `Export of ${e.rows.toLocaleString('en-US')} WorkSpaces from the loaded model — ${e.runs} runs, Node ${e.node}`,
    figures: [
      figure('the export table (rows × columns)', 'ms', e.table),
      figure('table + CSV', 'ms', e.csv, { target, detail: `${mb(e.bytes.csv)} of CSV` }),
      figure('table + JSON', 'ms', e.json, { target, detail: `${mb(e.bytes.json)} of JSON` }),
    ],
    notes: [
      'src/core/inventory.ts (inventoryTable, toCsv, toJson) on rows shaped as the model holds them (every field, connection status, tags, directory and bundle names); writing the file is not in it.',
    ],
  };
}

async function rowsOf(n: number): Promise<{ source: InventorySource; directories: number }> {
  const emu = await startEmulator({ seed: { kind: 'fleet', workspaces: n, directories: 4, movingRate: 0 } });
  try {
    const account = emu.accounts[0];
    const world = emu.world(account.accountId, account.regions[0]);
    const rows: WorkspaceView[] = world.workspaceIds().map((id) => {
      const rec = world.requireWorkspace(id);
      const c = rec.connection;
      return {
        ...rec.data,
        connection: {
          WorkspaceId: id,
          ConnectionState: c.state,
          ...(c.lastConnected !== undefined ? { LastKnownUserConnectionTimestamp: new Date(c.lastConnected) } : {}),
        },
        tags: world.tags.get(id) ?? [],
      };
    });
    const dirs = new Map([...world.directories.values()].map((d) => [d.DirectoryId, d.Alias ?? d.DirectoryId]));
    const bundles = new Map([...world.amazonBundles, ...world.bundles.values()].map((b) => [b.BundleId, b.Name]));
    return {
      source: {
        profile: account.profile,
        account: account.accountId,
        region: account.regions[0],
        rows,
        directoryName: (id) => (id ? dirs.get(id) : undefined),
        bundleName: (id) => (id ? bundles.get(id) : undefined),
        readAt: testNow(),
      },
      directories: dirs.size,
    };
  } finally {
    await emu.stop();
  }
}

async function main(): Promise<void> {
  const n = numberArg('rows', 10_000);
  const runs = numberArg('runs', 5);
  const { source } = await rowsOf(n);
  const table: number[] = [];
  const csv: number[] = [];
  const json: number[] = [];
  let bytes = { csv: 0, json: 0 };
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const t = inventoryTable([source], new Date(testNow()));
    const t1 = performance.now();
    const c = toCsv(t);
    const t2 = performance.now();
    const j = toJson(t);
    const t3 = performance.now();
    table.push(t1 - t0);
    csv.push(t2 - t0);
    json.push(t1 - t0 + (t3 - t2));
    bytes = { csv: Buffer.byteLength(c), json: Buffer.byteLength(j) };
  }
  const figures = [
    { name: `export table of ${n} rows`, ms: median(table) },
    { name: `export ${n} rows as CSV (table + CSV)`, ms: median(csv), target: TARGET_MS, bytes: bytes.csv },
    { name: `export ${n} rows as JSON (table + JSON)`, ms: median(json), target: TARGET_MS, bytes: bytes.json },
  ];
  for (const f of figures) {
    const verdict =
      f.target === undefined ? '' : f.ms <= f.target ? ` ✔ (≤ ${f.target} ms)` : ` ✘ (target ≤ ${f.target} ms)`;
    const size = f.bytes ? `, ${(f.bytes / 1024 / 1024).toFixed(1)} MB` : '';
    console.log(`${f.name}: ${f.ms.toFixed(0)} ms (median of ${runs})${size}${verdict}`);
  }
  const i = process.argv.indexOf('--json');
  if (i >= 0) {
    const out: ExportFigures = { rows: n, runs, node: process.version, table, csv, json, bytes };
    writeFileSync(process.argv[i + 1], `${JSON.stringify(out, null, 2)}\n`);
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}

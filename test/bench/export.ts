// A standalone measurement of the inventory export (issue 16): 10,000 WorkSpaces from the loaded
// model (the emulator's fleet seed: realistic fields, connection status, two tags each, four
// directories) turned into the export's table and written as CSV and as JSON, in this process, no
// AWS call. Target: ≤ 2 s for 10,000 rows. Prints one line per figure (median of the runs) and, with
// --json FILE, the figures with their target. The lead folds it into test/bench.
//   node out/test/bench/export.js [--rows N] [--runs N] [--json FILE]
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { inventoryTable, toCsv, toJson, type InventorySource } from '../../src/core/inventory';
import type { WorkspaceView } from '../../src/core/present';
import { startEmulator } from '../emulator';

const TARGET_MS = 2000;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
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
        readAt: Date.now(),
      },
      directories: dirs.size,
    };
  } finally {
    await emu.stop();
  }
}

async function main(): Promise<void> {
  const n = arg('rows', 10_000);
  const runs = arg('runs', 5);
  const { source } = await rowsOf(n);
  const table: number[] = [];
  const csv: number[] = [];
  const json: number[] = [];
  let bytes = { csv: 0, json: 0 };
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const t = inventoryTable([source]);
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
  if (i >= 0) writeFileSync(process.argv[i + 1], `${JSON.stringify({ rows: n, runs, figures }, null, 2)}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

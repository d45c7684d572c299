// Measurement (not a test): requests and time to list 1,000 WorkSpaces in 4 directories with their
// connection status, against the emulator with a fixed latency per request.
//   npx tsc -p . && node out/test/unit/aws/bench-list.js [latencyMs=20] [runs=5] [workspaces=1000]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsLayer, type AwsLayer } from '../../../src/aws';
import { startEmulator } from '../../emulator';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function listOnce(layer: AwsLayer, profile: string): Promise<{ ms: number; firstRowsMs: number; rows: number }> {
  const api = layer.api({ profile, region: 'us-east-1' });
  const t0 = performance.now();
  const directoryIds: string[] = [];
  for await (const page of api.directories()) for (const d of page) directoryIds.push(d.DirectoryId as string);
  let firstRowsMs = -1;
  let rows = 0;
  for await (const page of api.workspacesWithStatus({ directoryIds })) {
    if (firstRowsMs < 0) firstRowsMs = performance.now() - t0;
    rows += page.filter((w) => w.connection !== undefined).length;
  }
  return { ms: performance.now() - t0, firstRowsMs, rows };
}

async function main(): Promise<void> {
  const latencyMs = Number(process.argv[2] ?? 20);
  const runs = Number(process.argv[3] ?? 5);
  const workspaces = Number(process.argv[4] ?? 1000);
  const emu = await startEmulator({ seed: { kind: 'fleet', workspaces, directories: 4, movingRate: 0 }, latencyMs });
  const dir = mkdtempSync(join(tmpdir(), 'wsf-bench-'));
  const env = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
  const files = emu.awsConfigFiles();
  writeFileSync(env.AWS_CONFIG_FILE, files.config);
  writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, files.credentials);
  const profile = emu.accounts[0].profile;
  try {
    for (const mode of ['cold (new layer each run)', 'warm (same layer, kept-alive sockets)'] as const) {
      const times: number[] = [];
      const firsts: number[] = [];
      let counts = emu.counts();
      const shared = createAwsLayer({ userAgent: 'workspaces-fleet/bench', env });
      await listOnce(shared, profile); // warm-up (module loading, first connections)
      for (let i = 0; i < runs; i++) {
        const layer = mode.startsWith('cold') ? createAwsLayer({ userAgent: 'workspaces-fleet/bench', env }) : shared;
        emu.resetCounts();
        const r = await listOnce(layer, profile);
        counts = emu.counts();
        if (r.rows !== workspaces) throw new Error(`listed ${r.rows} rows with status, expected ${workspaces}`);
        times.push(r.ms);
        firsts.push(r.firstRowsMs);
        if (layer !== shared) layer.dispose();
      }
      shared.dispose();
      console.log(
        `${mode}: ${workspaces} WorkSpaces, 4 directories, ${latencyMs} ms latency — median ${median(times).toFixed(0)} ms ` +
          `(runs ${times.map((t) => t.toFixed(0)).join(', ')}), first rows after median ${median(firsts).toFixed(0)} ms; ` +
          `${counts.total} requests: ${JSON.stringify(counts.byOp)}`,
      );
    }
  } finally {
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}

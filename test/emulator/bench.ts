/**
 * Throughput of the emulator on loopback: `node out/test/emulator/bench.js [--url URL] [--seconds S] [--clients N]`.
 * Without --url it starts an in-process emulator (fleet:2500); with --url it drives a running one
 * (e.g. `npm run emulator -- --seed fleet:2500`) with the profile sandbox-prod credentials fetched
 * from its control endpoint. Each client pages DescribeWorkspaces (Limit 25) in a loop.
 */
import { DescribeWorkspacesCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { startEmulator } from './index';
import type { EmulatedAccount } from './types';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const seconds = Number(arg('--seconds') ?? 3);
  const clients = Number(arg('--clients') ?? 4);
  let url = arg('--url');
  let account: EmulatedAccount;
  let stop = (): Promise<void> => Promise.resolve();
  if (url) {
    const res = await fetch(`${url}/__emulator/accounts`, { method: 'POST' });
    account = ((await res.json()) as EmulatedAccount[])[0];
  } else {
    const emu = await startEmulator({ seed: 'fleet:2500' });
    url = emu.url;
    account = emu.accounts[0];
    stop = () => emu.stop();
  }
  const until = Date.now() + seconds * 1000;
  let requests = 0;
  let items = 0;
  const worker = async (): Promise<void> => {
    const client = new WorkSpacesClient({
      region: account.regions[0],
      endpoint: url,
      credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey, ...(account.sessionToken ? { sessionToken: account.sessionToken } : {}) },
    });
    let token: string | undefined;
    while (Date.now() < until) {
      const out = await client.send(new DescribeWorkspacesCommand({ Limit: 25, NextToken: token }));
      requests++;
      items += out.Workspaces?.length ?? 0;
      token = out.NextToken;
    }
    client.destroy();
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: clients }, worker));
  const elapsed = (Date.now() - t0) / 1000;
  await stop();
  process.stdout.write(`${requests} DescribeWorkspaces requests (${items} WorkSpaces) in ${elapsed.toFixed(2)} s with ${clients} clients: ${(requests / elapsed).toFixed(0)} req/s\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

/**
 * Throughput of the emulator on loopback: `node out/test/emulator/bench.js [--url URL] [--seconds S] [--clients N] [--raw]`.
 * Without --url it starts an in-process emulator (fleet:2500); with --url it drives a running one
 * (e.g. `npm run emulator -- --seed fleet:2500`) with the profile sandbox-prod credentials fetched
 * from its control endpoint. Each client pages DescribeWorkspaces (Limit 25) in a loop.
 * --raw replays one pre-signed first-page request over keep-alive node:http instead of the SDK: the
 * emulator's own ceiling, without the SDK's client-side cost.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { DescribeWorkspacesCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { SignatureV4 } from '@smithy/signature-v4';
import { Agent, request } from 'node:http';
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
    const emu = await startEmulator({ seed: 'fleet:2500', quota: false });
    url = emu.url;
    account = emu.accounts[0];
    stop = () => emu.stop();
  }
  const until = performance.now() + seconds * 1000;
  let requests = 0;
  let items = 0;
  const raw = args.includes('--raw') ? await rawSender(url, account) : undefined;
  const worker = async (): Promise<void> => {
    if (raw) {
      while (performance.now() < until) {
        await raw.send();
        requests++;
        items += 25;
      }
      return;
    }
    const client = new WorkSpacesClient({
      region: account.regions[0],
      endpoint: url,
      credentials: {
        accessKeyId: account.accessKeyId,
        secretAccessKey: account.secretAccessKey,
        ...(account.sessionToken ? { sessionToken: account.sessionToken } : {}),
      },
    });
    let token: string | undefined;
    while (performance.now() < until) {
      const out = await client.send(new DescribeWorkspacesCommand({ Limit: 25, NextToken: token }));
      requests++;
      items += out.Workspaces?.length ?? 0;
      token = out.NextToken;
    }
    client.destroy();
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  raw?.close();
  await stop();
  process.stdout.write(
    `${requests} DescribeWorkspaces requests (${items} WorkSpaces) in ${elapsed.toFixed(2)} s with ${clients} ${raw ? 'raw' : 'SDK'} clients: ${(requests / elapsed).toFixed(0)} req/s\n`,
  );
}

async function rawSender(url: string, account: EmulatedAccount): Promise<{ send(): Promise<void>; close(): void }> {
  const port = Number(new URL(url).port);
  const body = JSON.stringify({ Limit: 25 });
  const signer = new SignatureV4({
    credentials: account,
    region: account.regions[0],
    service: 'workspaces',
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path: '/',
    query: {},
    body,
    headers: {
      host: `127.0.0.1:${port}`,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'WorkspacesService.DescribeWorkspaces',
    },
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return {
    send: () =>
      new Promise((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, method: 'POST', path: '/', headers: signed.headers, agent },
          (res) => {
            res.resume();
            res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
          },
        );
        req.on('error', reject);
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

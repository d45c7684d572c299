// One racer of the lease test (lease.test.ts), in its own process: waits for the agreed instant,
// tries to take the lease, and prints "won" when it holds it after the race settled, else "lost".
// argv: <lease file> <owner> <start at, wall ms>
import { Lease } from '../../../src/fleet/lease';
import { testClock, wallMs } from '../../support/clock';

async function main(): Promise<void> {
  const [file, owner, at] = process.argv.slice(2);
  const lease = new Lease(file, owner, testClock(), { ttlMs: 1000, heartbeatMs: 300, settleMs: 30 });
  await new Promise((r) => setTimeout(r, Math.max(0, Number(at) - wallMs())));
  const got = await lease.acquire();
  // Every racer has finished its attempt (and its settle) by now: who holds it?
  await new Promise((r) => setTimeout(r, 400));
  const holder = await lease.holder();
  process.stdout.write(got && holder?.owner === owner ? 'won' : got ? 'claimed-but-lost' : 'lost');
}

void main();

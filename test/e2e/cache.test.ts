// A person reopening the window: the fleet lists once, the window reloads, and the tree is there
// at once from the persistent cache — marked "as of" — without any request (the listing is
// younger than the freshness window); Refresh then re-lists it in place, the cached rows shown
// until the answers arrive. The profiles point at a gate in this process that
// forwards to the emulator and can hold every connection: closed during the reload, it proves
// (with the emulator's request log) that the cached tree needed no answer. Screenshots of the
// cached and the revalidated tree go to test-results/e2e/.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { recordFigure } from '../support/reliability';
import { openFleetWorkbench, type FleetWorkbench } from './fleet';
import { wallMs } from '../support/clock';

/** A TCP gate: forwards to `target` while open; while closed, new connections wait (nothing is read). */
class Gate {
  target = 0;
  private opened = true;
  private readonly waiting: Socket[] = [];
  private readonly live = new Set<Socket>();
  private server?: Server;
  /** Connections that had to wait at the closed gate. */
  held = 0;

  async start(): Promise<string> {
    this.server = createServer((s) => {
      s.on('error', () => undefined);
      if (this.opened && this.target) this.forward(s);
      else {
        s.pause();
        this.held++;
        this.waiting.push(s);
      }
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Closes: connections already through are cut (an old window's keep-alive sockets), new ones wait. */
  close(): void {
    this.opened = false;
    for (const s of this.live) s.destroy();
    this.live.clear();
  }

  open(): void {
    this.opened = true;
    for (const s of this.waiting.splice(0)) this.forward(s);
  }

  private forward(s: Socket): void {
    const up = connect(this.target, '127.0.0.1');
    up.on('error', () => s.destroy());
    s.on('close', () => up.destroy());
    up.on('close', () => s.destroy());
    this.live.add(s);
    s.on('close', () => this.live.delete(s));
    s.pipe(up);
    up.pipe(s);
    s.resume();
  }

  async stop(): Promise<void> {
    for (const s of [...this.live, ...this.waiting]) s.destroy();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }
}

/** Files under a folder, recursively. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('E2E: reopening the window shows the cached fleet at once; Refresh re-lists it', () => {
  let wb: FleetWorkbench;
  const gate = new Gate();

  before(async () => {
    const endpointUrl = await gate.start();
    wb = await openFleetWorkbench({ endpointUrl, transitionMs: 1500 });
    gate.target = wb.emulator.port;
    gate.open();
    await wb.openWorkSpacesView();
  });

  after(async () => {
    await wb?.close();
    await gate.stop();
  });

  it('after a reload, the recent cached tree (as of …) shows with no request; Refresh keeps it until the fresh one', async () => {
    const { page, emulator, server } = wb;
    /** Reloads the window (the gate closed) and waits for bob's cached row; held counts from here. */
    const reloadToCachedBob = async (): Promise<void> => {
      await page.reload();
      gate.held = 0;
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      // The workbench restores the WorkSpaces view (clicking its icon now would close it).
      await page
        .locator('.sidebar .title-label h2', { hasText: /WORKSPACES/i })
        .waitFor({ timeout: 15_000 })
        .catch(() => wb.openWorkSpacesView());
      const again = wb.row(/^example-corp/);
      await again.waitFor({ timeout: 60_000 });
      if ((await wb.row('bob.martin').count()) === 0) await again.click();
      await wb.row('bob.martin').waitFor({ timeout: 30_000 });
    };
    const group = wb.row(/^example-corp/);
    await group.waitFor({ timeout: 30_000 });
    await group.click();
    const bob = wb.row('bob.martin');
    await bob.waitFor({ timeout: 15_000 });
    assert.match((await bob.textContent()) ?? '', /Stopped · AutoStop/);
    // The listing is stored (one file per profile and region) a moment after it completes.
    const cacheDir = join(server.dir, 'ud', 'User', 'globalStorage', 'wsfleet.workspaces-fleet', 'fleet-cache');
    const deadline = performance.now() + 30_000;
    while (filesUnder(cacheDir).filter((f) => f.endsWith('.json.gz')).length < 4 && performance.now() < deadline) {
      await page.waitForTimeout(200);
    }
    assert.equal(
      filesUnder(cacheDir).filter((f) => f.endsWith('.json.gz')).length,
      4,
      'two profiles × two regions cached',
    );

    // Meanwhile bob's WorkSpace is started elsewhere; then the window reloads behind a closed gate.
    const world = emulator.world('sandbox-prod', 'us-east-1');
    const bobId = world.workspaceIds().find((id) => world.getWorkspace(id)?.UserName === 'bob.martin') as string;
    world.setState(bobId, 'AVAILABLE');
    gate.close();

    // 1. Within the freshness window (5 minutes by default) the cached listing is shown as is: no
    //    request at all, the view says how old it is.
    const freshAt = wallMs();
    await reloadToCachedBob();
    const recent = page.locator('.sidebar .message', { hasText: /As of \d\d:\d\d/ });
    await recent.waitFor({ timeout: 30_000 });
    assert.match((await recent.textContent()) ?? '', /As of \d\d:\d\d \(recent; Refresh re-lists\)/);
    await page.waitForTimeout(1500);
    assert.deepEqual(
      emulator
        .requests()
        .filter((r) => r.time >= freshAt)
        .map((r) => r.op),
      [],
      'a reload on a fresh cache sends nothing',
    );
    assert.equal(gate.held, 0, 'nor tries to (nothing waited at the gate)');
    assert.match((await wb.row('bob.martin').textContent()) ?? '', /Stopped · AutoStop/);
    await wb.screenshot('19-fresh-cache-as-of');

    // 2. Refresh always re-lists: the cached tree stays, "refreshing…", until the answers arrive.
    const refreshAt = wallMs();
    await page.locator('.sidebar .actions-container [aria-label^="Refresh"]').first().click();
    const cachedBob = wb.row('bob.martin');
    const message = page.locator('.sidebar .message', { hasText: /As of \d\d:\d\d, refreshing…/ });
    await message.waitFor({ timeout: 30_000 });
    assert.match(
      (await cachedBob.textContent()) ?? '',
      /Stopped · AutoStop/,
      'the cached row (AWS has it Available now)',
    );
    await page.waitForTimeout(300);
    await wb.screenshot('20-cached-tree-as-of');
    const reached = emulator.requests().filter((r) => r.time >= refreshAt);
    assert.deepEqual(
      reached.map((r) => r.op),
      [],
      'no WorkSpaces request reached the emulator before the cached tree showed',
    );
    assert.ok(gate.held > 0, 'the re-listing was on its way (held at the gate)');

    // The gate opens: the same rows revalidate in place.
    gate.open();
    await wb.row(/bob\.martin.*Available/).waitFor({ timeout: 60_000 });
    await page.locator('.sidebar .message', { hasText: /As of/ }).waitFor({ state: 'detached', timeout: 60_000 });
    await page.waitForTimeout(300);
    await wb.screenshot('21-revalidated-tree');
    assert.ok(emulator.requests().some((r) => r.time >= refreshAt && r.op === 'DescribeWorkspaces'));

    // How long the cached rows took to reach the model after the view asked (the extension's log).
    const logs = filesUnder(join(server.dir, 'ud', 'logs')).filter((f) => f.endsWith('WorkSpaces.log'));
    const line = logs
      .flatMap((f) => readFileSync(f, 'utf8').split('\n'))
      .filter((l) => l.includes('Cached fleet data shown'))
      .pop();
    assert.ok(line, 'the extension logged the cached rows');
    const ms = /in the model (\d+) ms after the view asked \(profiles and AWS layer (\d+) ms, cache (\d+) ms\)/.exec(
      line,
    );
    assert.ok(ms, line);
    recordFigure(
      'Window reload (E2E): cached rows in the model after the view opened',
      `${ms[1]} ms (reading the profiles, with loading the AWS layer, ${ms[2]} ms; the cache ${ms[3]} ms)`,
    );
  });
});

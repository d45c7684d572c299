// A person doing the weekly work of a WorkSpaces admin in the real workbench (packaged extension,
// headless Chromium) against the demo fleet on the emulator: the error details of a WorkSpace and a
// directory, the connection link, a compute type change, a volume resize, the Bundles section, a
// migration, the snapshot a Restore would use, and an export saved through the save dialog.
// Screenshots go to test-results/e2e/2x-*.png.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFleetWorkbench, type FleetWorkbench } from './fleet';

const PROD = '111111111111';

describe('E2E: the weekly work of an admin', () => {
  let wb: FleetWorkbench;

  before(async () => {
    wb = await openFleetWorkbench({ transitionMs: 2500, viewport: { width: 1500, height: 1000 } });
    await wb.openWorkSpacesView();
    // Make room for sandbox-prod: fold sandbox-dev (its regions come first).
    const dev = wb.row(/^sandbox-dev/);
    await dev.waitFor({ timeout: 30_000 });
    await dev.click();
    await wb.page.keyboard.press('ArrowLeft');
    await wb.expand(/^example-corp/, 'bob.martin');
  });

  afterEach(async function () {
    // What the person saw when a step failed.
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`2x-failed-${this.currentTest.title.slice(0, 20)}`);
  });

  after(async () => {
    await wb?.close();
  });

  const contextMenu = (row: string | RegExp, item: string, screenshot?: string): Promise<void> =>
    wb.contextMenu(row, item, screenshot);

  const quickInput = () => wb.page.locator('.quick-input-widget');
  async function pickItem(label: string | RegExp): Promise<void> {
    const row = quickInput().locator('.monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
  }
  const frame = () => wb.page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');

  it('WorkSpace in ERROR: the panel explains its code and message', async () => {
    await contextMenu('dave.kim', 'Show WorkSpace Error Details');
    await frame().locator('.error-card').first().waitFor({ timeout: 30_000 });
    assert.match((await frame().locator('#error-code').textContent()) ?? '', /ResourceLaunchFailure/);
    assert.match((await frame().locator('#error-message').textContent()) ?? '', /root volume snapshot is unavailable/);
    await wb.page.waitForTimeout(500);
    await wb.screenshot('20-workspace-error-details');
  });

  it('directory in ERROR: the same panel explains its message', async () => {
    const dirs = wb.page.locator('.sidebar .monaco-list-row', { hasText: /^Directories/ });
    await dirs.first().click();
    await contextMenu(/^example-legacy/, 'Show Directory Error Details');
    await frame().locator('.error-card').filter({ hasText: 'cannot use this directory' }).waitFor({ timeout: 30_000 });
    assert.match((await frame().locator('#error-message').textContent()) ?? '', /password has expired/);
    await wb.page.waitForTimeout(500);
    await wb.screenshot('21-directory-error-details');
    await dirs.first().click();
  });

  it('Copy Connection Link: workspaces://USER@REGCODE in the status bar', async () => {
    await contextMenu('alice.nguyen', 'Copy Connection Link', '22-context-menu-admin-commands');
    const status = wb.page.locator('.statusbar', { hasText: /Copied workspaces:\/\/alice\.nguyen@SLiad\+/ });
    await status.waitFor({ timeout: 10_000 });
    await wb.screenshot('23-connection-link-copied');
  });

  it('Change Compute Type: only the family, the rules before sending, the change on the row', async () => {
    const { page, emulator } = wb;
    await contextMenu('bob.martin', 'Change Compute Type…');
    await pickItem(/^Performance/);
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 });
    assert.match((await dialog.textContent()) ?? '', /A larger type once every 6 hours/);
    await page.waitForTimeout(300);
    await wb.screenshot('24-compute-type-rules');
    await dialog.getByRole('button', { name: 'Change', exact: true }).click();
    await page
      .locator('.monaco-list-row', { hasText: /bob\.martin.*(compute type change starting|changing compute type)/ })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    await wb.screenshot('25-compute-type-changing');
    assert.equal(emulator.actionCount('ws-b2d4f6h8j', 'ModifyWorkspaceProperties'), 1);
  });

  it('Resize Volumes: one volume, only allowed sizes, a reboot reminder', async () => {
    const { page, emulator } = wb;
    await contextMenu('peggy.silva', 'Resize Volumes…');
    await pickItem(/^User volume/);
    await quickInput().locator('.monaco-list-row', { hasText: '100 GB' }).first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300);
    await wb.screenshot('26-resize-allowed-sizes');
    await pickItem('100 GB');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 });
    await dialog.getByRole('button', { name: 'Resize', exact: true }).click();
    await page
      .locator('.notification-toast', { hasText: /reboot when the change is done/ })
      .waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    await wb.screenshot('27-resize-started');
    assert.equal(emulator.actionCount('ws-n4p6r8t0v', 'ModifyWorkspaceProperties'), 1);
  });

  it('Restore of a WorkSpace without a snapshot says so plainly', async () => {
    const { page } = wb;
    await contextMenu('heidi.schulz', 'Restore…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    assert.match((await dialog.textContent()) ?? '', /has NO restore snapshot/);
    await page.waitForTimeout(300);
    await wb.screenshot('28-restore-no-snapshot');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('Migrate: a bundle picker, what happens to the profile folder, the typed id, the new WorkSpace', async () => {
    const { page, emulator } = wb;
    const world = emulator.world(PROD, 'us-east-1');
    const current = world.requireWorkspace('ws-m3o5q7s9u').data.BundleId;
    const target = world.amazonBundles.find((b) => /^Performance with Windows 11$/.test(b.Name ?? ''));
    assert.ok(target && target.BundleId !== current, 'a bundle olivia does not use');
    await contextMenu('olivia.brown', 'Migrate to Another Bundle…');
    // A person types to narrow the list of bundles.
    await quickInput().locator('.monaco-list-row').first().waitFor({ timeout: 15_000 });
    await quickInput().locator('input').fill('Windows 11');
    await quickInput().locator('.monaco-list-row', { hasText: 'Performance with Windows 11' }).first().waitFor({
      timeout: 15_000,
    });
    await page.waitForTimeout(300);
    await wb.screenshot('29-migrate-bundle-picker');
    await pickItem('Performance with Windows 11');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    assert.match((await dialog.textContent()) ?? '', /NotMigrated/);
    await page.waitForTimeout(300);
    await wb.screenshot('30-migrate-confirmation');
    await dialog.getByRole('button', { name: 'Migrate…' }).click();
    const input = quickInput().locator('input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill('ws-m3o5q7s9u');
    await input.press('Enter');
    await page.locator('.notification-toast', { hasText: /Started the migration/ }).waitFor({ timeout: 15_000 });
    assert.equal(emulator.actionCount('ws-m3o5q7s9u', 'MigrateWorkspace'), 1);
    await page.waitForTimeout(700);
    await wb.screenshot('31-migration-started');
  });

  it('Bundles: own bundles with compute and storage, Create WorkSpaces from one', async () => {
    const { page } = wb;
    // Fold the WorkSpaces of us-east-1 and open its Bundles section.
    const bundles = page.locator('.sidebar .monaco-list-row', { hasText: /^Bundles/ });
    await bundles.nth(0).click();
    await wb.row(/^Finance Windows 11/).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await contextMenu(/^Finance Windows 11/, 'Create WorkSpaces from This Bundle…', '32-bundles-section');
    await quickInput().locator('.monaco-list-row', { hasText: 'example-corp' }).first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(300);
    await wb.screenshot('33-create-from-bundle-directory');
    await page.keyboard.press('Escape');
  });

  it('Export WorkSpaces: a directory as CSV through the save dialog, then opened', async () => {
    const { page, server } = wb;
    const file = join(server.folder, 'corp-export.csv');
    await contextMenu(/^example-corp/, 'Export WorkSpaces…');
    await pickItem(/^CSV/);
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    await page.waitForTimeout(300);
    await wb.screenshot('34-export-read-tags');
    await dialog.getByRole('button', { name: 'Read Tags' }).click();
    // The save dialog (code-server's own, a quick input with the path).
    const input = quickInput().locator('input');
    await input.waitFor({ timeout: 30_000 });
    // The dialog fills in its default path once it has read the folder: type the path after that.
    for (let attempt = 0; attempt < 10; attempt++) {
      await input.fill(file);
      await page.waitForTimeout(500);
      if ((await input.inputValue()) === file) break;
    }
    assert.equal(await input.inputValue(), file);
    await input.press('Enter');
    const toast = page.locator('.notification-toast', { hasText: /Exported \d+ WorkSpaces to corp-export\.csv/ });
    await toast.waitFor({ timeout: 60_000 });
    assert.ok(existsSync(file), 'the file is written');
    assert.match(readFileSync(file, 'utf8'), /WorkSpace ID/);
    await toast.getByRole('button', { name: 'Open' }).click();
    await page.locator('.tab', { hasText: 'corp-export.csv' }).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(800);
    await wb.screenshot('35-export-opened');
  });
});

// A person running the lifecycle commands in the real workbench (packaged extension, headless
// Chromium) against the demo fleet on the emulator: right-click a stopped WorkSpace → Start, watch
// the row turn Starting then Available; Terminate with the modal and the typed-id box (quiet while
// the id is being typed, a typo refused at once, Enter on an incomplete id refused, the right id
// terminates). Screenshots of the menu and both dialogs go to test-results/e2e/.
import * as assert from 'node:assert/strict';
import { openFleetWorkbench, type FleetWorkbench } from './fleet';

describe('E2E: lifecycle commands from the context menu', () => {
  let wb: FleetWorkbench;

  before(async () => {
    wb = await openFleetWorkbench({ transitionMs: 1500 });
    await wb.openWorkSpacesView();
    await wb.expand(/^example-corp/, 'bob.martin');
  });

  after(async () => {
    await wb?.close();
  });

  const contextMenu = (row: string | RegExp, item: string, screenshot?: string): Promise<void> =>
    wb.contextMenu(row, item, screenshot);

  it('Start on a stopped WorkSpace: the row turns Starting, then Available', async () => {
    const { page, emulator } = wb;
    const bob = wb.row('bob.martin');
    assert.match((await bob.textContent()) ?? '', /Stopped · AutoStop/);
    await contextMenu('bob.martin', 'Start', '10-context-menu-stopped-workspace');
    await page
      .locator('.monaco-list-row', { hasText: /bob\.martin.*Starting/ })
      .first()
      .waitFor({ timeout: 10_000 });
    await page.locator('.notification-toast', { hasText: 'Starting bob.martin' }).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(700);
    await wb.screenshot('11-starting-and-summary');
    await page
      .locator('.monaco-list-row', { hasText: /bob\.martin.*Available/ })
      .first()
      .waitFor({ timeout: 30_000 });
    assert.equal(emulator.actionCount('ws-b2d4f6h8j', 'StartWorkspaces'), 1);
  });

  it('Terminate: the modal says what is destroyed, the typed id must match', async () => {
    const { page, emulator } = wb;
    await contextMenu('heidi.schulz', 'Terminate…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 });
    assert.match(
      (await dialog.textContent()) ?? '',
      /Terminate heidi\.schulz \(ws-h8j0l2n4p\)\?.*permanently deletes the WorkSpace/s,
    );
    await page.waitForTimeout(300);
    await wb.screenshot('12-terminate-modal');
    await dialog.getByRole('button', { name: 'Terminate…' }).click();

    const box = page.locator('.quick-input-widget');
    const input = box.locator('input');
    await input.waitFor({ timeout: 10_000 });
    assert.match((await box.textContent()) ?? '', /Type the WorkSpace ID ws-h8j0l2n4p to terminate it/);
    const refusal = box.locator('.quick-input-message', { hasText: 'That is not ws-h8j0l2n4p' });
    // Typing the id, keystroke by keystroke: no red message while it is the beginning of the id.
    await input.pressSequentially('ws-h8j0l2n4', { delay: 40 });
    await page.waitForTimeout(500);
    assert.equal(await refusal.count(), 0, 'no refusal while the id is being typed');
    await wb.screenshot('13a-terminate-typing');
    // Enter on the incomplete id: refused, the box stays open.
    await input.press('Enter');
    await refusal.waitFor({ timeout: 10_000 });
    assert.ok(await input.isVisible(), 'Enter with an incomplete id does not close the box');
    // A wrong character is refused at once.
    await input.fill('ws-h8x');
    await refusal.waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300);
    await wb.screenshot('13-terminate-typed-id-refused');
    assert.equal(emulator.actionCount('ws-h8j0l2n4p'), 0, 'nothing sent on a typo');

    await input.fill('ws-h8j0l2n4p');
    await page.waitForTimeout(300);
    await wb.screenshot('14-terminate-typed-id');
    await input.press('Enter');
    await page
      .locator('.monaco-list-row', { hasText: /heidi\.schulz.*Terminating/ })
      .first()
      .waitFor({ timeout: 10_000 });
    await page.locator('.notification-toast', { hasText: 'Terminating heidi.schulz' }).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(700);
    await wb.screenshot('15-terminating');
    assert.equal(emulator.actionCount('ws-h8j0l2n4p', 'TerminateWorkspaces'), 1);
    await wb.row('heidi.schulz').waitFor({ state: 'detached', timeout: 30_000 });
  });
});

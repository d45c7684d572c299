// A person looking at cost and usage in the real workbench (packaged extension, headless Chromium)
// against the demo fleet and the emulator's CloudWatch: expands "Cost & usage" under a region and
// sees the advice with its numbers, opens the fleet report from the command palette for every
// profile, and reads it in a dark and a light theme. Screenshots go to test-results/e2e/.
import * as assert from 'node:assert/strict';
import { openFleetWorkbench, type FleetWorkbench } from './fleet';
import { switchTheme } from './workbench';

describe('E2E: cost & usage and the fleet report (dark and light themes)', () => {
  let wb: FleetWorkbench;
  /** The report's page: the webview's inner frame. */
  const frame = () => wb.page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');

  /**
   * Scrolls the report to an element. The page renders again when more data arrives (its DOM is
   * replaced), so an element found a moment ago may be detached: look it up again, a few times.
   */
  async function scrollTo(selector: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await frame().locator(selector).scrollIntoViewIfNeeded({ timeout: 5_000 });
        return;
      } catch (e) {
        if (attempt >= 5) throw e;
        await wb.page.waitForTimeout(300);
      }
    }
  }

  before(async () => {
    // Wide enough for the report's charts two by two beside each other.
    wb = await openFleetWorkbench({ viewport: { width: 1800, height: 1150 } });
    await wb.openWorkSpacesView();
  });
  after(() => wb?.close());

  it('expanding "Cost & usage" reads the usage and shows the advice with its numbers', async () => {
    const { page } = wb;
    // sandbox-prod / us-east-1 is the third scope (sandbox-dev's two regions come first).
    const cost = page.locator('.sidebar .monaco-list-row', { hasText: /^Cost & usage/ });
    await cost.nth(3).waitFor({ timeout: 30_000 });
    // Every listing done (rows stop moving), as a person would wait for the tree to settle.
    await wb.row(/^WorkSpaces\s*14$/).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    assert.match((await cost.nth(2).textContent()) ?? '', /expand to read from CloudWatch/);
    for (let attempt = 1; (await cost.nth(2).getAttribute('aria-expanded')) !== 'true'; attempt++) {
      if (attempt > 3) throw new Error('the Cost & usage row did not expand');
      await cost.nth(2).click();
      await page.waitForTimeout(500);
    }
    const group = wb.row(/^Switch to AutoStop/);
    await group.waitFor({ timeout: 30_000 });
    await group.click();
    const olivia = wb.row(/olivia\.brown.*switch to AutoStop \(\d+ h last month ≤ 85 h\)/);
    await olivia.waitFor({ timeout: 15_000 });
    await wb.row(/^Unused — consider terminating/).click();
    await wb.row(/peggy\.silva.*never connected/).waitFor({ timeout: 15_000 });
    // Wider, so the advice reads in full (a person drags the side bar's edge).
    const box = await page.locator('.part.sidebar').boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width + 300, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
    }
    assert.match((await cost.nth(2).textContent()) ?? '', /to switch.*estimates/);
    // The skip tags are read in the background (a row says so meanwhile): wait until they are.
    await page
      .locator('.sidebar .monaco-list-row', { hasText: /^Checking the skip tag/ })
      .waitFor({ state: 'detached', timeout: 60_000 });
    await page.waitForTimeout(500);
    await wb.screenshot('20-cost-and-usage-tree');
    // The README's picture: sandbox-prod / us-east-1, from its row to the Keep group.
    const top = await wb.row('us-east-1').boundingBox();
    const bottom = await wb.row(/^Keep/).boundingBox();
    assert.ok(top && bottom, 'the region row and the Keep group are on screen');
    const clip = { x: top.x, y: top.y, width: top.width, height: bottom.y + bottom.height - top.y };
    await wb.screenshot('20b-cost-and-usage-rows', { clip, media: 'cost-usage.png' });
  });

  it('opens the fleet report from the palette for every profile: five charts in the dark theme', async () => {
    const { page } = wb;
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill('>WorkSpaces Fleet: Show Fleet Report');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Show Fleet Report' }).first().waitFor();
    await input.press('Enter');
    const all = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'All profiles and regions' });
    await all.first().waitFor({ timeout: 10_000 });
    await input.press('Enter');
    const advice = frame().locator('#recommendation-table tbody tr');
    await advice.first().waitFor({ timeout: 60_000 });
    await frame().locator('#total-read .tile-value', { hasText: '29' }).waitFor({ timeout: 60_000 });
    assert.equal(await frame().locator('canvas').count(), 5);
    assert.equal(await frame().locator('img, iframe, object, embed').count(), 0);
    assert.match((await frame().locator('#estimate-note').textContent()) ?? '', /Estimates\..*not billed hours/);
    // The side bar out of the way, as a person reading the report would.
    await page.keyboard.press('Control+B');
    await page.waitForTimeout(1200);
    await wb.screenshot('21-fleet-report-dark', { media: 'fleet-report.png' });
    await scrollTo('#recommendations');
    await page.waitForTimeout(500);
    await wb.screenshot('22-fleet-report-dark-recommendations');
  });

  it('reads well in a light theme (the charts are redrawn in its colours)', async () => {
    const { page } = wb;
    // The side bar is hidden: the keys go to the editor area (the report's tab).
    await switchTheme(page, 'Light Modern', page.locator('.monaco-workbench .part.editor .tab').first());
    await frame().locator('body.vscode-light').waitFor({ timeout: 15_000 });
    await scrollTo('#header');
    await page.waitForTimeout(1200);
    await wb.screenshot('23-fleet-report-light');
  });
});

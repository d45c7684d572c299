import * as assert from 'node:assert/strict';
import { openFleetWorkbench, type FleetWorkbench } from './fleet';
import { switchTheme } from './workbench';

const PROD = '111111111111';
const XSS = '<img src=x onerror=alert(1)>';

describe('E2E: image error details panel (dark and light themes)', () => {
  let wb: FleetWorkbench;

  before(async () => {
    wb = await openFleetWorkbench();
    // An image whose error message is hostile HTML: it must show as these characters.
    const img = wb.emulator.world(PROD, 'us-east-1').images.get('wsi-byolw11uef');
    assert.ok(img, 'demo image wsi-byolw11uef');
    img.ErrorMessage = `Import failed. ${XSS}`;
    await wb.openWorkSpacesView();
  });

  after(async () => {
    await wb?.close();
  });

  const frame = () => wb.page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');

  it('opens the panel when a person clicks an image in ERROR, with one card per error code', async () => {
    const { page } = wb;
    // sandbox-prod / us-east-1 / Images: the third "Images" row once all four regions show theirs
    // (sandbox-dev's two regions come first).
    const images = page.locator('.sidebar .monaco-list-row', { hasText: /^Images/ });
    await images.nth(3).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    await images.nth(2).click();
    const row = wb.row('byol-win10-22h2');
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const cards = frame().locator('.error-card');
    await cards.first().waitFor({ timeout: 30_000 });
    assert.equal(await cards.count(), 5);
    const codes: (string | null)[] = [];
    for (let i = 0; i < (await cards.count()); i++) codes.push(await cards.nth(i).getAttribute('data-code'));
    assert.deepEqual(codes, [
      'OutdatedPowershellVersion',
      'OfficeInstalled',
      'PCoIPAgentInstalled',
      'WindowsUpdatesEnabled',
      'AutoMountDisabled',
    ]);
    await page.waitForTimeout(500);
    await wb.screenshot('05-image-errors-dark');
  });

  it('renders a hostile error message as text', async () => {
    await wb.row('byol-win11-uefi').click();
    const message = frame().locator('#error-message');
    await message.filter({ hasText: 'onerror' }).waitFor({ timeout: 30_000 });
    assert.equal(await message.textContent(), `Import failed. ${XSS}`);
    assert.equal(await frame().locator('img').count(), 0, 'no element was created from the message');
    await wb.page.waitForTimeout(300);
    await wb.screenshot('06-image-errors-hostile-text');
  });

  it('reads well in a light theme', async () => {
    const { page } = wb;
    await wb.row('byol-win10-22h2').click();
    await frame().locator('.error-card').first().waitFor({ timeout: 30_000 });
    // Switch the colour theme as a person would (the theme picker); let the webview settle first.
    await page.waitForTimeout(800);
    await switchTheme(page, 'Light Modern', page.locator('.part.sidebar .monaco-list').first());
    await page.locator('.monaco-workbench.vs').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(800);
    await wb.screenshot('07-image-errors-light');
  });
});

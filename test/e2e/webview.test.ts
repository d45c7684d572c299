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
    await wb.screenshot('05-image-errors-dark', { around: [page.locator('.part.editor')], media: 'image-errors.png' });
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

  it('opens the panel of a pool with errors on a click, with its sessions and directory as the row says them', async () => {
    const { page } = wb;
    // sandbox-dev folded away, so that sandbox-prod's regions fit on screen; then
    // sandbox-prod / eu-west-1 / Pools: the second "Pools" row.
    await wb.row(/^sandbox-dev/).click();
    await wb.row('us-west-2').waitFor({ state: 'detached', timeout: 10_000 });
    const pools = page.locator('.sidebar .monaco-list-row', { hasText: /^Pools/ });
    await pools.nth(1).waitFor({ timeout: 30_000 });
    await pools.nth(1).click();
    const row = wb.row('training-room');
    await row.waitFor({ timeout: 15_000 });
    assert.match((await row.textContent()) ?? '', /Stopped · 0 active · 20 desired · 2 errors/);
    await row.click();
    // The panel may still show the image of the test before: wait for the pool's own page.
    await frame().locator('body', { hasText: 'training-room' }).waitFor({ timeout: 30_000 });
    const cards = frame().locator('.error-card');
    await cards.nth(1).waitFor({ timeout: 30_000 });
    assert.equal(await cards.count(), 2);
    const body = (await frame().locator('body').textContent()) ?? '';
    assert.match(body, /0 active, 0 available, 0 actual, 20 desired/, "the row's words, with the desired count");
    assert.match(body, /example-pools \(d-9367f00150\)/, 'the directory by name and id');
    await page.waitForTimeout(500);
    await wb.screenshot('06b-pool-errors');
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

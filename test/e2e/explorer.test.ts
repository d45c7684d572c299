import * as assert from 'node:assert/strict';
import { openFleetWorkbench, type FleetWorkbench } from './fleet';

describe('E2E: the explorer with the demo fleet (two profiles × two regions)', () => {
  let wb: FleetWorkbench;

  before(async () => {
    wb = await openFleetWorkbench();
    await wb.openWorkSpacesView();
  });

  after(async () => {
    await wb?.close();
  });

  it('shows both profiles with their regions and the WorkSpaces of a directory', async () => {
    const { page } = wb;
    await wb.row('sandbox-prod').waitFor({ timeout: 30_000 });
    await wb.row('sandbox-dev').waitFor();
    await wb.row('us-east-1').waitFor();
    await wb.row('ap-southeast-2').waitFor();
    // Under sandbox-prod / us-east-1 / WorkSpaces, the example-corp group opens on a click.
    const group = wb.row(/^example-corp/);
    await group.waitFor({ timeout: 30_000 });
    await group.click();
    const alice = wb.row('alice.nguyen');
    await alice.waitFor({ timeout: 15_000 });
    assert.match((await alice.textContent()) ?? '', /Available · AlwaysOn · connected/);
    await wb.row('bob.martin').waitFor();
    await page.waitForTimeout(300);
    await wb.screenshot('02-explorer-two-profiles');
  });

  it('filters from the title bar and says how many match', async () => {
    const { page } = wb;
    await page.locator('.sidebar .actions-container [aria-label^="Filter WorkSpaces"]').first().click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('state:stopped');
    await page.waitForTimeout(200);
    await wb.screenshot('03a-filter-input');
    await input.press('Enter');
    const message = page.locator('.sidebar .message', { hasText: /of \d+ WorkSpaces/ });
    await message.waitFor({ timeout: 15_000 });
    assert.match((await message.textContent()) ?? '', /Filter "state:stopped"/);
    await wb.row('bob.martin').waitFor();
    assert.equal(await wb.row('alice.nguyen').count(), 0, 'alice (available) is filtered out');
    await page.waitForTimeout(300);
    await wb.screenshot('03-filtered');
    await page.locator('.sidebar .actions-container [aria-label^="Clear Filter"]').first().click();
    await wb.row('alice.nguyen').waitFor({ timeout: 15_000 });
  });

  it('shows an error row for a region that denies access, with a retry', async () => {
    const { page, emulator } = wb;
    emulator.setFaults({ accessDeniedRegions: [{ region: 'eu-west-1', account: '111111111111' }] });
    await page.locator('.sidebar .actions-container [aria-label^="Refresh"]').first().click();
    // eu-west-1 is the last region of the last profile, below the fold (the list renders only the
    // rows in view): a click collapses sandbox-dev above it.
    await wb.row('sandbox-dev').click();
    const err = wb.row(/Access denied/);
    await err.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    await wb.screenshot('04-error-row');
    emulator.setFaults({ accessDeniedRegions: [] });
    await err.click();
    await err.waitFor({ state: 'detached', timeout: 30_000 });
  });
});

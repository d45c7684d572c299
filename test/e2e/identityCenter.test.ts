// A person whose AWS config has only an `[sso-session]` (signed in with `aws sso login`) adds the
// accounts of the organisation from the palette: the account picker (names, ids, e-mail and
// roles), the role, the regions; then the tree shows the organisation with its accounts by name,
// the accounts without WorkSpaces folded into one row. Screenshots of the picker and the tree go
// to test-results/e2e/ (and, with WSF_UPDATE_SCREENSHOTS=1, the README's to media/).
import * as assert from 'node:assert/strict';
import { openFleetWorkbench, type FleetWorkbench } from './fleet';

const EXTRA = 5;

describe('E2E: accounts of the organisation from IAM Identity Center', () => {
  let wb: FleetWorkbench;

  before(async () => {
    wb = await openFleetWorkbench({
      identityCenter: { accounts: EXTRA, regions: ['us-east-1', 'eu-west-1'], withWorkspaces: 2, workspaces: 4 },
      sso: { session: 'corp', signedIn: true },
    });
    await wb.openWorkSpacesView();
  });

  after(async () => {
    await wb?.close();
  });

  it('Add Accounts: the picker names every account; the tree shows them by name under the organisation', async () => {
    const { page, emulator } = wb;
    await wb.row('sandbox-prod').waitFor({ timeout: 30_000 });
    const accounts = emulator.identityCenter.accounts();
    const extra = accounts.filter((a) => /^5000/.test(a.accountId));
    assert.equal(extra.length, EXTRA);

    await page.keyboard.press('F1');
    const box = page.locator('.quick-input-widget');
    const input = box.locator('input').first();
    await input.waitFor({ timeout: 10_000 });
    await input.fill('>WorkSpaces Fleet: Add Accounts from IAM Identity Center');
    await box.locator('.monaco-list-row', { hasText: 'Add Accounts from IAM Identity Center' }).first().waitFor();
    await input.press('Enter');
    // The accounts the person may use, by name, with the id, e-mail and roles; all checked at first.
    const rowOf = (name: string) => box.locator('.monaco-list-row', { hasText: name }).first();
    await rowOf(extra[0].accountName ?? '').waitFor({ timeout: 30_000 });
    assert.match(
      (await box.locator('.quick-input-title').textContent()) ?? '',
      /Add accounts from IAM Identity Center: accounts of corp/,
    );
    assert.match((await rowOf(extra[0].accountName ?? '').textContent()) ?? '', new RegExp(extra[0].accountId));
    // The two accounts the config already has as profiles are left out (a click unchecks them).
    for (const a of accounts.filter((x) => !extra.includes(x))) await rowOf(a.accountName ?? '').click();
    await page.waitForTimeout(400);
    await wb.screenshot('40-identity-center-accounts', { around: [box], media: 'identity-center-accounts.png' });
    await input.press('Enter');

    // The role: the default (WorkSpacesAdmin) first.
    await box.locator('.quick-input-title', { hasText: 'which role?' }).waitFor({ timeout: 10_000 });
    const role = box.locator('.monaco-list-row', { hasText: 'WorkSpacesAdmin' }).first();
    await role.waitFor({ timeout: 10_000 });
    assert.match((await role.textContent()) ?? '', /in 5 of the 5 accounts · your default/);
    await page.waitForTimeout(300);
    await input.press('Enter');

    // The regions: the Identity Center's checked; eu-west-1 added.
    await box.locator('.quick-input-title', { hasText: ': regions' }).waitFor({ timeout: 10_000 });
    await box.locator('.monaco-list-row', { hasText: 'us-east-1' }).first().waitFor({ timeout: 10_000 });
    await input.fill('eu-west-1');
    await box.locator('.monaco-list-row', { hasText: 'eu-west-1' }).first().click();
    await page.waitForTimeout(300);
    await input.press('Enter');
    await box.waitFor({ state: 'hidden', timeout: 10_000 });

    // The organisation, its accounts by name, the empty ones folded.
    const org = wb.row(/^corp/);
    await org.waitFor({ timeout: 30_000 });
    // A person collapses the two ordinary profiles to see the organisation below them, then the
    // second account and the first one's second region, and opens the folded row.
    for (const p of ['sandbox-dev', 'sandbox-prod']) {
      await wb.row(p).click();
      await page.waitForTimeout(300);
    }
    const [first, second] = extra.map((a) => a.accountName ?? '');
    await wb.row(first).waitFor({ timeout: 30_000 });
    assert.match((await wb.row(first).textContent()) ?? '', /500000000001 · WorkSpacesAdmin · 2 regions/);
    await wb.row(second).click();
    await page.waitForTimeout(300);
    await wb.row(/^eu-west-1/).click();
    const folded = wb.row(/^3 accounts without WorkSpaces/);
    await folded.waitFor({ timeout: 60_000 });
    assert.match((await org.textContent()) ?? '', /5 accounts · WorkSpacesAdmin · 3 without WorkSpaces/);
    // The row is redrawn while the last accounts finish listing: a click on a row being replaced
    // is lost, so it is clicked until the row says it is open (as a person clicks again).
    for (let i = 0; i < 5 && (await folded.getAttribute('aria-expanded')) !== 'true'; i++) {
      await folded.click();
      await page.waitForTimeout(500);
    }
    for (const a of extra.slice(2)) await wb.row(a.accountName ?? '').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(800);
    await wb.screenshot('41-identity-center-tree', {
      around: [page.locator('.part.sidebar')],
      media: 'identity-center-tree.png',
    });
  });
});

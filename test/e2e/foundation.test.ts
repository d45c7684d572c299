import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../support/waitFor';
import { openWorkbench, type Workbench } from './workbench';

describe('E2E: the WorkSpaces view in the real workbench', () => {
  let wb: Workbench;

  before(async () => {
    // A user with no AWS profile at all: empty shared config and credentials files.
    const aws = mkdtempSync(join(tmpdir(), 'wsf-e2e-noprofile-'));
    writeFileSync(join(aws, 'config'), '');
    writeFileSync(join(aws, 'credentials'), '');
    wb = await openWorkbench({
      env: { AWS_CONFIG_FILE: join(aws, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(aws, 'credentials'), HOME: aws },
    });
  });

  after(async () => {
    await wb?.close();
  });

  it('shows the WorkSpaces activity-bar icon and opens the view with the no-profile welcome', async () => {
    await wb.openWorkSpacesView();
    const welcome = wb.page.locator('.welcome-view-content', { hasText: 'No AWS profile is configured' });
    await welcome.waitFor({ timeout: 30_000 });
    assert.ok(await welcome.getByRole('button', { name: 'Open AWS config file' }).isVisible());
    await wb.screenshot('01-welcome-no-profile');
  });

  it('offers a first-run walkthrough: connect a profile, choose regions, the sandbox, filter, act', async () => {
    const { page } = wb;
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill('>Welcome: Open Walkthrough');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Open Walkthrough' }).first().click();
    await page
      .locator('.quick-input-widget .monaco-list-row', { hasText: 'Get started with WorkSpaces Fleet' })
      .first()
      .click();
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough
      .locator('.getting-started-step', { hasText: 'Connect an AWS profile' })
      .waitFor({ timeout: 30_000 });
    const steps = await walkthrough.locator('.getting-started-step .step-title').allTextContents();
    assert.deepEqual(
      steps.map((t) => t.trim()),
      [
        'Connect an AWS profile',
        'Choose regions',
        'No AWS account? Try the sandbox',
        'Filter the fleet',
        'Act on WorkSpaces',
      ],
    );
    // With the side bar closed the page is wide enough for the step's picture (media/tree.png).
    await page.keyboard.press('Control+B');
    const picture = walkthrough.locator('.getting-started-media img');
    await picture.waitFor({ timeout: 15_000 });
    await waitFor('the picture to load', () =>
      picture.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0),
    );
    await page.waitForTimeout(500);
    await wb.screenshot('08-walkthrough', { around: [page.locator('.part.editor')] });
    await page.keyboard.press('Control+B');
  });
});

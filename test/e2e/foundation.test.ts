import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});

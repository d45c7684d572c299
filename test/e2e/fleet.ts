// E2E fixture with data: the WorkSpaces emulator (in this test process) seeded with the demo
// fleet, a private HOME whose ~/.aws files point at it, and the real workbench with the packaged
// extension installed.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator';
import { openWorkbench, type Workbench, type WorkbenchOptions } from './workbench';

export interface FleetWorkbench extends Workbench {
  emulator: Emulator;
  /** A tree row of the WorkSpaces view by its text. */
  row(text: string | RegExp): Locator;
  /**
   * Opens a row's context menu and clicks an item, as a person would (VS Code ignores a click
   * right after the menu opens); with `screenshot`, the open menu is saved first.
   */
  contextMenu(row: string | RegExp, item: string, screenshot?: string): Promise<void>;
  /** Clicks a (collapsed) row and waits until one of its children shows. */
  expand(row: string | RegExp, child: string | RegExp): Promise<void>;
}

export async function openFleetWorkbench(
  opts: EmulatorOptions &
    WorkbenchOptions & {
      /** The profiles' endpoint_url (default the emulator). */
      endpointUrl?: string;
      /**
       * An `[sso-session]` of the emulator's Identity Center in the config (no profile of its
       * accounts), the SSO and discovered accounts' endpoints in the environment, and with
       * `signedIn` the token `aws sso login` would have cached.
       */
      sso?: { session: string; signedIn?: boolean };
    } = {},
): Promise<FleetWorkbench> {
  const emulator = await startEmulator({ seed: 'demo', transitionMs: 1500, quota: false, ...opts });
  const home = mkdtempSync(join(tmpdir(), 'wsf-e2e-home-'));
  mkdirSync(join(home, '.aws'));
  const files = emulator.awsConfigFiles({
    ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
    ...(opts.sso ? { sso: { session: opts.sso.session, profiles: [] } } : {}),
  });
  writeFileSync(join(home, '.aws', 'config'), files.config);
  writeFileSync(join(home, '.aws', 'credentials'), files.credentials);
  if (opts.sso?.signedIn) {
    emulator.identityCenter.writeTokenCache(home, emulator.identityCenter.issueToken(), { session: opts.sso.session });
  }
  const ssoEnv = opts.sso ? emulator.identityCenter.endpointEnv() : {};
  const regions = Object.fromEntries(emulator.accounts.map((a) => [a.profile, a.regions]));
  let wb: Workbench;
  try {
    wb = await openWorkbench({
      ...opts,
      env: { HOME: home, ...ssoEnv, ...opts.env },
      settings: { 'workspacesFleet.regions': regions, 'workspacesFleet.pollingIntervalSeconds': 2, ...opts.settings },
    });
  } catch (e) {
    await emulator.stop();
    throw e;
  }
  const tree = wb.page.locator('.sidebar .monaco-list');
  const row = (text: string | RegExp): Locator => tree.locator('.monaco-list-row', { hasText: text }).first();
  return {
    ...wb,
    emulator,
    row,
    async contextMenu(text, item, screenshot) {
      const { page } = wb;
      await row(text).click({ button: 'right' });
      const entry = page.getByRole('menuitem', { name: item, exact: true });
      await entry.waitFor({ timeout: 10_000 });
      await page.waitForTimeout(400);
      if (screenshot) await wb.screenshot(screenshot);
      await entry.click();
    },
    async expand(text, child) {
      await row(text).waitFor({ timeout: 30_000 });
      await row(text).click();
      await row(child).waitFor({ timeout: 15_000 });
    },
    async close() {
      await wb.close();
      await emulator.stop();
    },
  };
}

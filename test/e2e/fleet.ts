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
}

export async function openFleetWorkbench(
  opts: EmulatorOptions &
    WorkbenchOptions & { /** The profiles' endpoint_url (default the emulator). */ endpointUrl?: string } = {},
): Promise<FleetWorkbench> {
  const emulator = await startEmulator({ seed: 'demo', transitionMs: 1500, quota: false, ...opts });
  const home = mkdtempSync(join(tmpdir(), 'wsf-e2e-home-'));
  mkdirSync(join(home, '.aws'));
  const files = emulator.awsConfigFiles(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {});
  writeFileSync(join(home, '.aws', 'config'), files.config);
  writeFileSync(join(home, '.aws', 'credentials'), files.credentials);
  const regions = Object.fromEntries(emulator.accounts.map((a) => [a.profile, a.regions]));
  let wb: Workbench;
  try {
    wb = await openWorkbench({
      ...opts,
      env: { HOME: home, ...opts.env },
      settings: { 'workspacesFleet.regions': regions, 'workspacesFleet.pollingIntervalSeconds': 2, ...opts.settings },
    });
  } catch (e) {
    await emulator.stop();
    throw e;
  }
  const tree = wb.page.locator('.sidebar .monaco-list');
  return {
    ...wb,
    emulator,
    row: (text) => tree.locator('.monaco-list-row', { hasText: text }).first(),
    async close() {
      await wb.close();
      await emulator.stop();
    },
  };
}

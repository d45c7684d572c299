// Shared set-up of the integration tests: the WorkSpaces emulator in-process (inside the extension
// host), shared config/credentials files pointing at it, and the activated extension reloaded on
// them. Tests walk the real TreeDataProvider and call the real commands.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi, TestingApi } from '../../src/extension';
import { SECTIONS, type ScopeModel } from '../../src/fleet/scopeModel';
import type { Node } from '../../src/tree/nodes';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator';
import { labelOf as label } from '../support/hostWatch';
import { waitFor } from '../support/waitFor';

export const EXTENSION_ID = 'wsfleet.workspaces-fleet';

export interface Fixture {
  emulator: Emulator;
  api: TestingApi;
  awsDir: string;
  /** Restores the extension's settings and stops the emulator. */
  dispose(): Promise<void>;
}

export async function activateExtension(): Promise<TestingApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi | TestingApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} not found`);
  const api = await ext.activate();
  // The services are handed out only in test and development mode (never by an installed copy).
  if (!('services' in api)) throw new Error(`${EXTENSION_ID} runs in production mode: no services for the tests`);
  return api;
}

export { waitFor } from '../support/waitFor';

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('workspacesFleet');

/** Sets a workspacesFleet setting globally (undefined removes it). */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await config().update(key, value, vscode.ConfigurationTarget.Global);
}

/**
 * Starts the emulator, points the shared AWS files at it (with both seeded regions of every
 * account chosen in the settings) and reloads the extension's fleet until the profiles show.
 */
export async function setupFleet(opts: EmulatorOptions & { allRegions?: boolean } = {}): Promise<Fixture> {
  const emulator = await startEmulator({ transitionMs: 400, quota: false, ...opts });
  const awsDir = mkdtempSync(join(tmpdir(), 'wsf-it-aws-'));
  const files = emulator.awsConfigFiles();
  writeFileSync(join(awsDir, 'config'), files.config);
  writeFileSync(join(awsDir, 'credentials'), files.credentials);
  process.env.AWS_CONFIG_FILE = join(awsDir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(awsDir, 'credentials');
  const regions: Record<string, string[]> = {};
  if (opts.allRegions !== false) for (const a of emulator.accounts) regions[a.profile] = a.regions;
  await setSetting('regions', regions);
  const api = await activateExtension();
  await api.services.fleet.loadProfiles(true);
  await waitFor('the emulated profiles', () => api.services.fleet.profiles.length === emulator.accounts.length);
  return {
    emulator,
    api,
    awsDir,
    async dispose() {
      await setSetting('regions', undefined);
      await setSetting('groupBy', undefined);
      await emulator.stop();
    },
  };
}

/** The demo fleet in the focused explorer, with the default view options (set again by dispose). */
export async function setupExplorer(): Promise<Fixture> {
  const fx = await setupFleet({ seed: 'demo' });
  await vscode.commands.executeCommand('workspacesFleet.explorer.focus');
  const reset = (): void => fx.api.services.provider.setOptions({ filter: '', idleOnly: false, groupBy: 'directory' });
  reset();
  return {
    ...fx,
    async dispose() {
      reset();
      await fx.dispose();
    },
  };
}

/** Children of a node through the real provider (root when undefined). */
export function children(api: TestingApi, node?: Node): Node[] {
  return api.services.provider.getChildren(node);
}

export { labelOf as label } from '../support/hostWatch';

export function description(api: TestingApi, node: Node): string {
  const d = api.services.provider.getTreeItem(node).description;
  return typeof d === 'string' ? d : '';
}

/** Finds a child by its label (exact or a RegExp), failing with the labels that are there. */
export function child(api: TestingApi, parent: Node | undefined, name: string | RegExp): Node {
  const kids = children(api, parent);
  const found = kids.find((n) => (typeof name === 'string' ? label(api, n) === name : name.test(label(api, n))));
  if (!found) {
    throw new Error(
      `no child ${String(name)} under ${parent?.id ?? 'root'}; have: ${kids.map((n) => label(api, n)).join(', ')}`,
    );
  }
  return found;
}

/** Waits until every scope of the fleet finished loading (or failed), images and pools included. */
export async function fleetLoaded(api: TestingApi, timeoutMs?: number): Promise<void> {
  // Asking for the children starts the loads, as the view would; images and pools load when their
  // category is expanded, as a person would expand them.
  for (const p of children(api)) for (const c of children(api, p)) children(api, c);
  for (const s of api.services.fleet.allScopes()) s.ensureLoaded(SECTIONS);
  const scopes = (): ScopeModel[] => api.services.fleet.allScopes();
  const pending = (s: ScopeModel): boolean => s.loading || s.workspaces.state === 'idle';
  await waitFor(
    'every scope to load',
    () => {
      if (!scopes().some(pending)) return true;
      // Said in the timeout: which scope waits, and why.
      throw new Error(
        scopes()
          .filter(pending)
          .map(
            (s) =>
              `${s.key}: ${SECTIONS.map((x) => `${x} ${s.section(x).state}`).join(', ')}; ${api.services.fleet.share?.describe(s) ?? 'no share'}`,
          )
          .join('; '),
      );
    },
    timeoutMs,
  );
}

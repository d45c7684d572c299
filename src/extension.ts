import * as vscode from 'vscode';
import { isAwsLoaded } from './awsLoader';
import { COMMANDS } from './commands';
import { directoryLabel } from './core/present';
import { registerCommands } from './commands/registry';
import type { Services } from './services';
import { createCostView } from './tree/costSetup';
import { createExplorer } from './tree/explorer';
import { registerErrorDetailsSerializer } from './webview/errorDetailsPanel';
import { createErrorTargetLoader } from './webview/loader';

/** What activate() returns: used by the integration tests and the benchmark. */
export interface ExtensionApi {
  readonly services: Services;
  /** Milliseconds activate() took. */
  readonly activationMs: number;
  /** Whether the AWS layer (and so the SDK) has been loaded yet. */
  isAwsLoaded(): boolean;
}

/** Set by activate(): what deactivate() must finish (the cache saves still waiting). */
let active: Services | undefined;

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('WorkSpaces', { log: true });
  context.subscriptions.push(log);
  const explorer = createExplorer(context, log);
  const model = (scope: { profile: string; region: string }) => explorer.fleet.scopeModel(scope);
  const errorTargets = createErrorTargetLoader(
    async (scope) => (await explorer.aws()).api(scope),
    (scope, directoryId) => {
      const d = model(scope)?.directories.items.get(directoryId);
      return d ? directoryLabel(d) : undefined;
    },
    (scope, bundleId) => model(scope)?.bundles.name(bundleId),
  );
  const usage = createCostView(context, explorer, log);
  const services: Services = { context, log, errorTargets, usage, ...explorer };
  active = services;
  context.subscriptions.push(
    ...registerCommands(services, COMMANDS),
    registerErrorDetailsSerializer(context, errorTargets, log),
  );
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return { services, activationMs, isAwsLoaded };
}

export function deactivate(): Promise<void> | undefined {
  // Everything else is disposed through context.subscriptions; VS Code waits for this promise
  // (briefly) before it does: the fleet cache's pending saves are written first.
  const s = active;
  active = undefined;
  return s?.flushCache().catch(() => undefined);
}

import * as vscode from 'vscode';
import { isAwsLoaded } from './awsLoader';
import { COMMANDS } from './commands';
import { CLOCK_ENV, clockFromEnvironment, SYSTEM_CLOCK } from './core/clock';
import { ChangeLog } from './core/modify';
import { directoryLabel } from './core/present';
import { registerCommands } from './commands/pipeline/registry';
import type { Services } from './services';
import { createCostView } from './tree/costSetup';
import { createExplorer } from './tree/explorer';
import { registerErrorDetailsSerializer } from './webview/errorDetails/panel';
import { createErrorTargetLoader } from './webview/errorDetails/loader';

/**
 * What activate() returns to any extension: how long activation took and whether the AWS SDK is
 * loaded — nothing that reaches an AWS account, a credential or the fleet's data.
 */
export interface ExtensionApi {
  /** Milliseconds activate() took. */
  readonly activationMs: number;
  /** Whether the AWS layer (and so the SDK) has been loaded yet. */
  isAwsLoaded(): boolean;
}

/**
 * What the integration tests drive: the services too, returned only when the extension runs from
 * its sources under test or development (`ExtensionMode.Test` / `Development`), never to other
 * extensions of an installed copy.
 */
export interface TestingApi extends ExtensionApi {
  readonly services: Services;
}

/** Set by activate(): what deactivate() must finish (the cache saves still waiting). */
let active: Services | undefined;

export function activate(context: vscode.ExtensionContext): ExtensionApi | TestingApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('WorkSpaces', { log: true });
  context.subscriptions.push(log);
  const clock = clockFromEnvironment();
  if (clock !== SYSTEM_CLOCK) log.info(`Clock pinned by ${CLOCK_ENV}: ${new Date(clock.now()).toISOString()}`);
  const explorer = createExplorer(context, log, clock);
  const model = (scope: { profile: string; region: string }) => explorer.fleet.scopeModel(scope);
  const errorTargets = createErrorTargetLoader(
    clock,
    async (scope) => (await explorer.aws()).api(scope),
    (scope, directoryId) => {
      const d = model(scope)?.directories.items.get(directoryId);
      return d ? directoryLabel(d) : undefined;
    },
    (scope, bundleId) => model(scope)?.bundles.name(bundleId),
  );
  const usage = createCostView(context, explorer, log);
  const services: Services = { context, log, clock, changes: new ChangeLog(), errorTargets, usage, ...explorer };
  active = services;
  context.subscriptions.push(
    ...registerCommands(services, COMMANDS),
    registerErrorDetailsSerializer(context, errorTargets, log),
  );
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  if (context.extensionMode === vscode.ExtensionMode.Production) return { activationMs, isAwsLoaded };
  return { services, activationMs, isAwsLoaded };
}

export function deactivate(): Promise<void> | undefined {
  // Everything else is disposed through context.subscriptions; VS Code waits for this promise
  // (briefly) before it does: the fleet cache's pending saves are written first.
  const s = active;
  active = undefined;
  return s?.close().catch(() => undefined);
}

import * as vscode from 'vscode';

export interface ExtensionApi {
  /** Resolves once activation finished; exposed for the integration tests. */
  readonly activatedAt: number;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = vscode.window.createOutputChannel('WorkSpaces', { log: true });
  context.subscriptions.push(log);
  context.subscriptions.push(
    vscode.commands.registerCommand('workspacesFleet.refresh', () => undefined),
    vscode.commands.registerCommand('workspacesFleet.openConfigFile', () => undefined),
    vscode.commands.registerCommand('workspacesFleet.showLog', () => log.show()),
  );
  return { activatedAt: Date.now() };
}

export function deactivate(): void {
  // Nothing to do: every disposable is in context.subscriptions.
}

// One wrapper registers every command: a user's cancel stays silent; any other error is written to
// the log (never credentials: AWS errors carry codes and messages only) and shown with "Show Log",
// under the command's title ("Stop WorkSpaces failed: …").
import * as vscode from 'vscode';
import { errorMessage, isAwsError } from '../../core/errors';
import type { Services } from '../../services';
import { notify } from './notify';

export interface CommandSpec {
  readonly id: string;
  /** What the command does, as its failure names it ("Stop WorkSpaces"). */
  readonly title: string;
  run(services: Services, ...args: unknown[]): unknown;
}

function isCancellation(err: unknown): boolean {
  if (err instanceof vscode.CancellationError) return true;
  if (isAwsError(err) && err.kind === 'cancelled') return true;
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'Canceled');
}

async function reportError(services: Services, title: string, err: unknown): Promise<void> {
  if (isCancellation(err)) return;
  const text = `${title} failed: ${errorMessage(err)}`;
  services.log.error(text);
  const choice = await notify.error(text, 'Show Log');
  if (choice === 'Show Log') services.log.show(true);
}

export function registerCommands(services: Services, specs: readonly CommandSpec[]): vscode.Disposable[] {
  return specs.map((spec) =>
    vscode.commands.registerCommand(spec.id, async (...args: unknown[]) => {
      try {
        return await spec.run(services, ...args);
      } catch (err) {
        await reportError(services, spec.title, err);
        return undefined;
      }
    }),
  );
}

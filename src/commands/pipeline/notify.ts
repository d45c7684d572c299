// Every notification of the extension goes through here (an ESLint rule forbids calling
// vscode.window.show*Message elsewhere), so no API string in a message can become a link.
import * as vscode from 'vscode';
import { inertLinks } from '../../core/text';

type Rest = (string | vscode.MessageOptions)[];
type Show = (message: string, ...rest: Rest) => Thenable<string | undefined>;

function inert(show: Show): (message: string, ...rest: Rest) => Thenable<string | undefined> {
  return (message, ...rest) =>
    show(
      inertLinks(message),
      ...rest.map((r) =>
        typeof r === 'string' || r.detail === undefined ? r : { ...r, detail: inertLinks(r.detail) },
      ),
    );
}

export const notify = {
  info: inert((m, ...r) => vscode.window.showInformationMessage(m, ...(r as [vscode.MessageOptions, ...string[]]))),
  warn: inert((m, ...r) => vscode.window.showWarningMessage(m, ...(r as [vscode.MessageOptions, ...string[]]))),
  error: inert((m, ...r) => vscode.window.showErrorMessage(m, ...(r as [vscode.MessageOptions, ...string[]]))),
};

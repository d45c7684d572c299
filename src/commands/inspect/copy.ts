import * as vscode from 'vscode';
import { workspaceArn } from '../../core/arn';
import type { WorkspaceView } from '../../core/present';
import { inertIcons } from '../../core/text';
import { plural } from '../pipeline/messages';
import { WORKSPACES, type Target } from '../pipeline/resources';
import { selectWorkspaces } from '../pipeline/selection';
import type { CommandSpec } from '../pipeline/registry';
import { notify } from '../pipeline/notify';

/** Why a WorkSpace has no value to copy: one reason for all, or one per WorkSpace. */
type Why = string | ((t: Target, ws: WorkspaceView | undefined) => string);

/** `a, b (why1); c (why2)` — the left-out WorkSpaces, grouped by reason. */
const leftOut = (missing: ReadonlyMap<string, string[]>, labels: (l: string[]) => string): string =>
  [...missing].map(([why, l]) => `${labels(l)} (${why})`).join('; ');

/** Copies one value per WorkSpace (one per line); tells which WorkSpaces have none and why. */
export function copyCommand(
  id: string,
  what: [string, string],
  value: (t: Target, ws: WorkspaceView) => string | undefined,
  why: Why,
): CommandSpec {
  const title = `Copy ${what[0]}`;
  return {
    id,
    title,
    async run(s, node?: unknown, selected?: unknown): Promise<string | undefined> {
      const targets = await selectWorkspaces(s, node, selected, title, 'copied');
      if (!targets || targets.length === 0) return undefined;
      const values: string[] = [];
      const missing = new Map<string, string[]>();
      for (const t of targets) {
        const ws = WORKSPACES.current(t.model, t.id);
        const v = ws ? value(t, ws) : undefined;
        if (v) values.push(v);
        else {
          const reason = typeof why === 'string' ? why : why(t, ws);
          missing.set(reason, [...(missing.get(reason) ?? []), t.label]);
        }
      }
      if (values.length === 0) {
        const some = (l: string[]): string =>
          `${l.slice(0, 3).join(', ')}${l.length > 3 ? ` and ${l.length - 3} more` : ''} ${l.length === 1 ? 'has' : 'have'} no ${what[0]}`;
        void notify.info(`Nothing copied: ${leftOut(missing, some)}.`);
        return undefined;
      }
      const text = values.join('\n');
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(
        `$(copy) Copied ${values.length === 1 ? inertIcons(values[0]) : plural(values.length, what[0], what[1])}`,
        4000,
      );
      if (missing.size > 0) {
        const all = (l: string[]): string => `${l.join(', ')} left out`;
        void notify.info(`Copied ${plural(values.length, what[0], what[1])}; ${leftOut(missing, all)}.`);
      }
      return text;
    },
  };
}

export const copyId = copyCommand('workspacesFleet.copyId', ['WorkSpace ID', 'WorkSpace IDs'], (t) => t.id, 'gone');

export const copyIp = copyCommand(
  'workspacesFleet.copyIp',
  ['IP address', 'IP addresses'],
  (_t, ws) => ws.IpAddress,
  'AWS has not assigned one yet',
);

/**
 * arn:aws:workspaces:<region>:<account>:workspace/<id>. DescribeWorkspaces gives no account id; the
 * WorkSpace's directory does (its IamRoleId is an IAM role ARN of the same account).
 */
export const copyArn = copyCommand(
  'workspacesFleet.copyArn',
  ['ARN', 'ARNs'],
  (t, ws) =>
    workspaceArn(ws, t.model.scope.region, ws.DirectoryId ? t.model.directories.items.get(ws.DirectoryId) : undefined),
  'the account id could not be read from the directory of the WorkSpace',
);

import * as vscode from 'vscode';
import type { RunningMode } from '@aws-sdk/client-workspaces';
import { actionCommand } from '../../core/actionTable';
import type { WorkspaceView } from '../../core/present';
import {
  AUTO_STOP_MAX_HOURS,
  AUTO_STOP_MIN_HOURS,
  parseAutoStopHours,
  validateAutoStopHours,
} from '../../core/validation';
import { plural } from '../pipeline/messages';
import { workspaceAction } from '../pipeline/resourceAction';
import { WORKSPACES, type Target } from '../pipeline/resources';

const TITLE = actionCommand('modifyRunningMode').name;

interface Choice {
  mode: RunningMode;
  label: string;
  /** AutoStop only: whole hours without a connection before it stops. */
  hours?: number;
}

/** The input step: the mode (the current one marked), then the AutoStop hours. */
async function chooseMode(eligible: readonly Target[]): Promise<Choice | undefined> {
  const props = eligible.map((t) => WORKSPACES.current(t.model, t.id)?.WorkspaceProperties);
  const same = <T>(values: T[]): T | undefined => (new Set(values).size === 1 ? values[0] : undefined);
  const mode = same(props.map((x) => x?.RunningMode));
  const minutes = same(props.map((x) => x?.RunningModeAutoStopTimeoutInMinutes));
  const what = eligible.length === 1 ? eligible[0].label : plural(eligible.length, 'WorkSpace', 'WorkSpaces');
  const pick = await vscode.window.showQuickPick(
    [
      {
        label: 'AutoStop',
        description: mode === 'AUTO_STOP' ? `current${minutes ? `, ${minutes / 60} h` : ''}` : '',
        detail: 'Billed by the hour. Stops after a set time without a connection; starts again when the user connects.',
        mode: 'AUTO_STOP' as const,
      },
      {
        label: 'AlwaysOn',
        description: mode === 'ALWAYS_ON' ? 'current' : '',
        detail: 'Billed monthly. Keeps running; a stopped WorkSpace is started.',
        mode: 'ALWAYS_ON' as const,
      },
    ],
    { title: `${TITLE}: ${what}`, placeHolder: 'Running mode', ignoreFocusOut: true },
  );
  if (!pick) return undefined;
  if (pick.mode !== 'AUTO_STOP') return { mode: pick.mode, label: pick.label };
  const text = await vscode.window.showInputBox({
    title: `${TITLE}: AutoStop time`,
    prompt: `Hours without a connection before the WorkSpace stops: a whole number from ${AUTO_STOP_MIN_HOURS} to ${AUTO_STOP_MAX_HOURS}.`,
    value: String(mode === 'AUTO_STOP' && minutes ? minutes / 60 : 1),
    ignoreFocusOut: true,
    validateInput: validateAutoStopHours,
  });
  const hours = text === undefined ? undefined : parseAutoStopHours(text);
  return hours === undefined ? undefined : { mode: pick.mode, label: pick.label, hours };
}

/** AutoStop (with its time in whole hours, 1–48) or AlwaysOn, for one or many WorkSpaces. */
export const changeRunningMode = workspaceAction<Choice>('modifyRunningMode', {
  input: (_s, eligible) => chooseMode(eligible),
  progress: (c) => `Setting ${c.label}${c.hours ? ` (${c.hours} h)` : ''}`,
  done: (c) => (c.hours !== undefined ? `Set AutoStop (${c.hours} h) on` : 'Set AlwaysOn on'),
  call: (api, ids, c, signal) =>
    api.setRunningMode(ids, c.mode, {
      abortSignal: signal,
      ...(c.hours !== undefined ? { autoStopHours: c.hours } : {}),
    }),
  // An answer lost: the re-read shows whether the mode (and AutoStop time) is the one asked for.
  verify: (before, after, c) => {
    const mode = (w: WorkspaceView | undefined) =>
      `${w?.WorkspaceProperties?.RunningMode}/${c.hours === undefined ? '' : w?.WorkspaceProperties?.RunningModeAutoStopTimeoutInMinutes}`;
    const wanted = `${c.mode}/${c.hours === undefined ? '' : c.hours * 60}`;
    return after === undefined
      ? 'unclear'
      : mode(after) === wanted
        ? 'done'
        : mode(after) === mode(before)
          ? 'notDone'
          : 'unclear';
  },
  // AlwaysOn starts a stopped WorkSpace: the settled rows are re-read, so polling follows the start.
  patch: (w, c) => {
    const wp = { ...w.WorkspaceProperties, RunningMode: c.mode };
    if (c.hours !== undefined) wp.RunningModeAutoStopTimeoutInMinutes = c.hours * 60;
    else delete wp.RunningModeAutoStopTimeoutInMinutes;
    return { ...w, WorkspaceProperties: wp };
  },
});

// What the compute-type and volume commands share: the changes this extension sent and AWS
// accepted in this session (the only part of AWS's 6-hour / 30-day windows the client can know,
// core/modify.ts), and their spec over the action pipeline (one WorkSpace per call, a modal that
// states the rules before anything is sent).
import type { ChangesAt } from '../../core/modify';
import type { WorkspaceView } from '../../core/present';
import type { WorkspaceAction } from '../../core/rules';
import type { Services } from '../../services';
import type { CommandSpec } from './registry';
import { plural } from './messages';
import { resourceAction, type ActionSpec } from './resourceAction';
import { WORKSPACES, type Target } from './resources';

/** The session's change log at the clock's now (Services.changes, Services.clock). */
export function changesNow(s: Services): ChangesAt {
  return { log: s.changes, now: s.clock.now() };
}

/** A ModifyWorkspaceProperties command over WorkSpaces: one per call, a modal with the rules. */
export function propertyAction<I>(
  spec: Omit<ActionSpec<WorkspaceView, WorkspaceAction, I>, 'resource' | 'idsPerCall' | 'confirm'>,
): CommandSpec {
  return resourceAction<WorkspaceView, WorkspaceAction, I>({
    ...spec,
    resource: WORKSPACES,
    idsPerCall: 1,
    confirm: 'modal',
  });
}

/** The chosen WorkSpaces as the model has them now, and how to name them in a title. */
export function chosen(eligible: readonly Target[]): { items: WorkspaceView[]; one?: WorkspaceView; what: string } {
  const items = eligible.map((t) => WORKSPACES.current(t.model, t.id)).filter((w): w is WorkspaceView => !!w);
  const one = items.length === 1 ? items[0] : undefined;
  return {
    items,
    ...(one ? { one } : {}),
    what: one ? eligible[0].label : plural(items.length, 'WorkSpace', 'WorkSpaces'),
  };
}

// What the compute-type and volume commands share: the changes this extension sent and AWS
// accepted in this session (the only part of AWS's 6-hour / 30-day windows the client can know,
// core/modify.ts), and the chosen WorkSpaces of their input step.
import type { ChangesAt } from '../../core/modify';
import type { WorkspaceView } from '../../core/present';
import type { Services } from '../../services';
import { plural } from './messages';
import { WORKSPACES, type Target } from './resources';

/** The session's change log at the clock's now (Services.changes, Services.clock). */
export function changesNow(s: Services): ChangesAt {
  return { log: s.changes, now: s.clock.now() };
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

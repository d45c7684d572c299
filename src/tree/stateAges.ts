// "In this state for …" in the explorer: when each WorkSpace was first seen in its state (one
// StateClock per scope), and the periodic check that re-renders the rows whose age text moved on.
import type { Clock } from '../core/clock';
import { showsStateAge } from '../core/present';
import type { ScopeModel } from '../fleet/scopeModel';
import { StateClock } from '../fleet/view';
import { type Node, WorkspaceNode } from './nodes';
import type { RefreshBatch } from './refreshBatch';

/** How often rows of WorkSpaces that are moving or need attention are checked for a new
 *  "in this state for …" (it changes every 5 min at most). */
export const AGE_CHECK_MS = 60_000;

/** The state clock of each scope, made on first use. */
export class StateClocks {
  private readonly clocks = new WeakMap<ScopeModel, StateClock>();

  of(model: ScopeModel): StateClock {
    let c = this.clocks.get(model);
    if (!c) this.clocks.set(model, (c = new StateClock()));
    return c;
  }
}

/** Refreshes the rows whose "in this state for …" (or relative connection time) moved on. */
export function refreshAged(nodes: Iterable<Node>, batch: RefreshBatch, clock: Clock): void {
  const now = new Date(clock.now());
  for (const n of nodes) {
    if (n instanceof WorkspaceNode && showsStateAge(n.workspace.State) && n.isStale(now)) batch.pending.add(n);
  }
  if (batch.pending.size > 0) batch.schedule(0);
}

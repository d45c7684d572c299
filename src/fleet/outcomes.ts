// Actions whose answer was lost (ActionOutcome `unknown`: the request went out, no answer could be
// read, so AWS may have applied it). They are never sent again: the items are re-read and each is
// settled from what the re-read shows — done (its state moved as the action moves it), not done
// (unchanged), or unclear (the evidence cannot tell, e.g. a reboot that may already be over).
// Pure: no `vscode`; the unit tests run it against the emulator.
import { errorMessage } from '../core/errors';
import type { WorkspaceView } from '../core/present';
import { ACTION_TABLE, type WorkspaceAction } from '../core/actionTable';

export type Verdict = 'done' | 'notDone' | 'unclear';

/**
 * What a re-read says about a lifecycle action whose answer was lost: `before` is the WorkSpace as
 * it was when the action was sent, `after` as re-read (undefined: DescribeWorkspaces no longer
 * returns it).
 */
export function workspaceVerdict(
  action: WorkspaceAction,
  before: WorkspaceView | undefined,
  after: WorkspaceView | undefined,
): Verdict {
  // The states that prove it (core/actionTable.ts): Reboot, Rebuild and Restore end in the state
  // they start from (AVAILABLE), so only their moving state proves them.
  const row = ACTION_TABLE[action];
  if (after === undefined) return row.doneWhenGone ? 'done' : 'unclear';
  const applied: readonly string[] | undefined = row.applied;
  if (!applied) return 'unclear';
  if (after.State !== before?.State && applied.includes(after.State ?? '')) return 'done';
  if (after.State === before?.State) return row.returnsToStart ? 'unclear' : 'notDone';
  return 'unclear';
}

export interface UnknownCheck<T> {
  /** Re-reads the items by id (the model's rows are updated). */
  reread(ids: readonly string[]): Promise<void>;
  /** An item as the model has it now (undefined: gone). */
  current(id: string): T | undefined;
  /** The verdict of one item from before and after. */
  verdict(before: T | undefined, after: T | undefined): Verdict;
  /**
   * Items that show no change yet get a second look after this long (ms): AWS applies actions
   * asynchronously, and how soon a Describe shows the new state is not documented. Default 2 000.
   */
  recheckMs?: number;
}

export interface UnknownResult {
  verdicts: Map<string, Verdict>;
  /** Set when a re-read failed (its items stay unclear). */
  error?: string;
}

/**
 * Settles items whose action answer was lost, by re-reading them (one read by id, a second one
 * after `recheckMs` for those that look unchanged). Never throws; never repeats the action.
 */
export async function checkUnknown<T>(
  ids: readonly string[],
  before: ReadonlyMap<string, T | undefined>,
  c: UnknownCheck<T>,
): Promise<UnknownResult> {
  const verdicts = new Map<string, Verdict>(ids.map((id) => [id, 'unclear']));
  const judge = (list: readonly string[]): void => {
    for (const id of list) verdicts.set(id, c.verdict(before.get(id), c.current(id)));
  };
  try {
    await c.reread(ids);
    judge(ids);
    const unchanged = ids.filter((id) => verdicts.get(id) === 'notDone');
    if (unchanged.length > 0) {
      // Unclear until the second look says otherwise (or fails).
      for (const id of unchanged) verdicts.set(id, 'unclear');
      await new Promise((r) => setTimeout(r, c.recheckMs ?? 2000));
      await c.reread(unchanged);
      judge(unchanged);
    }
    return { verdicts };
  } catch (e) {
    return { verdicts, error: errorMessage(e) };
  }
}

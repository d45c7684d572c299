// The WorkSpace rows of a scope model: the one place a row is written (its status and tags kept
// across re-reads), the "Creating…" rows AWS does not list yet (its eventual consistency), and the
// rows whose connection status is missing, the rows polling follows, and what a change of a
// profile's settings drops. Pure functions over the model's row map.
import type { WorkspaceConnectionStatus } from '@aws-sdk/client-workspaces';
import type { WorkspaceView } from '../core/present';
import { isWorkspaceMoving } from '../core/states';

/**
 * The one place a WorkSpace row is written: the new data, its connection status (the one just
 * read, else the one it carries, else the last one known) and its tags from before (tags are
 * loaded on demand and the status comes a moment after the row: a refresh does not flicker).
 */
export function putRow(
  rows: Map<string, WorkspaceView>,
  firstSeen: Map<string, number>,
  id: string,
  next: WorkspaceView,
  status: WorkspaceConnectionStatus | undefined,
  now: number,
): void {
  const old = rows.get(id);
  const row: WorkspaceView = next === old ? { ...next } : next;
  if (!row.tags && old?.tags) row.tags = old.tags;
  const connection = status ?? row.connection ?? old?.connection;
  if (connection) row.connection = connection;
  // A status that arrives clears the mark of a failed one; new data without status keeps it.
  if (status) delete row.statusError;
  else if (row.statusError === undefined && old?.statusError !== undefined) row.statusError = old.statusError;
  if (!firstSeen.has(id)) firstSeen.set(id, now);
  // When this copy was read (other windows keep the newest copy of a row: scopeSnapshot.ts).
  row.readAt = now;
  rows.set(id, row);
}

/**
 * Whether a WorkSpace the listing (or a re-read) did not return stays: only one this extension
 * created, within the window AWS may need to list it. Past the window it stays once more, marked
 * as given up (a clear row the person sees), and goes at the next listing.
 */
export function keepUnlisted(
  rows: Map<string, WorkspaceView>,
  id: string,
  now: number,
  window: number,
  warn: (message: string) => void,
): boolean {
  const w = rows.get(id);
  const c = w?.creating;
  if (!w || !c || c.gaveUp) return false;
  if (now - c.since < window) return true;
  rows.set(id, { ...w, creating: { ...c, gaveUp: true } });
  warn(
    `${id} was created ${Math.round((now - c.since) / 1000)} s ago and DescribeWorkspaces still does not return it; no longer waiting for it.`,
  );
  return true;
}

/** Rows whose connection status is missing because its call failed, and the first reason. */
export function statusMissing(rows: Iterable<WorkspaceView>): { count: number; reason?: string } {
  let count = 0;
  let reason: string | undefined;
  for (const w of rows) {
    if (w.statusError === undefined) continue;
    count++;
    reason ??= w.statusError;
  }
  return reason === undefined ? { count } : { count, reason };
}

/** Ids of the WorkSpaces in a moving state or with a change running (the ones polling follows). */
export function movingIds(rows: Map<string, WorkspaceView>): string[] {
  const ids: string[] = [];
  for (const [id, w] of rows) {
    if (w.creating?.gaveUp) continue;
    if (isWorkspaceMoving(w) || w.creating) ids.push(id);
  }
  return ids;
}

/** A profile's settings changed (ScopeModel.cancel): what the rows kept from the old ones goes. */
export function forgetOldSettings(rows: Map<string, WorkspaceView>): void {
  // WorkSpaces created through the old settings (another endpoint or account, maybe) are not
  // waited for: the next listing alone says what this scope has. Tags loaded through the old
  // settings are forgotten too (a listing keeps the tags it does not bring, so they would stay):
  // they are read again on demand.
  for (const [id, w] of [...rows]) {
    if (w.creating) {
      rows.delete(id);
    } else if (w.tags !== undefined) {
      const { tags: _stale, ...rest } = w;
      rows.set(id, rest);
    }
  }
}

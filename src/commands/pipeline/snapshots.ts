// The snapshots a Rebuild, a Restore or a migration would use, for their confirmations: read with
// DescribeWorkspaceSnapshots (one call per WorkSpace, interactive priority), at most 10 shown.
import { errorMessage } from '../../core/errors';
import { relativeTime } from '../../core/present';
import { formatUtc } from '../../core/text';
import type { Snapshots } from '../../core/types';
import type { Services } from '../../services';
import type { Target } from './resources';

/** Which snapshot the action uses: the user volume's (rebuild, migrate) or both volumes' (restore). */
export type SnapshotUse = 'rebuild' | 'restore' | 'migrate';

const SHOWN = 10;

/** One line per WorkSpace: the snapshot it will use, or plainly that it has none. */
export function snapshotLine(use: SnapshotUse, label: string, snaps: Snapshots, now: Date): string {
  const list = use === 'restore' ? snaps.restore : snaps.rebuild;
  const newest = list[0];
  if (!newest) {
    return use === 'restore'
      ? `${label}: has NO restore snapshot — AWS will refuse to restore it (none was taken while it was healthy, or it is younger than its first snapshot). Rebuild it instead.`
      : `${label}: has NO snapshot of its user volume yet — AWS will refuse to ${use} it (the first one is taken within about 12 hours of its creation).`;
  }
  const when = `${formatUtc(newest, 'minutes')} (${relativeTime(newest, now)})`;
  return use === 'restore'
    ? `${label}: restores to the snapshot of ${when}.`
    : `${label}: the user volume comes back from the snapshot of ${when}.`;
}

/** The confirmation lines of an action that uses snapshots (read now; a failed read says so). */
export async function snapshotDetails(s: Services, use: SnapshotUse, eligible: readonly Target[]): Promise<string[]> {
  const layer = await s.aws();
  const shown = eligible.slice(0, SHOWN);
  const lines = await Promise.all(
    shown.map(async (t) => {
      try {
        const snaps = await layer.api(t.model.scope).snapshots(t.id, { priority: 'interactive' });
        return snapshotLine(use, t.label, snaps, new Date(s.clock.now()));
      } catch (e) {
        s.log.warn(`Snapshots of ${t.id} could not be read: ${errorMessage(e)}`);
        return `${t.label}: its snapshots could not be read (${errorMessage(e)}).`;
      }
    }),
  );
  if (eligible.length > shown.length) lines.push(`… and ${eligible.length - shown.length} more`);
  return ['Snapshots:', ...lines];
}

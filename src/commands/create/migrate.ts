import type { WorkspaceBundle } from '@aws-sdk/client-workspaces';
import { actionCommand } from '../../core/actionTable';
import { whyNotMigrate, whyNotMigrateTo } from '../../core/modify';
import type { WorkspaceView } from '../../core/present';
import type { MigrateOutcome } from '../../core/types';
import { bundleSummary } from '../../fleet/bundles';
import { pickBundle } from '../pipeline/bundlePicker';
import { plural } from '../pipeline/messages';
import { notify } from '../pipeline/notify';
import { workspaceAction } from '../pipeline/resourceAction';
import { byScope } from '../pipeline/selection';
import { WORKSPACES, type Target } from '../pipeline/resources';
import { snapshotDetails } from '../pipeline/snapshots';

const TITLE = actionCommand('migrate').name;

/** The input step: the target bundle (own and Amazon's), without the bundle the WorkSpace uses. */
async function chooseBundle(eligible: readonly Target[]): Promise<WorkspaceBundle | undefined> {
  const model = eligible[0].model;
  const current = new Set(eligible.map((t) => WORKSPACES.current(t.model, t.id)?.BundleId));
  const what = eligible.length === 1 ? eligible[0].label : plural(eligible.length, 'WorkSpace', 'WorkSpaces');
  const from = eligible.length === 1 ? model.bundles.name([...current][0]) : undefined;
  return pickBundle(model, {
    title: `${TITLE}: ${what}${from ? ` (now ${from})` : ''}`,
    placeHolder: 'Target bundle: its image becomes the new root volume (C:); the user volume (D:) is kept',
    exclude: (b) => current.size === 1 && current.has(b.BundleId),
  });
}

/**
 * MigrateWorkspace to another bundle (one WorkSpace per call): the bundle picker, what the
 * migration does to the volumes and the user profile folder, the snapshot the user volume comes
 * from, and the typed id. The new WorkSpace shows as Pending at once; polling follows it.
 */
export const migrateWorkspaces = workspaceAction<WorkspaceBundle>('migrate', {
  whyNot: whyNotMigrate,
  whyNotWith: (ws, b) => whyNotMigrateTo(ws, b),
  input: async (_s, eligible) => {
    // A bundle belongs to a region (and an account): one scope per run.
    if (new Set(eligible.map((t) => t.model)).size > 1) {
      void notify.info('Migrate the WorkSpaces of one profile and region at a time: bundles differ between regions.');
      return undefined;
    }
    return chooseBundle(eligible);
  },
  details: async (s, eligible, b) => [
    `Target bundle: ${b.Name ?? b.BundleId ?? '?'} (${b.BundleId ?? '?'}) — ${bundleSummary(b)}`,
    '',
    ...(await snapshotDetails(s, 'migrate', eligible)),
  ],
  progress: (b) => `Migrating to ${b.Name ?? b.BundleId ?? 'the bundle'}`,
  done: (b) => `Started the migration to ${b.Name ?? b.BundleId ?? 'the bundle'} of`,
  call: (api, ids, b, signal) => api.migrate(ids, b.BundleId ?? '', { abortSignal: signal }),
  // The new WorkSpace (new id) shows as Pending under the same user; the source keeps its state until
  // AWS terminates it, once the new one is AVAILABLE (the next listing shows that).
  settled: (s, targets, outcomes, b) => {
    const ok = new Map(
      (outcomes as MigrateOutcome[]).filter((o) => o.ok && o.targetId).map((o) => [o.id, o.targetId as string]),
    );
    for (const [model, items] of byScope(targets)) {
      const added = items
        .map((t) => ({ source: WORKSPACES.current(model, t.id), target: ok.get(t.id) }))
        .filter((x): x is { source: WorkspaceView; target: string } => !!x.source && !!x.target)
        .map(({ source, target }): WorkspaceView => ({
          WorkspaceId: target,
          DirectoryId: source.DirectoryId,
          UserName: source.UserName,
          BundleId: b.BundleId,
          State: 'PENDING',
          WorkspaceProperties: source.WorkspaceProperties,
          ...(source.tags ? { tags: source.tags } : {}),
        }));
      if (added.length > 0) model.addWorkspaces(added);
    }
    s.poller.kick();
  },
});

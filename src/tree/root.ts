// The rows of the tree's root: the profiles of the AWS files, then one row per organisation of IAM
// Identity Center with its accounts under it (organizations.ts).
import type { Fleet } from '../fleet/fleet';
import { ProfileNode } from './containers';
import type { Node, TreeContext } from './node';
import { organizationRows } from './organizations';
import { ErrorNode } from './rows';

/** The rows of the tree's root: one per profile (none while loading, failed or empty: welcome views). */
export function fleetRows(fleet: Fleet, ctx: TreeContext): Node[] {
  if (fleet.state === 'loading' && fleet.profiles.length === 0) {
    void fleet.loadProfiles();
    return [];
  }
  if (fleet.state === 'error' && fleet.error) return [new ErrorNode(undefined, fleet.error, {})];
  if (fleet.state === 'noProfiles' || (fleet.allFailing && fleet.organizations.length === 0)) return [];
  // The profiles of the files, then one row per organisation of IAM Identity Center (its accounts under it).
  return [
    ...fleet.profiles
      .filter((entry) => entry.info.organization === undefined)
      .map((entry) => ctx.row(ProfileNode.idFor(entry.info.name), () => new ProfileNode(entry)).update(entry)),
    ...organizationRows(fleet, ctx),
  ];
}

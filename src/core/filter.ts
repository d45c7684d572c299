// Filter matching of the explorer's rows: the filter text's terms (bare words and `key:value`)
// against a WorkSpace's, an image's or a pool's fields. Pure, like present.ts.
import type { WorkspaceImage, WorkspacesPool } from '@aws-sdk/client-workspaces';
import type { WorkspaceView } from './present';
import { protocolLabel } from './protocol';

/** The `key:` of a filter term; each kind of row fills the keys it has (an image has no user). */
const FILTER_KEYS = ['id', 'user', 'computer', 'ip', 'dir', 'state', 'mode', 'bundle', 'tag', 'protocol'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const FILTER_TERM = new RegExp(`^(${FILTER_KEYS.join('|')}):(.*)$`);

/**
 * Filter text: space-separated terms, all of which must match (case-insensitive substring). A bare
 * word matches any of the row's fields; a `key:value` term only that field, and a row without
 * that field does not match it (`user:ann` hides every image).
 */
function matchesTerms(
  filter: string,
  fields: Partial<Record<FilterKey, string[]>>,
  words: readonly string[] = [],
): boolean {
  const terms = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  return terms.every((term) => {
    const m = FILTER_TERM.exec(term);
    const hay = m ? (fields[m[1] as FilterKey] ?? []) : [...Object.values(fields).flat(), ...words];
    const needle = m ? m[2] : term;
    return hay.some((v) => v.toLowerCase().includes(needle));
  });
}

/**
 * A WorkSpace against the filter: id, user, computer name, IP, directory id/name, state, running
 * mode, bundle id, tags (`key=value`), protocol (PCoIP / DCV). Terms: state:stopped, user:ann, dir:corp,
 * tag:team=blue, ip:10, protocol:pcoip.
 */
export function matchesFilter(ws: WorkspaceView, filter: string, directoryName?: string): boolean {
  return matchesTerms(filter, {
    id: [ws.WorkspaceId ?? ''],
    user: [ws.UserName ?? ''],
    computer: [ws.ComputerName ?? ''],
    ip: [ws.IpAddress ?? ''],
    dir: [ws.DirectoryId ?? '', directoryName ?? ''],
    state: [ws.State ?? ''],
    mode: [ws.WorkspaceProperties?.RunningMode ?? ''],
    bundle: [ws.BundleId ?? ''],
    tag: (ws.tags ?? []).map((t) => `${t.Key ?? ''}=${t.Value ?? ''}`),
    protocol: [protocolLabel(ws)],
  });
}

/** An image against the filter: id, state (`id:`, `state:`), and as words its name, OS,
 *  description and error codes. */
export function imageMatchesFilter(img: WorkspaceImage, filter: string): boolean {
  return matchesTerms(filter, { id: [img.ImageId ?? ''], state: [img.State ?? ''] }, [
    img.Name ?? '',
    img.OperatingSystem?.Type ?? '',
    img.Description ?? '',
    img.ErrorCode ?? '',
    ...(img.ErrorDetails ?? []).map((d) => d.ErrorCode ?? ''),
  ]);
}

/** A pool against the filter: id, state, directory id/name, running mode, bundle id, and as words
 *  its name, description and error codes. */
export function poolMatchesFilter(pool: WorkspacesPool, filter: string, directoryName?: string): boolean {
  return matchesTerms(
    filter,
    {
      id: [pool.PoolId ?? ''],
      state: [pool.State ?? ''],
      dir: [pool.DirectoryId ?? '', directoryName ?? ''],
      mode: [pool.RunningMode ?? ''],
      bundle: [pool.BundleId ?? ''],
    },
    [pool.PoolName ?? '', pool.Description ?? '', ...(pool.Errors ?? []).map((e) => e.ErrorCode ?? '')],
  );
}

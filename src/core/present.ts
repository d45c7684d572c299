// Pure presentation of WorkSpaces, directories, images and pools: labels, descriptions, icons,
// tooltip fields, grouping keys (filter matching is in filter.ts). No `vscode` here: the tree turns
// these into TreeItems, the tests check them in plain Node.
import type {
  Workspace,
  WorkspaceConnectionStatus,
  WorkspaceDirectory,
  WorkspaceImage,
  WorkspacesPool,
  Tag,
} from '@aws-sdk/client-workspaces';
import { modificationLabel } from './modify';
import { isDirectoryMoving, isGone, isImageMoving, isMoving, isPoolMoving, isProblem } from './states';
import { clockTime, formatUtc } from './text';

/** A WorkSpace as the tree knows it: the API's fields, its connection status, its tags when loaded. */
export interface WorkspaceView extends Workspace {
  connection?: WorkspaceConnectionStatus;
  tags?: Tag[];
  /** Why its connection status could not be read in the last attempt (the row keeps the rest, and
   *  the last status known, if any). Cleared by the next status that arrives. */
  statusError?: string;
  /** Set while the row shows data from the persistent cache (ms the listing that stored it ended);
   *  cleared when a listing or a re-read brings the WorkSpace again. */
  cachedAt?: number;
  /**
   * A WorkSpace this extension created that DescribeWorkspaces does not return yet (AWS makes new
   * WorkSpaces visible after a delay): kept as "Creating…" from `since` (ms) until it shows, and
   * marked `gaveUp` when it still has not after the model's window.
   */
  creating?: { since: number; gaveUp?: boolean };
  /** When this copy of the row was read from AWS or changed here (ms): windows that share the fleet
   *  keep the newest copy of each row. */
  readAt?: number;
}

/** The note of a "Creating…" row (tooltip). */
export const CREATING_NOTE =
  'Created by this extension. AWS makes new WorkSpaces visible after a delay: the row stays until DescribeWorkspaces returns it.';

/** Icon = a codicon id and a theme colour id (both resolved by the VS Code layer). */
export interface IconSpec {
  id: string;
  color?: string;
}

/** "RUNNING_MODE" → "Running mode"-style words for display: AUTO_STOP → "AutoStop". */
export function runningModeLabel(mode: string | undefined): string {
  switch (mode) {
    case 'AUTO_STOP':
      return 'AutoStop';
    case 'ALWAYS_ON':
      return 'AlwaysOn';
    case 'MANUAL':
      return 'Manual';
    case undefined:
    case '':
      return 'unknown mode';
    default:
      return mode;
  }
}

/** ADMIN_MAINTENANCE → "Admin maintenance". */
export function stateLabel(state: string | undefined): string {
  if (!state) return 'Unknown';
  const words = state.toLowerCase().split('_');
  return [words[0].charAt(0).toUpperCase() + words[0].slice(1), ...words.slice(1)].join(' ');
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Short relative time: "just now", "12 min ago", "5 h ago", "3 d ago", "4 mo ago", "2 y ago". */
export function relativeTime(when: Date, now: Date): string {
  const ms = now.getTime() - when.getTime();
  if (ms < MINUTE) return 'just now';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ago`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ago`;
  if (ms < 60 * DAY) return `${Math.floor(ms / DAY)} d ago`;
  if (ms < 365 * DAY) return `${Math.floor(ms / (30 * DAY))} mo ago`;
  return `${Math.floor(ms / (365 * DAY))} y ago`;
}

/** "connected", "last seen 3 d ago", "never connected", "status unavailable" (its call failed), or
 *  "" while the status is not loaded. */
export function connectionLabel(ws: WorkspaceView, now: Date): string {
  if (ws.statusError !== undefined) return 'status unavailable';
  const c = ws.connection;
  if (!c) return '';
  if (c.ConnectionState === 'CONNECTED') return 'connected';
  if (c.LastKnownUserConnectionTimestamp) {
    return `last seen ${relativeTime(new Date(c.LastKnownUserConnectionTimestamp), now)}`;
  }
  return 'never connected';
}

/** The row's label: who uses it (the user, else the WorkSpace's name, else its id). Nothing else,
 *  so that the state, right after it, shows at any sidebar width. */
export function workspaceLabel(ws: WorkspaceView): string {
  return ws.UserName ?? ws.WorkspaceName ?? ws.WorkspaceId ?? 'WorkSpace';
}

/** The state as a row shows it: short enough for a narrow sidebar ("Admin maint."). */
export function rowStateLabel(state: string | undefined): string {
  return state === 'ADMIN_MAINTENANCE' ? 'Admin maint.' : stateLabel(state);
}

/** What a "Creating…" row says instead of its state (or '' for any other row). */
export function creatingLabel(ws: WorkspaceView, now: Date): string {
  if (!ws.creating) return '';
  if (!ws.creating.gaveUp) return 'Creating…';
  return `Never listed by AWS (created ${relativeTime(new Date(ws.creating.since), now)})`;
}

/** State first (what a narrow sidebar still shows), then a property change running, running mode,
 *  connection, computer name. */
export function workspaceDescription(ws: WorkspaceView, now: Date): string {
  return [
    creatingLabel(ws, now) || rowStateLabel(ws.State),
    modificationLabel(ws),
    runningModeLabel(ws.WorkspaceProperties?.RunningMode),
    connectionLabel(ws, now),
    ws.ComputerName ?? '',
  ]
    .filter((s) => s.length > 0)
    .join(' · ');
}

/**
 * How long a WorkSpace has been in its state, coarsely ("under 5 min", "25 min", "3 h", "2 d"):
 * steps of 5 minutes under an hour, then hours, then days. Coarse on purpose: the tree refreshes a
 * row only when this text changes, not every minute.
 */
export function stateAge(ms: number): string {
  if (ms < 5 * MINUTE) return 'under 5 min';
  if (ms < HOUR) return `${Math.floor(ms / (5 * MINUTE)) * 5} min`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h`;
  return `${Math.floor(ms / DAY)} d`;
}

/**
 * The tooltip's "In this state": "for 25 min or more (first seen 14:03 UTC)". `since` is when the
 * extension first saw the state — AWS does not say when a WorkSpace entered it — so the duration
 * is a lower bound, and under 5 minutes only the sighting is told.
 */
export function stateAgeText(since: number, now: Date): string {
  const seen = `first seen ${formatUtc(since, 'minutes')}`;
  const age = now.getTime() - since;
  return age < 5 * MINUTE ? seen : `for ${stateAge(age)} or more (${seen})`;
}

/** States whose duration is worth telling: moving ones (stuck?) and the ones that need attention. */
export function showsStateAge(state: string | undefined): boolean {
  return isMoving(state) || isProblem(state);
}

/** The icon of a WorkSpace row: its state's, or a warning for a created WorkSpace AWS never listed. */
export function workspaceRowIcon(ws: WorkspaceView): IconSpec {
  return ws.creating?.gaveUp ? { id: 'question', color: 'charts.yellow' } : workspaceIcon(ws.State);
}

export function workspaceIcon(state: string | undefined): IconSpec {
  if (isMoving(state)) return { id: 'loading~spin' };
  switch (state) {
    case 'AVAILABLE':
      return { id: 'vm-running', color: 'charts.green' };
    case 'STOPPED':
      return { id: 'vm-outline', color: 'disabledForeground' };
    case 'ERROR':
      return { id: 'error', color: 'charts.red' };
    case 'UNHEALTHY':
    case 'IMPAIRED':
      return { id: 'warning', color: 'charts.yellow' };
    case 'ADMIN_MAINTENANCE':
      return { id: 'tools', color: 'charts.blue' };
    case 'SUSPENDED':
      return { id: 'debug-pause', color: 'charts.orange' };
    default:
      return isGone(state) ? { id: 'trash', color: 'disabledForeground' } : { id: 'vm' };
  }
}

/** Segmented context value for menus: `workspace:<state>:<runningMode>`, lower case. */
export function workspaceContextValue(ws: WorkspaceView): string {
  const state = (ws.State ?? 'unknown').toLowerCase();
  const mode = (ws.WorkspaceProperties?.RunningMode ?? 'unknown').toLowerCase();
  return `workspace:${state}:${mode}`;
}

function gib(n: number | undefined): string | undefined {
  return n === undefined ? undefined : `${n} GiB`;
}

/** The AutoStop time of an AutoStop WorkSpace, in hours (the API keeps minutes). */
export function autoStopHours(ws: WorkspaceView): number | undefined {
  const p = ws.WorkspaceProperties;
  return p?.RunningMode === 'AUTO_STOP' && p.RunningModeAutoStopTimeoutInMinutes
    ? p.RunningModeAutoStopTimeoutInMinutes / 60
    : undefined;
}

/** Every field worth showing in a WorkSpace's tooltip, in order; undefined values are dropped. */
export function workspaceFields(
  ws: WorkspaceView,
  extra: { directoryName?: string; bundleName?: string; stateSince?: number },
  now: Date,
): [string, string][] {
  const p = ws.WorkspaceProperties ?? {};
  const c = ws.connection;
  const since = extra.stateSince;
  const rows: [string, string | undefined][] = [
    ['WorkSpace ID', ws.WorkspaceId],
    ['User', ws.UserName],
    ['State', ws.State],
    ['In this state', since !== undefined && showsStateAge(ws.State) ? stateAgeText(since, now) : undefined],
    ['Computer name', ws.ComputerName],
    ['IP address', ws.IpAddress],
    ['Directory', extra.directoryName ? `${extra.directoryName} (${ws.DirectoryId ?? ''})` : ws.DirectoryId],
    ['Bundle', extra.bundleName ? `${extra.bundleName} (${ws.BundleId ?? ''})` : ws.BundleId],
    ['Compute type', p.ComputeTypeName],
    ['Change running', modificationLabel(ws)],
    ['Running mode', p.RunningMode],
    ['AutoStop timeout', autoStopHours(ws) !== undefined ? `${autoStopHours(ws)} h` : undefined],
    ['Protocols', p.Protocols?.join(', ')],
    ['Root volume', gib(p.RootVolumeSizeGib)],
    ['User volume', gib(p.UserVolumeSizeGib)],
    [
      'Encryption',
      ws.RootVolumeEncryptionEnabled || ws.UserVolumeEncryptionEnabled
        ? [ws.RootVolumeEncryptionEnabled ? 'root' : undefined, ws.UserVolumeEncryptionEnabled ? 'user' : undefined]
            .filter(Boolean)
            .join(' + ') + (ws.VolumeEncryptionKey ? ` (${ws.VolumeEncryptionKey})` : '')
        : 'none',
    ],
    ['Subnet', ws.SubnetId],
    [
      'Note',
      ws.creating
        ? ws.creating.gaveUp
          ? `${CREATING_NOTE} It still has not: check the AWS console, then Refresh.`
          : CREATING_NOTE
        : undefined,
    ],
    [
      'Connection status',
      ws.statusError !== undefined ? `connection status unavailable: ${ws.statusError}` : undefined,
    ],
    ['Connection', c ? (c.ConnectionState ?? 'UNKNOWN') : undefined],
    [
      'Last connection',
      c
        ? c.LastKnownUserConnectionTimestamp
          ? `${formatUtc(c.LastKnownUserConnectionTimestamp)} (${relativeTime(new Date(c.LastKnownUserConnectionTimestamp), now)})`
          : 'never'
        : undefined,
    ],
    ['Error', ws.ErrorCode ? `${ws.ErrorCode}: ${ws.ErrorMessage ?? ''}` : undefined],
    [
      'Tags',
      ws.tags
        ? ws.tags.length
          ? ws.tags.map((t) => `${t.Key ?? ''}=${t.Value ?? ''}`).join(', ')
          : 'none'
        : undefined,
    ],
    ['As of', ws.cachedAt !== undefined ? `${clockTime(ws.cachedAt, now)} (cached data; refreshing)` : undefined],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '');
}

/**
 * Days since the user last connected; undefined while the status is unknown. A WorkSpace nobody
 * ever connected to counts from its creation, which DescribeWorkspaces does not tell (the
 * Workspace shape has no creation time): `since` is the best known lower bound — when this
 * extension created it, else when it first saw it (ms). Without `since`, never = Infinity.
 */
export function idleDays(ws: WorkspaceView, now: Date, since?: number): number | undefined {
  const c = ws.connection;
  if (!c) return undefined;
  if (c.ConnectionState === 'CONNECTED') return 0;
  if (!c.LastKnownUserConnectionTimestamp) return since === undefined ? Infinity : (now.getTime() - since) / DAY;
  return (now.getTime() - new Date(c.LastKnownUserConnectionTimestamp).getTime()) / DAY;
}

/** Not connected for `days` or more (never connected: for `days` since `since`, see idleDays). */
export function isIdle(ws: WorkspaceView, days: number, now: Date, since?: number): boolean {
  const d = idleDays(ws, now, since);
  return d !== undefined && d >= days;
}

export type GroupBy = 'directory' | 'state' | 'runningMode' | 'none';

export function groupKey(ws: WorkspaceView, by: GroupBy): string {
  switch (by) {
    case 'directory':
      return ws.DirectoryId ?? 'unknown';
    case 'state':
      return ws.State ?? 'UNKNOWN';
    case 'runningMode':
      return ws.WorkspaceProperties?.RunningMode ?? 'UNKNOWN';
    case 'none':
      return '';
  }
}

/** The directory's alias, else its name, else its id. An Alias that only repeats the id (some
 *  endpoints send no friendly alias) says nothing: the name is shown instead. */
export function directoryLabel(d: WorkspaceDirectory): string {
  const alias = d.Alias && d.Alias !== d.DirectoryId ? d.Alias : undefined;
  return alias || d.DirectoryName || d.DirectoryId || 'directory';
}

export function directoryDescription(d: WorkspaceDirectory): string {
  return [d.DirectoryType, d.State ? stateLabel(d.State) : undefined].filter(Boolean).join(' · ');
}

export function directoryIcon(d: WorkspaceDirectory): IconSpec {
  if (isDirectoryMoving(d.State)) return { id: 'loading~spin' };
  switch (d.State) {
    case 'REGISTERED':
      return { id: 'organization' };
    case 'ERROR':
      return { id: 'error', color: 'charts.red' };
    default:
      return { id: 'organization', color: 'disabledForeground' };
  }
}

export function imageDescription(img: WorkspaceImage): string {
  const errors = (img.ErrorDetails?.length ?? 0) || (img.ErrorCode ? 1 : 0);
  return [
    img.OperatingSystem?.Type,
    stateLabel(img.State),
    img.State === 'ERROR' ? `${errors} error${errors === 1 ? '' : 's'}` : undefined,
    img.Updates?.UpdateAvailable ? 'update available' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function imageIcon(img: WorkspaceImage): IconSpec {
  if (isImageMoving(img.State)) return { id: 'loading~spin' };
  switch (img.State) {
    case 'AVAILABLE':
      return { id: 'file-media', color: img.Updates?.UpdateAvailable ? 'charts.blue' : undefined };
    case 'ERROR':
      return { id: 'error', color: 'charts.red' };
    default:
      return { id: 'file-media' };
  }
}

/**
 * A pool's user sessions in the same words everywhere (row, tooltip, error-details panel): short,
 * "3 active · 20 desired"; long, "3 active, 17 available, 20 actual, 20 desired". A count the API
 * left out shows as "?".
 */
export function poolSessions(pool: WorkspacesPool, form: 'short' | 'long'): string {
  const c = pool.CapacityStatus;
  if (!c) return '';
  const n = (v: number | undefined): string => (typeof v === 'number' ? count(v) : '?');
  if (form === 'short') return `${n(c.ActiveUserSessions)} active · ${n(c.DesiredUserSessions)} desired`;
  return `${n(c.ActiveUserSessions)} active, ${n(c.AvailableUserSessions)} available, ${n(c.ActualUserSessions)} actual, ${n(c.DesiredUserSessions)} desired`;
}

const count = (v: number): string => v.toLocaleString('en-US');

export function poolDescription(pool: WorkspacesPool): string {
  const errors = pool.Errors?.length ?? 0;
  return [
    stateLabel(pool.State),
    poolSessions(pool, 'short') || undefined,
    errors ? `${errors} error${errors === 1 ? '' : 's'}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function poolIcon(pool: WorkspacesPool): IconSpec {
  if (pool.Errors?.length) return { id: 'warning', color: 'charts.yellow' };
  if (isPoolMoving(pool.State)) return { id: 'loading~spin' };
  switch (pool.State) {
    case 'RUNNING':
      return { id: 'server-process', color: 'charts.green' };
    case 'STOPPED':
      return { id: 'server-process', color: 'disabledForeground' };
    default:
      return { id: 'server-process' };
  }
}

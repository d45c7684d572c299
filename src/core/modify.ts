// The client's side of ModifyWorkspaceProperties' rules for the compute type and the volume sizes
// (admin guide, "Modify a WorkSpace"; shared/notes/workspaces-api.md): which compute types and which
// [root, user] volume sizes a WorkSpace may get, the text that states the rules before anything is
// sent, and the 6-hour / 30-day windows as far as the client can know them. Pure; no vscode.
//
// What the client cannot know: DescribeWorkspaces gives no creation time and no time of the last
// change, so the windows ("a new WorkSpace waits 6 h", "a larger type once per 6 h, a smaller one
// once per 30 days", "each volume once per 6 h") are enforced here only for the changes this
// extension made itself in this session (`ChangeLog`); every other case is AWS's to refuse, and its
// refusal is shown as it comes.
import type { Compute } from '@aws-sdk/client-workspaces';

/** The fields of a WorkSpace these rules read (any richer WorkSpace type fits). */
export interface ModifySubject {
  WorkspaceId?: string | undefined;
  State?: string | undefined;
  WorkspaceProperties?:
    | {
        ComputeTypeName?: string | undefined;
        RootVolumeSizeGib?: number | undefined;
        UserVolumeSizeGib?: number | undefined;
      }
    | undefined;
  ModificationStates?: ReadonlyArray<{ Resource?: string | undefined; State?: string | undefined }> | undefined;
}

/**
 * Compute types by family, each in ascending size (service model's `Compute`). Documented: Value,
 * Standard, Performance, Power and PowerPro switch among each other; Graphics.g4dn ↔
 * GraphicsPro.g4dn only; Graphics and GraphicsPro cannot change. Not documented (newer than the
 * admin guide's rules, the emulator makes the same choice): GeneralPurpose.4xlarge/8xlarge join the
 * first ladder above PowerPro, and the G6 types switch among each other only, ranked by size.
 */
export const COMPUTE_FAMILIES: Readonly<Record<'regular' | 'g4dn' | 'g6' | 'fixed', readonly Compute[]>> = {
  regular: [
    'VALUE',
    'STANDARD',
    'PERFORMANCE',
    'POWER',
    'POWERPRO',
    'GENERALPURPOSE_4XLARGE',
    'GENERALPURPOSE_8XLARGE',
  ],
  g4dn: ['GRAPHICS_G4DN', 'GRAPHICSPRO_G4DN'],
  g6: [
    'GRAPHICS_G6F_LARGE',
    'GRAPHICS_G6F_XLARGE',
    'GRAPHICS_G6_XLARGE',
    'GRAPHICS_G6F_2XLARGE',
    'GRAPHICS_G6_2XLARGE',
    'GRAPHICS_G6F_4XLARGE',
    'GRAPHICS_GR6F_4XLARGE',
    'GRAPHICS_G6_4XLARGE',
    'GRAPHICS_GR6_4XLARGE',
    'GRAPHICS_G6_8XLARGE',
    'GRAPHICS_GR6_8XLARGE',
    'GRAPHICS_G6_16XLARGE',
  ],
  fixed: ['GRAPHICS', 'GRAPHICSPRO'],
};

type Family = keyof typeof COMPUTE_FAMILIES;
const FAMILIES = COMPUTE_FAMILIES;

function familyOf(c: string | undefined): Family | undefined {
  return (Object.keys(FAMILIES) as Family[]).find((f) => (FAMILIES[f] as readonly string[]).includes(c ?? ''));
}

const COMPUTE_LABELS: Readonly<Record<string, string>> = {
  VALUE: 'Value',
  STANDARD: 'Standard',
  PERFORMANCE: 'Performance',
  POWER: 'Power',
  POWERPRO: 'PowerPro',
  GENERALPURPOSE_4XLARGE: 'GeneralPurpose.4xlarge',
  GENERALPURPOSE_8XLARGE: 'GeneralPurpose.8xlarge',
  GRAPHICS: 'Graphics',
  GRAPHICSPRO: 'GraphicsPro',
  GRAPHICS_G4DN: 'Graphics.g4dn',
  GRAPHICSPRO_G4DN: 'GraphicsPro.g4dn',
};

/** "PERFORMANCE" → "Performance", "GRAPHICS_G6_XLARGE" → "Graphics.g6.xlarge". */
export function computeLabel(c: string | undefined): string {
  if (!c) return 'unknown';
  const known = Object.hasOwn(COMPUTE_LABELS, c) ? COMPUTE_LABELS[c] : undefined;
  if (known) return known;
  const m = /^GRAPHICS_(G6F?|GR6F?)_(\d*X?LARGE)$/.exec(c);
  return m ? `Graphics.${m[1].toLowerCase()}.${m[2].toLowerCase()}` : c;
}

export const HOUR_MS = 3_600_000;
export const LARGER_COMPUTE_WINDOW_MS = 6 * HOUR_MS;
export const SMALLER_COMPUTE_WINDOW_MS = 30 * 24 * HOUR_MS;
export const RESIZE_WINDOW_MS = 6 * HOUR_MS;
export const MAX_VOLUME_GIB = 2000;

/** The rules of a compute change, as the confirmation states them before anything is sent. */
export const COMPUTE_RULES: readonly string[] = [
  'Only an AVAILABLE or STOPPED WorkSpace can change its compute type, and not while another change runs.',
  'A larger type once every 6 hours (and not in the first 6 hours of a new WorkSpace); a smaller one once every 30 days.',
  'Graphics and GraphicsPro cannot change type; Graphics.g4dn and GraphicsPro.g4dn only to each other.',
  'The WorkSpace restarts into the new type: connected users are disconnected and cannot use it until the change is done.',
];

/** The rules of a volume change. */
export const VOLUME_RULES: readonly string[] = [
  'Only an AVAILABLE or STOPPED WorkSpace, and one volume at a time: increase the root or the user volume, then the other in a later change.',
  'Volumes only grow, up to 2000 GB. Allowed [root, user] sizes: [80, 10], [80, 50], [80, 100], [175–2000, 100–2000] (graphics WorkSpaces also [100–2000, 100–2000]).',
  'Each volume can be increased once every 6 hours, and not in the first 6 hours of a new WorkSpace.',
  'Reboot the WorkSpace when AWS says the change is done: the new size is in use after the restart.',
];

const MODIFIABLE_STATES = ['AVAILABLE', 'STOPPED'];

const RESOURCE_LABEL: Readonly<Record<string, string>> = {
  ROOT_VOLUME: 'root volume',
  USER_VOLUME: 'user volume',
  COMPUTE_TYPE: 'compute type',
  PROTOCOL: 'protocol',
};

/** True while a change of the compute type, the volumes or the protocol runs (ModificationStates). */
export function isModifying(ws: Pick<ModifySubject, 'ModificationStates'>): boolean {
  return (ws.ModificationStates ?? []).some((m) => m.State === 'UPDATE_INITIATED' || m.State === 'UPDATE_IN_PROGRESS');
}

/** "changing the user volume", "resizing …", "change of the compute type failed"; '' when none. */
export function modificationLabel(ws: Pick<ModifySubject, 'ModificationStates'>): string {
  const parts = (ws.ModificationStates ?? []).map((m) => {
    const r = m.Resource ?? '';
    const what = Object.hasOwn(RESOURCE_LABEL, r) ? RESOURCE_LABEL[r] : (m.Resource ?? 'property').toLowerCase();
    if (m.State === 'UPDATE_FAILED') return `${what} change failed`;
    if (m.State === 'UPDATE_INITIATED') return `${what} change starting`;
    return `changing ${what}`;
  });
  return parts.join(', ');
}

/** Why no property change can be sent now (state, a change already running), or undefined. */
export function whyNotModify(ws: ModifySubject): string | undefined {
  const state = ws.State;
  if (state === undefined) return 'state unknown (a change needs AVAILABLE or STOPPED)';
  if (!MODIFIABLE_STATES.includes(state)) return `is ${state} (a change needs AVAILABLE or STOPPED)`;
  if (isModifying(ws)) return `is already changing (${modificationLabel(ws)}): one change at a time`;
  return undefined;
}

/** Why the compute type cannot be changed at all, or undefined. */
export function whyNotComputeChange(ws: ModifySubject): string | undefined {
  const base = whyNotModify(ws);
  if (base) return base;
  const c = ws.WorkspaceProperties?.ComputeTypeName;
  const f = familyOf(c);
  if (f === 'fixed') return `is ${computeLabel(c)}: its compute type cannot be changed`;
  if (f === undefined) return `has the compute type ${c ?? 'unknown'}, whose changes the extension does not know`;
  return undefined;
}

export interface ComputeChoice {
  compute: Compute;
  label: string;
  direction: 'larger' | 'smaller';
}

/** The compute types a WorkSpace may change to (its family, without its own type), in size order. */
export function computeChoices(ws: ModifySubject): ComputeChoice[] {
  const c = ws.WorkspaceProperties?.ComputeTypeName;
  const f = familyOf(c);
  if (f === undefined || f === 'fixed') return [];
  const ladder = FAMILIES[f];
  const at = ladder.indexOf(c as Compute);
  return ladder
    .filter((x) => x !== c)
    .map((x) => ({ compute: x, label: computeLabel(x), direction: ladder.indexOf(x) > at ? 'larger' : 'smaller' }));
}

/**
 * Why `target` cannot be the new compute type of `ws` now, or undefined: the WorkSpace's own state,
 * its family, and the windows of the changes this extension made (`log`, `now`).
 */
export function whyNotCompute(ws: ModifySubject, target: string, changes?: ChangesAt): string | undefined {
  const base = whyNotComputeChange(ws);
  if (base) return base;
  const current = ws.WorkspaceProperties?.ComputeTypeName;
  if (target === current) return `already is ${computeLabel(target)}`;
  const choice = computeChoices(ws).find((x) => x.compute === target);
  if (!choice) return `is ${computeLabel(current)}, which cannot change to ${computeLabel(target)}`;
  const id = ws.WorkspaceId ?? '';
  return choice.direction === 'larger'
    ? changes?.log.waiting(id, 'computeUp', LARGER_COMPUTE_WINDOW_MS, 'got a larger compute type', changes.now)
    : changes?.log.waiting(id, 'computeDown', SMALLER_COMPUTE_WINDOW_MS, 'got a smaller compute type', changes.now);
}

// ---- Volumes -------------------------------------------------------------------------------

export type Volume = 'root' | 'user';

/** Whether [root, user] is one of the documented volume groups for this compute type. */
export function allowedVolumes(root: number, user: number, compute: string | undefined): boolean {
  if (root > MAX_VOLUME_GIB || user > MAX_VOLUME_GIB) return false;
  if (root === 80 && (user === 10 || user === 50 || user === 100)) return true;
  if (root >= 175 && user >= 100) return true;
  const f = familyOf(compute);
  return f !== undefined && f !== 'regular' && root >= 100 && user >= 100;
}

/** The current [root, user] sizes (what DescribeWorkspaces says; unknown when it says nothing). */
export function volumes(ws: ModifySubject): { root: number | undefined; user: number | undefined } {
  return { root: ws.WorkspaceProperties?.RootVolumeSizeGib, user: ws.WorkspaceProperties?.UserVolumeSizeGib };
}

/** Sizes offered in the picker (any other allowed size can be typed). */
const PRESETS: Readonly<Record<Volume, readonly number[]>> = {
  root: [100, 175, 200, 250, 300, 500, 1000, 2000],
  user: [50, 100, 150, 200, 250, 300, 500, 1000, 2000],
};

/** Why `volume` cannot grow at all now, or undefined. */
export function whyNotResizeVolume(ws: ModifySubject, volume: Volume, changes?: ChangesAt): string | undefined {
  const base = whyNotModify(ws);
  if (base) return base;
  const { root, user } = volumes(ws);
  if (root === undefined || user === undefined) return 'has no known volume sizes';
  if (volumeSizes(ws, volume).length === 0) {
    return volume === 'root'
      ? `has a ${user} GB user volume: the root volume can grow past 80 GB only with a user volume of 100 GB or more`
      : `has a ${root} GB root volume and a ${user} GB user volume: no larger allowed user volume`;
  }
  const id = ws.WorkspaceId ?? '';
  return changes?.log.waiting(id, volume, RESIZE_WINDOW_MS, `had its ${volume} volume increased`, changes.now);
}

/** Whether `gib` is an allowed new size of `volume` (the other volume unchanged). */
function allowedNewSize(ws: ModifySubject, volume: Volume, gib: number): boolean {
  const { root, user } = volumes(ws);
  if (root === undefined || user === undefined) return false;
  const current = volume === 'root' ? root : user;
  if (!Number.isInteger(gib) || gib <= current) return false;
  const [r, u] = volume === 'root' ? [gib, user] : [root, gib];
  return allowedVolumes(r, u, ws.WorkspaceProperties?.ComputeTypeName);
}

/** The preset sizes `volume` may grow to (ascending). */
export function volumeSizes(ws: ModifySubject, volume: Volume): number[] {
  const { root, user } = volumes(ws);
  if (root === undefined || user === undefined) return [];
  const current = volume === 'root' ? root : user;
  const presets = PRESETS[volume].filter((g) => allowedNewSize(ws, volume, g));
  // A WorkSpace above the presets (e.g. 1500 GB) can still grow to any size up to the maximum.
  if (presets.length === 0 && current < MAX_VOLUME_GIB && allowedNewSize(ws, volume, MAX_VOLUME_GIB)) {
    return [MAX_VOLUME_GIB];
  }
  return presets;
}

/**
 * A typed new size of `volume` (InputBox validator): a whole number of GB, larger than now, that
 * makes an allowed [root, user] pair with the other volume unchanged. Undefined when valid.
 */
export function validateVolumeSize(text: string, ws: ModifySubject, volume: Volume): string | undefined {
  const t = text.trim();
  const { root, user } = volumes(ws);
  if (root === undefined || user === undefined) return 'The current volume sizes are unknown.';
  const current = volume === 'root' ? root : user;
  if (t === '') return `Enter the new ${volume} volume size in GB (now ${current} GB).`;
  if (!/^\d{1,5}$/.test(t)) return `"${t.slice(0, 20)}" is not a whole number of GB.`;
  const gib = Number(t);
  if (gib <= current) return `Volumes only grow: the ${volume} volume has ${current} GB now.`;
  if (gib > MAX_VOLUME_GIB) return `At most ${MAX_VOLUME_GIB} GB.`;
  if (!allowedNewSize(ws, volume, gib)) {
    const sizes = volumeSizes(ws, volume);
    const [r, u] = volume === 'root' ? [gib, user] : [root, gib];
    return `[root ${r}, user ${u}] is not an allowed pair${sizes.length ? `; allowed ${volume} sizes include ${sizes.join(', ')} GB` : ''}.`;
  }
  return undefined;
}

/** The size of a valid typed text (validateVolumeSize first). */
export function parseVolumeSize(text: string, ws: ModifySubject, volume: Volume): number | undefined {
  return validateVolumeSize(text, ws, volume) === undefined ? Number(text.trim()) : undefined;
}

// ---- Migration -------------------------------------------------------------------------------

/** What MigrateWorkspace does, as the confirmation says it (API reference and admin guide, "Migrate a WorkSpace"). */
export const MIGRATE_CONSEQUENCE =
  'Migration re-creates the WorkSpace from the new bundle: a new WorkSpace (new ID, computer name and IP address) whose root volume (C:) ' +
  "comes from the bundle's image — applications and settings installed on C: are lost — and whose user volume (D:) comes from the last " +
  'snapshot of this one (taken every 12 hours: newer files are lost). The user profile folder D:\\Users\\<user> is renamed to ' +
  'D:\\Users\\<user><date>.NotMigrated, a new profile is created and certain files are moved into it. The original WorkSpace is ' +
  'terminated once the new one is AVAILABLE. Users are disconnected.';

const LINUX = /LINUX|UBUNTU|RHEL|ROCKY/i;

/** Why a WorkSpace cannot be migrated now, or undefined (documented: AVAILABLE, STOPPED or ERROR; not Linux). */
export function whyNotMigrate(
  ws: ModifySubject & { WorkspaceProperties?: { OperatingSystemName?: string | undefined } | undefined },
): string | undefined {
  const state = ws.State;
  if (state === undefined) return 'state unknown (a migration needs AVAILABLE, STOPPED or ERROR)';
  if (!['AVAILABLE', 'STOPPED', 'ERROR'].includes(state)) {
    return `is ${state} (a migration needs AVAILABLE, STOPPED or ERROR)`;
  }
  if (isModifying(ws)) return `is changing (${modificationLabel(ws)}): wait until the change is done`;
  const os = ws.WorkspaceProperties?.OperatingSystemName;
  if (os && LINUX.test(os)) return `runs ${os}: Linux WorkSpaces cannot be migrated`;
  return undefined;
}

/** Why a WorkSpace cannot be migrated to this bundle, or undefined. */
export function whyNotMigrateTo(
  ws: ModifySubject & { BundleId?: string | undefined },
  bundle: { BundleId?: string | undefined; State?: string | undefined },
): string | undefined {
  if (ws.BundleId !== undefined && ws.BundleId === bundle.BundleId) {
    return 'already uses this bundle (to refresh it from its own bundle, rebuild it)';
  }
  if (bundle.State !== undefined && bundle.State !== 'AVAILABLE') return `the bundle is ${bundle.State}`;
  return undefined;
}

// ---- What this extension changed -------------------------------------------------------------

export type ChangeKind = 'computeUp' | 'computeDown' | Volume;

/**
 * The changes this extension sent and AWS accepted, per WorkSpace and kind, with their time: the
 * only part of AWS's waiting windows the client can know (nothing in the API says when a WorkSpace
 * was created or last changed). Kept for the session.
 */
export class ChangeLog {
  private readonly at = new Map<string, number>();

  record(workspaceId: string, kind: ChangeKind, when: number): void {
    this.at.set(`${workspaceId}\u0000${kind}`, when);
  }

  /** "got a larger compute type 2 h ago: try again in 4 h", or undefined when the window is over. */
  waiting(workspaceId: string, kind: ChangeKind, windowMs: number, what: string, now: number): string | undefined {
    const t = this.at.get(`${workspaceId}\u0000${kind}`);
    if (t === undefined || now - t >= windowMs) return undefined;
    return `${what} ${hours(now - t)} ago (from this extension): try again in ${hours(windowMs - (now - t), true)}`;
  }
}

/** The change log and the time to judge its windows at. */
export interface ChangesAt {
  readonly log: ChangeLog;
  readonly now: number;
}

function hours(ms: number, up = false): string {
  const h = ms / HOUR_MS;
  if (h < 1) return up ? `${Math.max(1, Math.ceil(ms / 60_000))} min` : `${Math.floor(ms / 60_000)} min`;
  if (h >= 48) return `${up ? Math.ceil(h / 24) : Math.floor(h / 24)} d`;
  return `${up ? Math.ceil(h) : Math.floor(h)} h`;
}

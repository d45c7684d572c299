import * as vscode from 'vscode';
import {
  MAX_VOLUME_GIB,
  parseVolumeSize,
  validateVolumeSize,
  volumes,
  volumeSizes,
  whyNotModify,
  whyNotResizeVolume,
  type Volume,
} from '../../core/modify';
import type { Services } from '../../services';
import { actionCommand } from '../../core/actionTable';
import { changesNow, chosen } from '../pipeline/properties';
import { workspaceAction } from '../pipeline/resourceAction';
import type { Target } from '../pipeline/resources';

const TITLE = actionCommand('resizeVolumes').name;

interface Resize {
  volume: Volume;
  gib: number;
}

const NAME: Readonly<Record<Volume, string>> = { root: 'root volume (C:)', user: 'user volume (D:)' };

/** A typed size for several WorkSpaces: a whole number up to the maximum (each is checked after). */
function validateAnySize(text: string): string | undefined {
  const t = text.trim();
  if (!/^\d{1,5}$/.test(t)) {
    return t === '' ? 'Enter the new size in GB.' : `"${t.slice(0, 20)}" is not a whole number of GB.`;
  }
  return Number(t) > MAX_VOLUME_GIB ? `At most ${MAX_VOLUME_GIB} GB.` : undefined;
}

/** The input step: which volume (one at a time, as the API requires), then its new size. */
async function chooseResize(s: Services, eligible: readonly Target[]): Promise<Resize | undefined> {
  const { items, one, what } = chosen(eligible);
  const changes = changesNow(s);
  const now = one ? volumes(one) : undefined;
  const volumeItem = (volume: Volume) => {
    const sizes = [...new Set(items.flatMap((w) => volumeSizes(w, volume)))].sort((a, b) => a - b);
    const why = one ? whyNotResizeVolume(one, volume, changes) : undefined;
    const fits = items.filter((w) => whyNotResizeVolume(w, volume, changes) === undefined).length;
    return {
      label: `${volume === 'root' ? 'Root' : 'User'} volume`,
      description: [
        now ? `now ${volume === 'root' ? now.root : now.user} GB` : `${fits} of ${items.length} can grow`,
        sizes.length ? `can grow to ${sizes[0]}–${MAX_VOLUME_GIB} GB` : 'cannot grow',
      ].join(' · '),
      ...(why ? { detail: why } : {}),
      volume,
    };
  };
  const pickVolume = await vscode.window.showQuickPick([volumeItem('root'), volumeItem('user')], {
    title: `${TITLE}: ${what}${now ? ` (root ${now.root} GB, user ${now.user} GB)` : ''}`,
    placeHolder: 'One volume at a time: AWS refuses to increase both in one change',
    ignoreFocusOut: true,
  });
  if (!pickVolume) return undefined;
  const { volume } = pickVolume;
  const sizes = [...new Set(items.flatMap((w) => volumeSizes(w, volume)))].sort((a, b) => a - b);
  const other = { label: '$(edit) Other size…', gib: undefined, alwaysShow: true };
  const pickSize = await vscode.window.showQuickPick(
    [
      ...sizes.map((gib) => ({
        label: `${gib} GB`,
        description: one
          ? ''
          : `fits ${items.filter((w) => volumeSizes(w, volume).includes(gib)).length} of ${items.length}`,
        gib,
      })),
      other,
    ],
    {
      title: `${TITLE}: new size of the ${NAME[volume]}`,
      placeHolder: 'Only sizes that make an allowed [root, user] pair are listed',
      ignoreFocusOut: true,
    },
  );
  if (!pickSize) return undefined;
  if (pickSize.gib !== undefined) return { volume, gib: pickSize.gib };
  const validate = (t: string): string | undefined => (one ? validateVolumeSize(t, one, volume) : validateAnySize(t));
  const text = await vscode.window.showInputBox({
    title: `${TITLE}: new size of the ${NAME[volume]}`,
    prompt: `New size in GB (whole number, larger than now, up to ${MAX_VOLUME_GIB}).`,
    ignoreFocusOut: true,
    validateInput: validate,
  });
  if (text === undefined || validate(text) !== undefined) return undefined;
  const gib = one ? parseVolumeSize(text, one, volume) : Number(text.trim());
  return gib === undefined ? undefined : { volume, gib };
}

/**
 * A larger root or user volume for one or many WorkSpaces (ModifyWorkspaceProperties), one volume at
 * a time: only allowed sizes are offered, the rules are stated before anything is sent, the running
 * change shows on the row until it clears, and the summary reminds that a reboot completes it.
 */
export const resizeVolumes = workspaceAction<Resize>('resizeVolumes', {
  whyNot: (ws, s) => {
    const changes = changesNow(s);
    return (
      whyNotModify(ws) ??
      (whyNotResizeVolume(ws, 'root', changes) && whyNotResizeVolume(ws, 'user', changes)
        ? `cannot grow either volume now (${whyNotResizeVolume(ws, 'user', changes) ?? ''})`
        : undefined)
    );
  },
  whyNotWith: (ws, r, s) =>
    whyNotResizeVolume(ws, r.volume, changesNow(s)) ??
    (validateVolumeSize(String(r.gib), ws, r.volume) === undefined
      ? undefined
      : `cannot have a ${r.gib} GB ${r.volume} volume (${validateVolumeSize(String(r.gib), ws, r.volume) ?? ''})`),
  input: (s, eligible) => chooseResize(s, eligible),
  details: (_s, _eligible, r) => Promise.resolve([`New size of the ${NAME[r.volume]}: ${r.gib} GB.`]),
  progress: (r) => `Growing the ${r.volume} volume to ${r.gib} GB`,
  done: (r) => `Started growing the ${r.volume} volume to ${r.gib} GB (reboot when the change is done) of`,
  call: (api, ids, r, signal) => api.resizeVolume(ids, r.volume, r.gib, { abortSignal: signal }),
  settled: (s, _targets, outcomes, r) => {
    const now = s.clock.now();
    for (const o of outcomes) if (o.ok) s.changes.record(o.id, r.volume, now);
  },
  // The row says at once that the change runs; polling follows it until ModificationStates clears.
  patch: (w, r) => ({
    ...w,
    ModificationStates: [{ Resource: r.volume === 'root' ? 'ROOT_VOLUME' : 'USER_VOLUME', State: 'UPDATE_INITIATED' }],
  }),
});

import * as vscode from 'vscode';
import type { Tag } from '@aws-sdk/client-workspaces';
import type { AwsLayer } from '../../aws';
import type { WorkspaceView } from '../../core/present';
import type { WorkspaceAction } from '../../core/rules';
import { inertPickItem } from '../../core/text';
import { TAG_KEY_MAX, TAG_VALUE_MAX, TAGS_MAX, validateNewTagKey, validateTagValue } from '../../core/validation';
import type { Services } from '../../services';
import { plural } from '../pipeline/messages';
import type { CommandSpec } from '../pipeline/registry';
import { WORKSPACES, type Target } from '../pipeline/resources';
import { perform, type Call, type RunSpec } from '../pipeline/run';
import { selectWorkspaces } from '../pipeline/selection';

const TITLE = 'Manage Tags';

type TagMap = Map<string, Tag[]>;

/** Reads the tags of every target (a few calls at a time) and keeps them on the model's rows. */
async function loadTags(layer: AwsLayer, targets: readonly Target[]): Promise<TagMap> {
  const out: TagMap = new Map();
  for (let i = 0; i < targets.length; i += 8) {
    await Promise.all(
      targets.slice(i, i + 8).map(async (t) => {
        const tags = await layer.api(t.model.scope).tags(t.id);
        out.set(t.id, tags);
        t.model.patchWorkspaces([t.id], (w) => ({ ...w, tags }));
      }),
    );
  }
  return out;
}

interface KeyItem extends vscode.QuickPickItem {
  op: 'add' | 'key';
  key?: string;
}

/** The list: "Add a tag…" then one row per key, with its value (or how many values it has). */
function keyItems(targets: readonly Target[], tags: TagMap): KeyItem[] {
  const values = new Map<string, string[]>();
  for (const t of targets) {
    for (const tag of tags.get(t.id) ?? []) {
      values.set(tag.Key ?? '', [...(values.get(tag.Key ?? '') ?? []), tag.Value ?? '']);
    }
  }
  const many = targets.length > 1;
  const items: KeyItem[] = [{ label: '$(add) Add a tag…', op: 'add', alwaysShow: true }];
  const keys = [...values.keys()].sort((a, b) => a.localeCompare(b));
  if (keys.length > 0) items.push({ label: 'Tags', kind: vscode.QuickPickItemKind.Separator, op: 'key' });
  for (const key of keys) {
    const vs = values.get(key) ?? [];
    const distinct = [...new Set(vs)];
    items.push(
      inertPickItem({
        label: key,
        description: distinct.length === 1 ? `= ${distinct[0]}` : `${distinct.length} different values`,
        ...(many ? { detail: `on ${vs.length} of ${targets.length} WorkSpaces` } : {}),
        op: 'key' as const,
        key,
      }),
    );
  }
  return items;
}

/** A tag value (trimmed), checked again after the box: undefined = cancelled or refused. */
async function askValue(title: string, what: string, value?: string): Promise<string | undefined> {
  const text = await vscode.window.showInputBox({
    title,
    prompt: `${what}: up to ${TAG_VALUE_MAX} characters (may be empty).`,
    ...(value !== undefined ? { value } : {}),
    ignoreFocusOut: true,
    validateInput: (v) => validateTagValue(v.trim()),
  });
  return text === undefined || validateTagValue(text.trim()) !== undefined ? undefined : text.trim();
}

/** One change of the tags (add, edit, remove): run through the action pipeline's run step. */
function tagChange(past: string, call: Call<undefined>): RunSpec<WorkspaceView, WorkspaceAction, undefined> {
  // CreateTags/DeleteTags take one resource per call (the AWS layer loops); 25 ids per batch step.
  // The list is re-read after the change, so nothing is followed; a full success is only logged.
  return {
    title: past,
    resource: WORKSPACES,
    done: past,
    progress: past,
    idsPerCall: 25,
    call,
    follow: false,
    quietSuccess: true,
  };
}

/**
 * Lists, adds, edits and removes the tags of one or many WorkSpaces. The list comes back after
 * each change (re-read from AWS) until the user presses Escape.
 */
export const manageTags: CommandSpec = {
  id: 'workspacesFleet.manageTags',
  title: TITLE,
  async run(s: Services, node?: unknown, selected?: unknown): Promise<Record<string, Tag[]> | undefined> {
    const targets = await selectWorkspaces(s, node, selected, TITLE, 'tagged');
    if (!targets || targets.length === 0) return undefined;
    const layer = await s.aws();
    const what = targets.length === 1 ? targets[0].label : plural(targets.length, 'WorkSpace', 'WorkSpaces');
    let tags = await loadTags(layer, targets);
    const snapshot = (): Record<string, Tag[]> => Object.fromEntries(tags);
    const apply = async (changed: Target[], past: string, call: Call<undefined>): Promise<void> => {
      if (changed.length === 0) return;
      await perform(s, tagChange(past, call), changed, undefined);
      tags = new Map([...tags, ...(await loadTags(layer, changed))]);
    };
    for (;;) {
      const pick = await vscode.window.showQuickPick(keyItems(targets, tags), {
        title: `Tags of ${what}`,
        placeHolder:
          tags.size && [...tags.values()].some((l) => l.length)
            ? 'Pick a tag to edit or remove it, or add one'
            : 'No tags yet: add one',
        matchOnDescription: true,
        ignoreFocusOut: true,
      });
      if (!pick) return snapshot();
      if (pick.op === 'add') {
        const existing = targets.map((t) => ({ name: t.label, tags: tags.get(t.id) ?? [] }));
        const key = await vscode.window.showInputBox({
          title: `Add a tag to ${what}`,
          prompt: `Tag key: 1 to ${TAG_KEY_MAX} characters, not starting with "aws:". A WorkSpace carries at most ${TAGS_MAX} tags.`,
          placeHolder: 'e.g. CostCenter',
          ignoreFocusOut: true,
          validateInput: (k) => validateNewTagKey(k.trim(), existing),
        });
        if (key === undefined || validateNewTagKey(key.trim(), existing) !== undefined) continue;
        const value = await askValue(`Add a tag to ${what}`, `Value of ${key.trim()}`);
        if (value === undefined) continue;
        const tag = { Key: key.trim(), Value: value };
        await apply([...targets], 'Tagged', (api, ids, _i, abortSignal) => api.createTags(ids, [tag], { abortSignal }));
      } else if (pick.key !== undefined) {
        const key = pick.key;
        const having = targets.filter((t) => (tags.get(t.id) ?? []).some((x) => x.Key === key));
        const op = await vscode.window.showQuickPick(
          [
            { label: '$(edit) Edit value…', op: 'edit' as const },
            {
              label: '$(trash) Remove tag',
              op: 'remove' as const,
              description: having.length > 1 ? `from ${having.length} WorkSpaces` : '',
            },
          ],
          { title: `Tag ${key}`, ignoreFocusOut: true },
        );
        if (!op) continue;
        if (op.op === 'remove') {
          await apply(having, 'Removed the tag from', (api, ids, _i, abortSignal) =>
            api.deleteTags(ids, [key], { abortSignal }),
          );
          continue;
        }
        const values = [...new Set(having.map((t) => (tags.get(t.id) ?? []).find((x) => x.Key === key)?.Value ?? ''))];
        const value = await askValue(`Edit tag ${key}`, `New value of ${key}`, values.length === 1 ? values[0] : '');
        if (value === undefined) continue;
        const tag = { Key: key, Value: value };
        await apply(having, 'Updated the tag of', (api, ids, _i, abortSignal) =>
          api.createTags(ids, [tag], { abortSignal }),
        );
      }
    }
  },
};

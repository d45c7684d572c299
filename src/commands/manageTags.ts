import * as vscode from 'vscode';
import type { Tag } from '@aws-sdk/client-workspaces';
import type { AwsLayer } from '../aws';
import type { WorkspacesApi } from '../aws/api';
import type { ActionOutcome } from '../core/types';
import { TAGS_MAX, validateNewTagKey, validateTagValue } from '../core/validation';
import type { Services } from '../services';
import { report, resolveTargets, runBatch, scopesOf, type Target } from './batch';
import { plural, summarize } from './format';
import type { CommandSpec } from './registry';

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
    items.push({
      label: key,
      description: distinct.length === 1 ? `= ${distinct[0]}` : `${distinct.length} different values`,
      ...(many ? { detail: `on ${vs.length} of ${targets.length} WorkSpaces` } : {}),
      op: 'key',
      key,
    });
  }
  return items;
}

async function apply(
  s: Services,
  targets: readonly Target[],
  verb: string,
  call: (api: WorkspacesApi, ids: string[], signal: AbortSignal) => Promise<ActionOutcome[]>,
): Promise<void> {
  if (targets.length === 0) return;
  const outcomes = await runBatch(s, { title: verb, targets, chunkSize: 25, call });
  const summary = summarize({ verbPast: verb, outcomes, labels: new Map(targets.map((t) => [t.id, t.label])) });
  if (summary.level === 'info') s.log.info(`${verb} (${scopesOf(targets)}): ${summary.message}`);
  else report(s, `${verb} (${scopesOf(targets)})`, summary);
}

/**
 * Lists, adds, edits and removes the tags of one or many WorkSpaces. The list comes back after
 * each change (re-read from AWS) until the user presses Escape.
 */
export const manageTags: CommandSpec = {
  id: 'workspacesFleet.manageTags',
  async run(s, node?: unknown, selected?: unknown): Promise<Record<string, Tag[]> | undefined> {
    const targets = await resolveTargets(s, node, selected, undefined, 'Manage Tags', 'tagged');
    if (!targets || targets.length === 0) return undefined;
    const layer = await s.aws();
    const what = targets.length === 1 ? targets[0].label : plural(targets.length, 'WorkSpace', 'WorkSpaces');
    let tags = await loadTags(layer, targets);
    const snapshot = (): Record<string, Tag[]> => Object.fromEntries(tags);
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
      let changed: Target[] = [];
      if (pick.op === 'add') {
        const existing = targets.map((t) => ({ name: t.label, tags: tags.get(t.id) ?? [] }));
        const key = await vscode.window.showInputBox({
          title: `Add a tag to ${what}`,
          prompt: `Tag key: 1 to 127 characters, not starting with "aws:". A WorkSpace carries at most ${TAGS_MAX} tags.`,
          placeHolder: 'e.g. CostCenter',
          ignoreFocusOut: true,
          validateInput: (k) => validateNewTagKey(k.trim(), existing),
        });
        if (key === undefined || validateNewTagKey(key.trim(), existing) !== undefined) continue;
        const value = await vscode.window.showInputBox({
          title: `Add a tag to ${what}`,
          prompt: `Value of ${key.trim()}: up to 255 characters (may be empty).`,
          ignoreFocusOut: true,
          validateInput: (v) => validateTagValue(v.trim()),
        });
        if (value === undefined || validateTagValue(value.trim()) !== undefined) continue;
        const tag = { Key: key.trim(), Value: value.trim() };
        changed = [...targets];
        await apply(s, changed, 'Tagged', (api, ids, abortSignal) => api.createTags(ids, [tag], { abortSignal }));
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
        if (op.op === 'edit') {
          const values = [
            ...new Set(having.map((t) => (tags.get(t.id) ?? []).find((x) => x.Key === key)?.Value ?? '')),
          ];
          const value = await vscode.window.showInputBox({
            title: `Edit tag ${key}`,
            prompt: `New value of ${key}: up to 255 characters (may be empty).`,
            value: values.length === 1 ? values[0] : '',
            ignoreFocusOut: true,
            validateInput: (v) => validateTagValue(v.trim()),
          });
          if (value === undefined || validateTagValue(value.trim()) !== undefined) continue;
          const tag = { Key: key, Value: value.trim() };
          changed = having;
          await apply(s, changed, 'Updated the tag of', (api, ids, abortSignal) =>
            api.createTags(ids, [tag], { abortSignal }),
          );
        } else {
          changed = having;
          await apply(s, changed, 'Removed the tag from', (api, ids, abortSignal) =>
            api.deleteTags(ids, [key], { abortSignal }),
          );
        }
      }
      if (changed.length > 0) {
        const fresh = await loadTags(layer, changed);
        tags = new Map([...tags, ...fresh]);
      }
    }
  },
};

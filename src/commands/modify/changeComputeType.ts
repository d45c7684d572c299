import * as vscode from 'vscode';
import type { Compute } from '@aws-sdk/client-workspaces';
import {
  computeChoices,
  computeLabel,
  whyNotCompute,
  whyNotComputeChange,
  type ComputeChoice,
} from '../../core/modify';
import type { Services } from '../../services';
import { actionCommand } from '../../core/actionTable';
import { changesNow, chosen } from '../pipeline/properties';
import { workspaceAction } from '../pipeline/resourceAction';
import { WORKSPACES, type Target } from '../pipeline/resources';

const TITLE = actionCommand('changeComputeType').name;

/** The input step: the compute types that apply to the chosen WorkSpaces, with how many each fits. */
async function chooseCompute(s: Services, eligible: readonly Target[]): Promise<ComputeChoice | undefined> {
  const { items, one, what } = chosen(eligible);
  const changes = changesNow(s);
  const byType = new Map<Compute, { choice: ComputeChoice; fits: number }>();
  for (const ws of items) {
    for (const c of computeChoices(ws)) {
      const e = byType.get(c.compute) ?? { choice: c, fits: 0 };
      if (whyNotCompute(ws, c.compute, changes) === undefined) e.fits++;
      byType.set(c.compute, e);
    }
  }
  const current = one ? computeLabel(one.WorkspaceProperties?.ComputeTypeName) : undefined;
  const pick = await vscode.window.showQuickPick(
    [...byType.values()].map(({ choice, fits }) => ({
      label: choice.label,
      description: [
        choice.direction === 'larger' ? 'larger: once every 6 h' : 'smaller: once every 30 days',
        one ? (fits ? '' : 'not now') : `fits ${fits} of ${items.length}`,
      ]
        .filter(Boolean)
        .join(' · '),
      ...(one && !fits ? { detail: whyNotCompute(one, choice.compute, changes) } : {}),
      choice,
    })),
    {
      title: `${TITLE}: ${what}${current ? ` (now ${current})` : ''}`,
      placeHolder: 'New compute type (only the types this WorkSpace can change to are listed)',
      ignoreFocusOut: true,
      matchOnDescription: true,
    },
  );
  return pick?.choice;
}

/**
 * A new compute type (ModifyWorkspaceProperties ComputeTypeName) for one or many WorkSpaces: only
 * the types of their family are offered, the rules are stated before anything is sent, the running
 * change shows on the row (ModificationStates) and is polled until it clears.
 */
export const changeComputeType = workspaceAction<ComputeChoice>('changeComputeType', {
  whyNot: whyNotComputeChange,
  whyNotWith: (ws, c, s) => whyNotCompute(ws, c.compute, changesNow(s)),
  input: (s, eligible) => chooseCompute(s, eligible),
  details: (_s, eligible, c) => Promise.resolve([`New compute type: ${c.label} (${c.compute}).`, ...sizes(eligible)]),
  progress: (c) => `Changing the compute type to ${c.label}`,
  done: (c) => `Started the change to ${c.label} of`,
  call: (api, ids, c, signal) => api.setComputeType(ids, c.compute, { abortSignal: signal }),
  settled: (s, _targets, outcomes, c) => {
    const now = s.clock.now();
    for (const o of outcomes) {
      if (o.ok) s.changes.record(o.id, c.direction === 'larger' ? 'computeUp' : 'computeDown', now);
    }
  },
  // The row says at once that the change runs; polling follows it until ModificationStates clears.
  patch: (w) => ({ ...w, ModificationStates: [{ Resource: 'COMPUTE_TYPE', State: 'UPDATE_INITIATED' }] }),
});

/** "Now: alice.nguyen Performance, …" (at most 5). */
function sizes(eligible: readonly Target[]): string[] {
  const now = eligible.slice(0, 5).map((t) => {
    const ws = WORKSPACES.current(t.model, t.id);
    return `${t.label}: ${computeLabel(ws?.WorkspaceProperties?.ComputeTypeName)}`;
  });
  return now.length ? [`Now: ${now.join('; ')}${eligible.length > 5 ? '; …' : ''}`] : [];
}

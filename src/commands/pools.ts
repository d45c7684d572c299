import * as vscode from 'vscode';
import { whyNotPool, type PoolAction } from '../core/rules';
import { isPoolMoving } from '../core/states';
import type { ActionOutcome } from '../core/types';
import type { WorkspacesApi } from '../aws/api';
import type { ScopeModel } from '../fleet/scopeModel';
import { PoolNode } from '../tree/nodes';
import type { Services } from '../services';
import { bulletList, plural, skippedList, summarize } from './format';
import { confirmEnabled, confirmModal, report, runBatch, scopesOf, selectedNodes } from './batch';
import { pickPools, pickScope, poolLabel, type PoolTarget } from './pickers';
import type { CommandSpec } from './registry';
import { notify } from './notify';

const isPoolNode = (n: unknown): n is PoolNode => n instanceof PoolNode && n.scopeModel !== undefined;

/** Re-reads the pools of a scope until the acted-on pools settle (pools are not polled otherwise). */
function followPools(s: Services, model: ScopeModel, ids: readonly string[]): void {
  const seconds = Math.max(
    2,
    vscode.workspace.getConfiguration('workspacesFleet').get<number>('pollingIntervalSeconds') ?? 5,
  );
  let rounds = 0;
  const tick = async (): Promise<void> => {
    rounds++;
    try {
      await model.load('pools');
    } catch (e) {
      s.log.warn(
        `Re-reading the pools of ${model.scope.profile} ${model.scope.region} failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    const moving = ids.some((id) => isPoolMoving(model.pools.items.get(id)?.State));
    if (moving && rounds < 120) setTimeout(() => void tick(), seconds * 1000);
  };
  void tick();
}

interface PoolActionSpec {
  id: string;
  action: PoolAction;
  progress: string;
  past: string;
  participle: string;
  button: string;
  consequence?: string;
  call: (api: WorkspacesApi, ids: string[], signal: AbortSignal) => Promise<ActionOutcome[]>;
}

function poolAction(spec: PoolActionSpec): CommandSpec {
  return {
    id: spec.id,
    async run(s, node?: unknown, selected?: unknown) {
      let targets: PoolTarget[] | undefined;
      if (node !== undefined) {
        targets = selectedNodes(node, selected, isPoolNode).map((n) => ({
          model: n.scopeModel as ScopeModel,
          id: n.pool.PoolId ?? '',
          label: poolLabel(n.pool),
        }));
      } else {
        const model = await pickScope(s, spec.button);
        if (model) targets = await pickPools(model, spec.action, spec.button, spec.participle);
      }
      if (!targets || targets.length === 0) return undefined;
      const eligible: PoolTarget[] = [];
      const skipped: Array<{ label: string; reason: string }> = [];
      for (const t of targets) {
        const pool = t.model.pools.items.get(t.id);
        const reason = pool ? whyNotPool(spec.action, pool) : 'no longer exists';
        if (reason === undefined) eligible.push(t);
        else skipped.push({ label: t.label, reason });
      }
      if (eligible.length === 0) {
        const first = skipped
          .slice(0, 3)
          .map((x) => `${x.label} ${x.reason}`)
          .join('; ');
        void notify.info(
          `${skipped.length === 1 ? 'The pool' : `None of the ${skipped.length} pools`} can be ${spec.participle}: ${first}.`,
        );
        return { outcomes: [], skipped };
      }
      const what = eligible.length === 1 ? eligible[0].label : plural(eligible.length, 'pool', 'pools');
      const skippedText = skipped.length
        ? `\n\nSkipped — cannot be ${spec.participle} now:\n${skippedList(skipped)}`
        : '';
      if ((spec.consequence && confirmEnabled()) || skipped.length > 0) {
        const go = await confirmModal(
          `${spec.button} ${what}?`,
          `${spec.consequence ? `${spec.consequence}\n\n` : ''}${bulletList(eligible.map((t) => t.label))}${skippedText}`,
          spec.button,
        );
        if (!go) return undefined;
      }
      const outcomes = await runBatch(s, { title: spec.progress, targets: eligible, chunkSize: 1, call: spec.call });
      const ok = new Set(outcomes.filter((o) => o.ok).map((o) => o.id));
      for (const model of new Set(eligible.map((t) => t.model))) {
        const ids = eligible.filter((t) => t.model === model && ok.has(t.id)).map((t) => t.id);
        if (ids.length) followPools(s, model, ids);
      }
      report(
        s,
        `${spec.button} (${scopesOf(eligible)})`,
        summarize({
          verbPast: spec.past,
          noun: ['pool', 'pools'],
          outcomes,
          labels: new Map(eligible.map((t) => [t.id, t.label])),
          skipped,
        }),
      );
      return { outcomes, skipped };
    },
  };
}

export const startPools = poolAction({
  id: 'workspacesFleet.startPools',
  action: 'startPool',
  progress: 'Starting pools',
  past: 'Started',
  participle: 'started',
  button: 'Start Pool',
  call: (api, ids, signal) => api.startPools(ids, { abortSignal: signal }),
});

export const stopPools = poolAction({
  id: 'workspacesFleet.stopPools',
  action: 'stopPool',
  progress: 'Stopping pools',
  past: 'Stopped',
  participle: 'stopped',
  button: 'Stop Pool',
  consequence: 'Every session of the pool ends; users lose work they have not saved.',
  call: (api, ids, signal) => api.stopPools(ids, { abortSignal: signal }),
});

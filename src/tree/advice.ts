// Where the tree's rows find the usage store (src/fleet/usage.ts): set once at activation by
// costSetup.ts. The provider's row context knows nothing of usage, and the WorkSpace rows (rows.ts)
// and the cost rows (cost.ts) both need it: a module of its own keeps them free of an import cycle.
import type { ScopeModel } from '../fleet/scopeModel';
import type { FleetUsage } from '../fleet/usage';

let store: FleetUsage | undefined;

/** Connects the rows to the usage store; dispose disconnects them. */
export function bindUsage(usage: FleetUsage): { dispose(): void } {
  store = usage;
  return {
    dispose: () => {
      if (store === usage) store = undefined;
    },
  };
}

export function usageStore(): FleetUsage | undefined {
  return store;
}

/** The advice line of a WorkSpace's tooltip, once its scope's usage was read. */
export function adviceField(model: ScopeModel | undefined, workspaceId: string): [string, string] | undefined {
  const a = model && store?.advice(model, workspaceId);
  return a ? ['Cost advice', `${a.text} (estimate)`] : undefined;
}

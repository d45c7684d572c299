// Shared pieces of the resilience tests: a 1,000-WorkSpace emulated fleet (2 accounts × 2 regions
// × 250) with the Fleet model over the real AWS layer, a logger that keeps every line the layer
// writes (for the secrets scan), and the measures the matrix records (listed / duplicates / error
// rows / requests / faults / retries).
import { AWS_ERROR_TITLES } from '../../../src/core/errors';
import type { AwsLayerOptions } from '../../../src/aws';
import { Fleet } from '../../../src/fleet/fleet';
import { SECTIONS, type ScopeModel } from '../../../src/fleet/scopeModel';
import type { Emulator, EmulatorOptions, FleetSeed } from '../../emulator';
import type { MatrixRow } from '../../support/reliability';
import { harness, type Harness } from '../aws/helpers';
import { testClock } from '../../support/clock';

export const REGIONS = ['us-east-1', 'eu-west-1'];
/** 2 accounts × 2 regions × 250 = 1,000 WorkSpaces. */
export const FLEET_1000: FleetSeed = { kind: 'fleet', workspaces: 250, accounts: 2, regions: REGIONS, movingRate: 0 };

/** Every line any layer of the resilience tests logged (scanned for secrets at the end). */
export const LOG_LINES: string[] = [];
export const recordingLogger = {
  debug: (m: string) => void LOG_LINES.push(`debug ${m}`),
  warn: (m: string) => void LOG_LINES.push(`warn ${m}`),
};

export interface FleetRun {
  h: Harness;
  fleet: Fleet;
  close(): Promise<void>;
}

/**
 * An emulator with `seed`, the shared files (optionally rewritten), a layer configured as the
 * extension configures it (standard retries, default attempts) unless `layer` says otherwise — its
 * schedulers unpaced when the emulator has no quota (harness), as the extension's when it has —
 * and a Fleet showing every emulated profile in both regions (plus `extraRegions`).
 */
export async function fleetRun(
  o: {
    emulator?: EmulatorOptions;
    layer?: Partial<AwsLayerOptions>;
    /** Rewrites the emulator's shared files before the layer first reads them. */
    files?: (files: { config: string; credentials: string }, emu: Emulator) => { config: string; credentials: string };
    regions?: Record<string, string[]>;
  } = {},
): Promise<FleetRun> {
  const h = await harness(
    { seed: FLEET_1000, requestLogSize: 50_000, ...o.emulator },
    // The extension's own settings: default attempts (5), 30 s timeout unless told.
    { maxAttempts: undefined, requestTimeoutMs: 30_000, logger: recordingLogger, ...o.layer },
  );
  if (o.files) {
    const f = o.files(h.emu.awsConfigFiles(), h.emu);
    h.writeConfig(f.config, f.credentials);
  }
  const regions = { ...Object.fromEntries(h.emu.accounts.map((a) => [a.profile, a.regions])), ...o.regions };
  const fleet = new Fleet(
    () => Promise.resolve(h.layer),
    { profiles: [], regions, includeEnvironment: false },
    { clock: testClock() },
  );
  await fleet.loadProfiles();
  return {
    h,
    fleet,
    close: async () => {
      fleet.dispose();
      await h.close();
    },
  };
}

/** Loads every scope as the tree does with every category shown (all four sections) and waits. */
export async function loadAll(fleet: Fleet): Promise<void> {
  await Promise.all(fleet.allScopes().map((s) => s.refresh(SECTIONS)));
}

/** The error rows the tree shows for a scope: one for a scope-wide failure, else one per failed section. */
export function errorRows(model: ScopeModel): string[] {
  const where = `${model.scope.profile} ${model.scope.region}`;
  const fatal = model.fatalError;
  if (fatal) return [`${where}: ${AWS_ERROR_TITLES[fatal.kind]} — ${fatal.hint ?? fatal.message}`];
  return SECTIONS.flatMap((s) => {
    const e = model.section(s).error;
    return model.section(s).state === 'error' && e ? [`${where} ${s}: ${AWS_ERROR_TITLES[e.kind]} — ${e.message}`] : [];
  });
}

export interface Measured {
  workspaces: number;
  reachable: number;
  listed: number;
  duplicates: number;
  missing: string[];
  errorRows: string[];
  requests: number;
  faultsInjected: number;
  retried: number;
}

/**
 * Compares what the Fleet holds with the emulator's worlds. `unreachable` are the scope keys the
 * fault cuts off; every other scope must hold exactly its world's WorkSpaces. `surfaced` is how
 * many calls gave up (errors shown), so retried = faulted − surfaced.
 */
export function measure(run: FleetRun, unreachable: ReadonlySet<string>, surfaced = 0): Measured {
  const { h, fleet } = run;
  let workspaces = 0;
  let reachable = 0;
  let listed = 0;
  let duplicates = 0;
  const missing: string[] = [];
  for (const a of h.emu.accounts) {
    for (const region of a.regions) {
      const ids = h.emu.world(a.accountId, region).workspaceIds();
      workspaces += ids.length;
      const key = `${a.profile}|${region}`;
      if (unreachable.has(key)) continue;
      reachable += ids.length;
      const model = fleet.scopeModel({ profile: a.profile, region });
      const have = model ? [...model.workspaces.items.keys()] : [];
      const set = new Set(have);
      duplicates += have.length - set.size;
      // Rows of another account or region would be duplicates of a sort: count them too.
      duplicates += have.filter((id) => !ids.includes(id)).length;
      for (const id of ids) {
        if (set.has(id)) listed++;
        else missing.push(`${key}/${id}`);
      }
    }
  }
  const reqs = h.emu.requests();
  const faultsInjected = reqs.filter((r) => r.fault !== undefined).length;
  return {
    workspaces,
    reachable,
    listed,
    duplicates,
    missing,
    errorRows: [
      ...(fleet.state === 'error' && fleet.error
        ? [`(root): ${AWS_ERROR_TITLES[fleet.error.kind]} — ${fleet.error.message}`]
        : []),
      ...fleet.allScopes().flatMap(errorRows),
    ],
    requests: reqs.length,
    faultsInjected,
    retried: Math.max(0, faultsInjected - surfaced),
  };
}

export function row(
  id: string,
  fault: string,
  reproduce: string,
  m: Measured,
  passed: boolean,
  extra: Partial<MatrixRow> = {},
): MatrixRow {
  return {
    id: `unit/${id}`,
    fault,
    reproduce,
    level: 'unit',
    workspaces: m.workspaces,
    reachable: m.reachable,
    listed: m.listed,
    duplicates: m.duplicates,
    errorRows: m.errorRows,
    requests: m.requests,
    faultsInjected: m.faultsInjected,
    retried: m.retried,
    passed,
    ...extra,
  };
}

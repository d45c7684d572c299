// Shared setup of the AWS layer tests: a real emulator, real shared config files in a temp dir
// (passed to the layer through its `env`, never through process.env), a real layer.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsLayer, type AwsLayer, type AwsLayerOptions, type WorkspacesApi } from '../../../src/aws';
import { startEmulator, type EmulatorOptions, type Emulator } from '../../emulator';
import { Fleet, type FleetOptions } from '../../../src/fleet/fleet';
import { testClock } from '../../support/clock';

/** Scheduler settings for an endpoint without a quota (the emulator with `quota: false`). */
export const UNPACED = { rate: 10_000, burst: 10_000, adaptive: false } as const;

export interface Harness {
  emu: Emulator;
  dir: string;
  env: NodeJS.ProcessEnv;
  layer: AwsLayer;
  /** The layer's API for an emulated profile (its first region unless given). */
  api(profile?: string, region?: string): WorkspacesApi;
  /** Writes the shared files (default: the emulator's own, one profile per account). */
  writeConfig(config?: string, credentials?: string): void;
  /** A new layer over the same files (disposed by close()). */
  newLayer(opts?: Partial<AwsLayerOptions>): AwsLayer;
  close(): Promise<void>;
}

export async function harness(
  emuOpts: EmulatorOptions = {},
  layerOpts: Partial<AwsLayerOptions> = {},
): Promise<Harness> {
  const emu = await startEmulator({ transitionMs: 60_000, quota: false, ...emuOpts });
  // Without the emulator's quota, the layer's schedulers need not pace anything: tests that are
  // not about the quota stay fast. With it, the layer starts where the extension does (2/s, 5).
  const unpaced = emuOpts.quota === undefined || emuOpts.quota === false;
  const dir = mkdtempSync(join(tmpdir(), 'wsf-aws-'));
  const env: NodeJS.ProcessEnv = {
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
  };
  const layers: AwsLayer[] = [];
  const newLayer = (opts: Partial<AwsLayerOptions> = {}): AwsLayer => {
    const l = createAwsLayer({
      userAgent: 'workspaces-fleet/test',
      env,
      requestTimeoutMs: 5000,
      maxAttempts: 2,
      ...(unpaced ? { scheduler: UNPACED } : {}),
      ...layerOpts,
      ...opts,
    });
    layers.push(l);
    return l;
  };
  const writeConfig = (config?: string, credentials?: string): void => {
    const files = emu.awsConfigFiles();
    writeFileSync(env.AWS_CONFIG_FILE as string, config ?? files.config);
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE as string, credentials ?? files.credentials);
  };
  writeConfig();
  const layer = newLayer();
  return {
    emu,
    dir,
    env,
    layer,
    api: (profile = emu.accounts[0].profile, region?: string) =>
      layer.api({ profile, region: region ?? emu.account(profile).regions[0] }),
    writeConfig,
    newLayer,
    close: async () => {
      for (const l of layers) l.dispose();
      await emu.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function collect<T>(pages: AsyncIterable<T[]>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let n = 0;
  for await (const page of pages) {
    n++;
    items.push(...page);
  }
  return { items, pages: n };
}

/** The AwsError a promise rejects with (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await p;
  } catch (e) {
    return e as Record<string, unknown> & Error;
  }
  throw new Error('expected a rejection');
}

/** Ids of the request params of every recorded call of `op`. */
export function idsPerCall(emu: Emulator, op: string, list: string): number[] {
  return emu
    .requests()
    .filter((r) => r.op === op)
    .map((r) => {
      const v = r.params[list];
      return Array.isArray(v) ? v.length : 0;
    });
}

/**
 * A fleet model over a layer, with the tests' clock: every profile of the shared files, and the
 * regions given (default: each profile's own `region`; `'all'`: every region the emulator seeds).
 */
export function fleetOver(
  layer: AwsLayer,
  regions: Record<string, readonly string[]> = {},
  opts: Partial<FleetOptions> = {},
): Fleet {
  return new Fleet(
    () => Promise.resolve(layer),
    { profiles: [], regions, includeEnvironment: false },
    { clock: testClock(), ...opts },
  );
}

/** The regions of every emulated account (Fleet settings). */
export function allRegions(emu: Emulator): Record<string, string[]> {
  return Object.fromEntries(emu.accounts.map((a) => [a.profile, a.regions]));
}

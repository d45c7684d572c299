// The pure rules table (src/core/rules.ts) against the emulator's own model of the service: for
// every action and state, the rules allow exactly what the API call accepts.
import assert from 'node:assert/strict';
import { canRun, type WorkspaceAction } from '../../../src/core/rules';
import { WORKSPACE_STATES } from '../../../src/core/states';
import { ModifyWorkspacePropertiesCommand, type Compute } from '@aws-sdk/client-workspaces';
import { computeChoices, volumeSizes } from '../../../src/core/modify';
import type { ActionOutcome, WorkspacesApi } from '../../../src/aws';
import { clientFor } from '../emulator/helpers';
import { harness, type Harness } from '../aws/helpers';

let h: Harness;

/** A change of the AutoStop timeout alone (no command sends it: the layer has no such call). */
async function autoStopTimeoutOnly(id: string): Promise<ActionOutcome[]> {
  const client = clientFor(h.emu, h.emu.accounts[0], 'us-east-1', { maxAttempts: 1 });
  try {
    await client.send(
      new ModifyWorkspacePropertiesCommand({
        WorkspaceId: id,
        WorkspaceProperties: { RunningModeAutoStopTimeoutInMinutes: 120 },
      }),
    );
    return [{ id, ok: true }];
  } catch (e) {
    return [{ id, ok: false, code: (e as Error).name, message: (e as Error).message }];
  } finally {
    client.destroy();
  }
}

const record = (id: string) => h.emu.world(h.emu.accounts[0].accountId, 'us-east-1').requireWorkspace(id);

/** A compute type of the WorkSpace's family other than its own (core/modify.ts's choices). */
function otherCompute(id: string): Compute {
  const ws = record(id).data;
  const choice = computeChoices(ws)[0];
  assert.ok(choice, `a compute type ${ws.WorkspaceProperties?.ComputeTypeName ?? '?'} can change to`);
  return choice.compute;
}

/** A larger allowed user volume (core/modify.ts's sizes), else a larger root volume. */
function resize(api: WorkspacesApi, id: string): Promise<ActionOutcome[]> {
  const ws = record(id).data;
  const user = volumeSizes(ws, 'user')[0];
  if (user !== undefined) return api.resizeVolume([id], 'user', user);
  const root = volumeSizes(ws, 'root')[0];
  assert.ok(root !== undefined, 'one of the volumes can grow');
  return api.resizeVolume([id], 'root', root);
}

/** Migrates a (Windows) WorkSpace to another Amazon Windows bundle. */
function migrate(api: WorkspacesApi, id: string): Promise<ActionOutcome[]> {
  const rec = record(id);
  rec.data.WorkspaceProperties = { ...rec.data.WorkspaceProperties, OperatingSystemName: 'WINDOWS_10' };
  const world = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
  const target = world.amazonBundles.find((b) => /Windows/.test(b.Name ?? '') && b.BundleId !== rec.data.BundleId);
  assert.ok(target, 'another Amazon Windows bundle');
  return api.migrate([id], target.BundleId);
}

const RUN: Record<WorkspaceAction, (api: WorkspacesApi, id: string) => Promise<ActionOutcome[]>> = {
  start: (api, id) => api.start([id]),
  stop: (api, id) => api.stop([id]),
  reboot: (api, id) => api.reboot([id]),
  rebuild: (api, id) => api.rebuild([id]),
  restore: (api, id) => api.restore([id]),
  terminate: (api, id) => api.terminate([id]),
  enterMaintenance: (api, id) => api.setMaintenance([id], true),
  exitMaintenance: (api, id) => api.setMaintenance([id], false),
  modifyRunningMode: (api, id) => api.setRunningMode([id], 'AUTO_STOP'),
  modifyAutoStopTimeout: (_api, id) => autoStopTimeoutOnly(id),
  changeComputeType: (api, id) => api.setComputeType([id], otherCompute(id)),
  resizeVolumes: resize,
  migrate,
};

describe('aws: the rules table agrees with the service', function () {
  this.timeout(30_000);
  before(async () => {
    h = await harness({ seed: { kind: 'fleet', workspaces: 1, directories: 1, movingRate: 0 } });
  });
  after(async () => h.close());

  for (const mode of ['AUTO_STOP', 'ALWAYS_ON'] as const) {
    it(`every action × state (${mode})`, async () => {
      const mismatches: string[] = [];
      for (const action of Object.keys(RUN) as WorkspaceAction[]) {
        for (const state of WORKSPACE_STATES) {
          h.emu.reset();
          const world = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
          const id = world.workspaceIds()[0];
          const rec = world.requireWorkspace(id);
          rec.data.WorkspaceProperties = {
            ...rec.data.WorkspaceProperties,
            RunningMode: mode,
            ...(mode === 'AUTO_STOP' ? { RunningModeAutoStopTimeoutInMinutes: 60 } : {}),
          };
          world.setState(id, state);
          const [outcome] = await RUN[action](h.api(), id);
          const expected = canRun(action, { State: state, WorkspaceProperties: { RunningMode: mode } });
          if (outcome.ok !== expected) {
            mismatches.push(
              `${action} ${state}: rules ${expected}, service ${outcome.ok ? 'ok' : (outcome as { code: string }).code}`,
            );
          }
        }
      }
      assert.deepEqual(mismatches, []);
    });
  }
});

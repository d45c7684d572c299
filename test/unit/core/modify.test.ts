// core/modify.ts: the compute types and volume sizes a WorkSpace may get, the rules text, and the
// windows of the changes this extension made. (That these rules agree with the emulator's model of
// the service is checked in test/unit/scenarios/rulesVsEmulator.test.ts.)
import * as assert from 'node:assert/strict';
import {
  allowedVolumes,
  ChangeLog,
  computeChoices,
  computeLabel,
  COMPUTE_RULES,
  HOUR_MS,
  isModifying,
  modificationLabel,
  parseVolumeSize,
  validateVolumeSize,
  volumeSizes,
  VOLUME_RULES,
  whyNotCompute,
  whyNotComputeChange,
  whyNotMigrate,
  whyNotMigrateTo,
  whyNotModify,
  whyNotResizeVolume,
} from '../../../src/core/modify';
import { isWorkspaceMoving } from '../../../src/core/states';

const ws = (compute: string, state = 'AVAILABLE', root = 80, user = 50) => ({
  WorkspaceId: 'ws-a1b2c3d4e',
  State: state,
  WorkspaceProperties: { ComputeTypeName: compute, RootVolumeSizeGib: root, UserVolumeSizeGib: user },
});

describe('admin: compute type rules', () => {
  it('offers the types of the family only, each larger or smaller', () => {
    assert.deepEqual(
      computeChoices(ws('STANDARD')).map((c) => `${c.compute}:${c.direction}`),
      [
        'VALUE:smaller',
        'PERFORMANCE:larger',
        'POWER:larger',
        'POWERPRO:larger',
        'GENERALPURPOSE_4XLARGE:larger',
        'GENERALPURPOSE_8XLARGE:larger',
      ],
    );
    assert.deepEqual(
      computeChoices(ws('GRAPHICS_G4DN')).map((c) => c.compute),
      ['GRAPHICSPRO_G4DN'],
    );
    assert.deepEqual(computeChoices(ws('GRAPHICSPRO')), []);
    assert.match(whyNotComputeChange(ws('GRAPHICS')) ?? '', /cannot be changed/);
    assert.match(whyNotCompute(ws('STANDARD'), 'GRAPHICS_G4DN') ?? '', /cannot change to Graphics\.g4dn/);
    assert.match(whyNotCompute(ws('STANDARD'), 'STANDARD') ?? '', /already is Standard/);
    assert.equal(whyNotCompute(ws('STANDARD'), 'POWER'), undefined);
  });

  it('needs AVAILABLE or STOPPED and no change running', () => {
    assert.match(whyNotModify(ws('STANDARD', 'REBOOTING')) ?? '', /REBOOTING.*AVAILABLE or STOPPED/);
    assert.equal(whyNotModify(ws('STANDARD', 'STOPPED')), undefined);
    const busy = { ...ws('STANDARD'), ModificationStates: [{ Resource: 'USER_VOLUME', State: 'UPDATE_IN_PROGRESS' }] };
    assert.match(whyNotModify(busy) ?? '', /already changing \(changing user volume\)/);
    assert.equal(isModifying(busy), true);
    assert.equal(isWorkspaceMoving(busy), true, 'polling follows a WorkSpace whose change runs');
    const failed = { ...ws('STANDARD'), ModificationStates: [{ Resource: 'COMPUTE_TYPE', State: 'UPDATE_FAILED' }] };
    assert.equal(isModifying(failed), false);
    assert.equal(isWorkspaceMoving(failed), false);
    assert.equal(modificationLabel(failed), 'compute type change failed');
  });

  it('keeps the windows of the changes this extension made: 6 h larger, 30 days smaller', () => {
    const log = new ChangeLog();
    const t0 = Date.UTC(2025, 0, 1);
    log.record('ws-a1b2c3d4e', 'computeUp', t0);
    assert.match(
      whyNotCompute(ws('PERFORMANCE'), 'POWER', { log, now: t0 + 2 * HOUR_MS }) ?? '',
      /2 h ago.*try again in 4 h/,
    );
    assert.equal(whyNotCompute(ws('PERFORMANCE'), 'POWER', { log, now: t0 + 6 * HOUR_MS }), undefined);
    assert.equal(
      whyNotCompute(ws('PERFORMANCE'), 'STANDARD', { log, now: t0 + HOUR_MS }),
      undefined,
      'smaller: own window',
    );
    log.record('ws-a1b2c3d4e', 'computeDown', t0);
    assert.match(
      whyNotCompute(ws('PERFORMANCE'), 'STANDARD', { log, now: t0 + 10 * 24 * HOUR_MS }) ?? '',
      /try again in 20 d/,
    );
  });

  it('labels compute types as AWS writes them', () => {
    assert.equal(computeLabel('GRAPHICSPRO_G4DN'), 'GraphicsPro.g4dn');
    assert.equal(computeLabel('GRAPHICS_G6F_XLARGE'), 'Graphics.g6f.xlarge');
    assert.equal(computeLabel('GENERALPURPOSE_4XLARGE'), 'GeneralPurpose.4xlarge');
    assert.ok(COMPUTE_RULES.some((r) => /6 hours.*30 days/.test(r)));
  });
});

describe('admin: volume rules', () => {
  it('allows the documented [root, user] pairs only', () => {
    for (const [r, u] of [
      [80, 10],
      [80, 50],
      [80, 100],
      [175, 100],
      [2000, 2000],
    ]) {
      assert.ok(allowedVolumes(r, u, 'STANDARD'), `${r}/${u}`);
    }
    for (const [r, u] of [
      [80, 20],
      [100, 100],
      [175, 50],
      [2001, 100],
    ]) {
      assert.ok(!allowedVolumes(r, u, 'STANDARD'), `${r}/${u}`);
    }
    assert.ok(allowedVolumes(100, 100, 'GRAPHICS_G4DN'), 'graphics may have 100/100');
  });

  it('offers only sizes that make an allowed pair with the other volume unchanged', () => {
    assert.deepEqual(volumeSizes(ws('STANDARD', 'AVAILABLE', 80, 10), 'user'), [50, 100]);
    assert.deepEqual(volumeSizes(ws('STANDARD', 'AVAILABLE', 80, 10), 'root'), []);
    assert.deepEqual(volumeSizes(ws('STANDARD', 'AVAILABLE', 80, 100), 'root'), [175, 200, 250, 300, 500, 1000, 2000]);
    assert.deepEqual(volumeSizes(ws('STANDARD', 'AVAILABLE', 80, 100), 'user'), []);
    assert.deepEqual(volumeSizes(ws('GRAPHICS_G4DN', 'AVAILABLE', 100, 100), 'root').slice(0, 2), [175, 200]);
    assert.deepEqual(volumeSizes(ws('STANDARD', 'AVAILABLE', 1500, 100), 'root'), [2000]);
    assert.match(whyNotResizeVolume(ws('STANDARD', 'AVAILABLE', 80, 50), 'root') ?? '', /user volume of 100 GB/);
  });

  it('validates a typed size: plausible text is quiet until it is clearly wrong', () => {
    const w = ws('STANDARD', 'AVAILABLE', 175, 100);
    assert.equal(validateVolumeSize('250', w, 'root'), undefined);
    assert.equal(parseVolumeSize(' 250 ', w, 'root'), 250);
    assert.match(validateVolumeSize('150', w, 'root') ?? '', /only grow/);
    assert.match(validateVolumeSize('2500', w, 'root') ?? '', /At most 2000/);
    assert.match(validateVolumeSize('1e3', w, 'root') ?? '', /not a whole number/);
    assert.match(validateVolumeSize('', w, 'root') ?? '', /now 175 GB/);
    assert.match(validateVolumeSize('120', ws('STANDARD', 'AVAILABLE', 80, 100), 'root') ?? '', /not an allowed pair/);
    assert.ok(VOLUME_RULES.some((r) => /one volume at a time/i.test(r)));
    assert.ok(VOLUME_RULES.some((r) => /Reboot/.test(r)));
  });

  it('keeps the 6-hour window of each volume separately', () => {
    const log = new ChangeLog();
    const t0 = Date.UTC(2025, 0, 1);
    log.record('ws-a1b2c3d4e', 'user', t0);
    const w = ws('STANDARD', 'AVAILABLE', 80, 50);
    assert.match(whyNotResizeVolume(w, 'user', { log, now: t0 + 30 * 60_000 }) ?? '', /30 min ago/);
    assert.equal(whyNotResizeVolume(w, 'user', { log, now: t0 + 7 * HOUR_MS }), undefined);
  });
});

describe('admin: migration rules', () => {
  it('needs AVAILABLE, STOPPED or ERROR, no change running, not Linux, another bundle', () => {
    assert.equal(whyNotMigrate({ State: 'ERROR' }), undefined);
    assert.match(whyNotMigrate({ State: 'ADMIN_MAINTENANCE' }) ?? '', /AVAILABLE, STOPPED or ERROR/);
    assert.match(
      whyNotMigrate({ State: 'AVAILABLE', WorkspaceProperties: { OperatingSystemName: 'AMAZON_LINUX_2' } }) ?? '',
      /Linux WorkSpaces cannot be migrated/,
    );
    assert.match(whyNotMigrateTo({ BundleId: 'wsb-x' }, { BundleId: 'wsb-x' }) ?? '', /already uses this bundle/);
    assert.match(whyNotMigrateTo({ BundleId: 'wsb-x' }, { BundleId: 'wsb-y', State: 'PENDING' }) ?? '', /PENDING/);
  });
});

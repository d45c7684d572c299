// Every input-box validator fuzzed with generated strings (fast-check), with the WorkSpaces API
// (the emulator, through the real AWS layer) as the oracle: a validator never throws, refuses with
// a one-line message, and what it accepts the API accepts too (nothing passes the box only to fail
// at AWS). Inputs the layer's own checks refuse are never sent. The commands re-check each value
// after the box closes; the integration test (hostile.test.ts) drives that path.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { WorkspaceRequest } from '@aws-sdk/client-workspaces';
import {
  parseAutoStopHours,
  parseTagList,
  parseUserNames,
  validateAutoStopHours,
  validateBundleId,
  validateDirectoryId,
  validateKmsKey,
  validateNewTagKey,
  validateTagKey,
  validateTagList,
  validateTagValue,
  validateTypedConfirmation,
  validateUserName,
  validateUserNames,
} from '../../../src/core/validation';
import { updateReliability, type FuzzFigures } from '../../support/reliability';
import { harness, type Harness } from '../aws/helpers';

const RUNS = 150;

/** Strings that hit the edges: limits, reserved prefixes, separators, control and odd characters. */
const PIECES = [
  'aws:',
  'AWS:',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r',
  '\u0000',
  '\u007f',
  '\u200b',
  '=',
  ',',
  ';',
  '"',
  "'",
  '\\',
  '/',
  '[',
  ']',
  ':',
  '|',
  '+',
  '*',
  '?',
  '<',
  '>',
  '.',
  '..',
  '@',
  '-',
  '_',
  '😀',
  'é',
  'Ω',
  'd-',
  'wsb-',
  'alias/',
  'arn:aws:kms:us-east-1:123456789012:key/',
  '0',
  '1',
  '48',
  '49',
  '-1',
  '1.5',
  '1e1',
  '0x10',
  'Team',
  'Finance',
  'a'.repeat(63),
  'b'.repeat(127),
  'c'.repeat(255),
];
const edgy = fc
  .array(
    fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));
const anyText = fc.oneof(
  edgy,
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Accepted inputs that went to the API, per property (each must exercise the oracle). */
const sent: Record<string, number> = {};
const sentOne = (what: string): void => void (sent[what] = (sent[what] ?? 0) + 1);

// Whether a refused input is sent is measured by the integration test (the commands' path).
const figures: FuzzFigures = { validators: [], runs: 0, refused: 0, acceptedButApiRefused: 0 };

/** A validator's answer must be undefined (accepted) or a non-empty one-line message. */
function answer(name: string, result: string | undefined): boolean {
  if (!figures.validators.includes(name)) figures.validators.push(name);
  figures.runs++;
  if (result === undefined) return true;
  assert.equal(typeof result, 'string', `${name}: a message`);
  assert.ok(result.trim().length > 0, `${name}: the message says something`);
  assert.doesNotMatch(result, /[\r\n\u0000]/, `${name}: one line`);
  assert.ok(result.length <= 400, `${name}: a short message (${result.length})`);
  figures.refused++;
  return false;
}

describe('input validators fuzzed, the API as oracle', function () {
  this.timeout(60_000);
  let h: Harness;
  let ws: string;
  let dirs: Array<{ DirectoryId?: string; State?: string; WorkspaceType?: string }>;
  let bundles: Array<{ BundleId?: string }>;

  before(async () => {
    h = await harness({ seed: { kind: 'fleet', workspaces: 20, directories: 2, movingRate: 0 } });
    const w = h.emu.world(h.emu.accounts[0].accountId, 'us-east-1');
    ws = w.workspaceIds()[0];
    const rec = w.workspaces.get(ws);
    assert.ok(rec);
    rec.data.State = 'AVAILABLE';
    dirs = [...w.directories.values()];
    bundles = [...w.amazonBundles, ...w.bundles.values()];
  });
  after(async () => {
    updateReliability((r) => (r.fuzz.unit = figures));
    await h.close();
  });

  it('tag key and value: accepted ⇒ CreateTags succeeds; refused by the layer ⇒ nothing sent', async () => {
    const api = h.api();
    await fc.assert(
      fc.asyncProperty(anyText, anyText, async (key, value) => {
        const okKey = answer('validateTagKey', validateTagKey(key));
        const okValue = answer('validateTagValue', validateTagValue(value));
        const before = h.emu.counts().byOp.CreateTags ?? 0;
        let outcomes;
        try {
          outcomes = await api.createTags([ws], [{ Key: key, Value: value }]);
        } catch (e) {
          // The layer refused before any call (its own copy of the API's rules).
          assert.equal((e as { kind?: string }).kind, 'invalidParameter');
          assert.equal(h.emu.counts().byOp.CreateTags ?? 0, before, 'refused: nothing sent');
          assert.ok(!(okKey && okValue), `the box accepts ${JSON.stringify([key, value])} but the layer refuses it`);
          return;
        }
        if (okKey && okValue) {
          sentOne('tags');
          if (!outcomes[0].ok) figures.acceptedButApiRefused++;
          assert.ok(
            outcomes[0].ok,
            `accepted ${JSON.stringify([key, value])} but the API said ${JSON.stringify(outcomes[0])}`,
          );
        }
        // Keep the WorkSpace under the 50-tag limit.
        h.emu.world(h.emu.accounts[0].accountId, 'us-east-1').tags.set(ws, []);
      }),
      { numRuns: RUNS },
    );
    assert.ok((sent.tags ?? 0) >= 20, `accepted tags sent to the API: ${sent.tags}`);
  });

  it('tag lists (Key=Value, …) of Create WorkSpaces: accepted ⇒ every tag passes the key and value rules', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          fc.array(fc.tuple(edgy, edgy), { maxLength: 60 }).map((kv) => kv.map(([k, v]) => `${k}=${v}`).join(', ')),
        ),
        (text) => {
          const ok = answer('validateTagList', validateTagList(text));
          const parsed = parseTagList(text);
          assert.equal(parsed.ok, ok);
          if (parsed.ok) {
            assert.ok(parsed.tags.length <= 50);
            for (const t of parsed.tags) {
              assert.ok(validateTagKey(t.Key ?? '') === undefined && validateTagValue(t.Value ?? '') === undefined);
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a new tag key on WorkSpaces that already carry 50 tags is refused', () => {
    const full = [{ name: 'alice (ws-1)', tags: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: '' })) }];
    fc.assert(
      fc.property(anyText, (key) => {
        const r = validateNewTagKey(key, full);
        answer('validateNewTagKey', r);
        if (!/^k\d+$/.test(key)) assert.ok(r !== undefined, `${JSON.stringify(key)} would be a 51st tag`);
      }),
      { numRuns: RUNS },
    );
  });

  it('AutoStop hours: accepted ⇒ ModifyWorkspaceProperties succeeds with that many hours', async () => {
    const api = h.api();
    const hours = fc.oneof(
      anyText,
      fc.integer({ min: -5, max: 60 }).map(String),
      fc.integer({ min: 1, max: 48 }).map((n) => ` ${n} `),
    );
    await fc.assert(
      fc.asyncProperty(hours, async (text) => {
        if (!answer('validateAutoStopHours', validateAutoStopHours(text))) return;
        const n = parseAutoStopHours(text);
        assert.ok(n !== undefined && Number.isInteger(n) && n >= 1 && n <= 48);
        sentOne('hours');
        const [o] = await api.setRunningMode([ws], 'AUTO_STOP', { autoStopHours: n });
        if (!o.ok) figures.acceptedButApiRefused++;
        assert.ok(o.ok, `${JSON.stringify(text)}: ${JSON.stringify(o)}`);
      }),
      { numRuns: RUNS },
    );
    assert.ok((sent.hours ?? 0) >= 20, `accepted hours sent to the API: ${sent.hours}`);
  });

  it('user names: accepted ⇒ CreateWorkspaces takes every one of them', async () => {
    const api = h.api();
    const dir = dirs.find((d) => d.State === 'REGISTERED' && d.WorkspaceType !== 'POOLS')?.DirectoryId as string;
    const bundle = bundles[0].BundleId as string;
    let seq = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyText,
          fc.array(edgy, { maxLength: 4 }).map((x) => x.join(', ')),
        ),
        async (text) => {
          const ok = answer('validateUserNames', validateUserNames(text));
          for (const n of parseUserNames(text)) answer('validateUserName', validateUserName(n));
          if (!ok) return;
          // Unique per run (a user has one WorkSpace per directory): prefix with a counter.
          const names = parseUserNames(text).map((n) => `${seq++}${n}`.slice(0, 63).replace(/\.$/, 'x'));
          if (names.some((n) => validateUserName(n) !== undefined)) return;
          const requests: WorkspaceRequest[] = names
            .slice(0, 25)
            .map((UserName) => ({ DirectoryId: dir, UserName, BundleId: bundle }));
          sentOne('users');
          const outcomes = await api.create(requests);
          const bad = outcomes.filter((o) => !o.ok);
          figures.acceptedButApiRefused += bad.length;
          assert.deepEqual(bad, [], `${JSON.stringify(names)}`);
        },
      ),
      { numRuns: 60 },
    );
    assert.ok((sent.users ?? 0) >= 5, `accepted user-name lists sent to the API: ${sent.users}`);
  });

  it('directory and bundle ids: accepted only when well formed and known; KMS keys only in their four forms', () => {
    const ids = fc.oneof(
      anyText,
      fc
        .constantFrom(...dirs.map((d) => d.DirectoryId ?? ''), ...bundles.map((b) => b.BundleId ?? ''))
        .map((x) => ` ${x} `),
    );
    fc.assert(
      fc.property(ids, (text) => {
        if (answer('validateDirectoryId', validateDirectoryId(text, dirs))) {
          const d = dirs.find((x) => x.DirectoryId === text.trim());
          assert.ok(d && d.State === 'REGISTERED' && d.WorkspaceType !== 'POOLS');
        }
        if (answer('validateBundleId', validateBundleId(text, bundles))) {
          assert.ok(bundles.some((b) => b.BundleId === text.trim()));
        }
        if (answer('validateKmsKey', validateKmsKey(text))) {
          assert.match(text.trim(), /^(arn:aws|alias\/|[0-9a-f]{8}-|mrk-)/);
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('typed confirmations: accepted exactly when the expected id or count is typed', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom('ws-a1b2c3d4e', '12'), (text, expected) => {
        const ok = answer('validateTypedConfirmation', validateTypedConfirmation(text, expected));
        assert.equal(ok, text.trim() === expected);
      }),
      { numRuns: RUNS },
    );
  });
});

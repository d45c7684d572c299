import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  AUTO_STOP_MAX_HOURS,
  parseAutoStopHours,
  parseTagList,
  parseUserNames,
  TAG_KEY_MAX,
  TAG_VALUE_MAX,
  TAGS_MAX,
  USER_NAME_MAX,
  validateAutoStopHours,
  validateBundleId,
  validateDirectoryId,
  validateKmsKey,
  validateNewTagKey,
  validateTagCount,
  validateTagKey,
  validateTagList,
  validateTagValue,
  validateTypedConfirmation,
  validateUserName,
  validateUserNames,
} from '../../../src/core/validation';

const isMessage = (v: string | undefined): boolean => typeof v === 'string' && v.length > 0;

describe('core/validation', () => {
  describe('AutoStop hours', () => {
    it('accepts whole hours 1 to 48 (spaces around are fine)', () => {
      for (const t of ['1', '2', '24', '48', ' 12 ', '01']) assert.equal(validateAutoStopHours(t), undefined, t);
      assert.equal(parseAutoStopHours(' 12 '), 12);
    });
    it('refuses the rest with a message saying why', () => {
      assert.match(validateAutoStopHours('') ?? '', /Enter the AutoStop time/);
      assert.match(validateAutoStopHours('0') ?? '', /out of range/);
      assert.match(validateAutoStopHours('49') ?? '', /out of range.*1 to 48/);
      assert.match(validateAutoStopHours('1.5') ?? '', /not a whole number/);
      assert.match(validateAutoStopHours('-3') ?? '', /not a whole number/);
      assert.match(validateAutoStopHours('two') ?? '', /not a whole number/);
      assert.match(validateAutoStopHours('1e1') ?? '', /not a whole number/);
      assert.equal(parseAutoStopHours('49'), undefined);
    });
    it('property: valid exactly for the integers 1..48', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: AUTO_STOP_MAX_HOURS }),
          (n) => validateAutoStopHours(String(n)) === undefined && parseAutoStopHours(String(n)) === n,
        ),
      );
      fc.assert(
        fc.property(fc.oneof(fc.integer({ min: -10_000, max: 0 }), fc.integer({ min: 49, max: 10_000_000 })), (n) =>
          isMessage(validateAutoStopHours(String(n))),
        ),
      );
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 12 }), (s) => {
          const t = s.trim();
          const valid = /^\d+$/.test(t) && Number(t) >= 1 && Number(t) <= 48;
          const r = validateAutoStopHours(s);
          return valid ? r === undefined : isMessage(r);
        }),
      );
    });
  });

  describe('tags', () => {
    it('refuses an empty key, a key over 127 characters, the aws: prefix and a value over 255', () => {
      assert.match(validateTagKey('') ?? '', /cannot be empty/);
      assert.match(validateTagKey('   ') ?? '', /only spaces/);
      assert.match(validateTagKey('k'.repeat(128)) ?? '', /at most 127.*128/);
      assert.equal(validateTagKey('k'.repeat(127)), undefined);
      assert.match(validateTagKey('aws:createdBy') ?? '', /reserved/);
      assert.match(validateTagKey('AWS:x') ?? '', /reserved/);
      assert.equal(validateTagKey('awsome'), undefined);
      assert.match(validateTagKey('a\tb') ?? '', /control/);
      assert.equal(validateTagValue(''), undefined);
      assert.equal(validateTagValue('v'.repeat(255)), undefined);
      assert.match(validateTagValue('v'.repeat(256)) ?? '', /at most 255.*256/);
      assert.match(validateTagCount(51) ?? '', /at most 50/);
      assert.equal(validateTagCount(50), undefined);
    });

    it('refuses a new key on a WorkSpace that already has 50 tags, unless it has that key', () => {
      const full = Array.from({ length: TAGS_MAX }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
      const rs = [
        { name: 'alice (ws-1)', tags: full },
        { name: 'bob (ws-2)', tags: [] },
      ];
      assert.match(validateNewTagKey('Team', rs) ?? '', /alice \(ws-1\) already has 50 tags/);
      assert.equal(validateNewTagKey('k3', rs), undefined, 'overwriting an existing key adds nothing');
      assert.match(validateNewTagKey('aws:x', rs) ?? '', /reserved/);
    });

    it('parses "Key=Value, Key2=Value2" lists', () => {
      assert.deepEqual(parseTagList(''), { ok: true, tags: [] });
      assert.deepEqual(parseTagList(' Team=Finance , CostCenter=CC-1042,Empty= , Eq=a=b '), {
        ok: true,
        tags: [
          { Key: 'Team', Value: 'Finance' },
          { Key: 'CostCenter', Value: 'CC-1042' },
          { Key: 'Empty', Value: '' },
          { Key: 'Eq', Value: 'a=b' },
        ],
      });
      assert.match(validateTagList('Team') ?? '', /no "="/);
      assert.match(validateTagList('=x') ?? '', /cannot be empty/);
      assert.match(validateTagList('a=1,,b=2') ?? '', /Empty entry/);
      assert.match(validateTagList('a=1, a=2') ?? '', /given twice/);
      assert.match(validateTagList('aws:x=1') ?? '', /reserved/);
      assert.match(validateTagList(`a=${'v'.repeat(256)}`) ?? '', /a: A tag value has at most 255/);
      const many = Array.from({ length: 51 }, (_, i) => `k${i}=v`).join(',');
      assert.match(validateTagList(many) ?? '', /at most 50 tags/);
    });

    const keyChar = fc.constantFrom(
      ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:/+-@ '.split(''),
    );
    const goodKey = fc
      .string({ unit: keyChar, minLength: 1, maxLength: TAG_KEY_MAX })
      .filter((k) => k.trim() === k && k.length > 0 && !k.toLowerCase().startsWith('aws:'));

    it('property: keys of 1–127 allowed characters without aws: pass; longer or aws: ones fail', () => {
      fc.assert(fc.property(goodKey, (k) => validateTagKey(k) === undefined));
      fc.assert(
        fc.property(fc.string({ minLength: TAG_KEY_MAX + 1, maxLength: 300 }), (k) => isMessage(validateTagKey(k))),
      );
      fc.assert(
        fc.property(fc.constantFrom('aws:', 'AWS:', 'Aws:'), fc.string({ maxLength: 20 }), (p, rest) =>
          isMessage(validateTagKey(p + rest)),
        ),
      );
      fc.assert(
        fc.property(fc.string({ unit: keyChar, maxLength: TAG_VALUE_MAX }), (v) => validateTagValue(v) === undefined),
      );
      fc.assert(
        fc.property(fc.string({ minLength: TAG_VALUE_MAX + 1, maxLength: 400 }), (v) => isMessage(validateTagValue(v))),
      );
    });

    it('property: a written list of valid tags parses back to the same tags', () => {
      const valueChar = fc.constantFrom(...'abcXYZ019_.:/+-@= '.split(''));
      const key = goodKey.filter((k) => !k.includes('=') && !k.includes(','));
      const tags = fc.uniqueArray(
        fc.record({ Key: key, Value: fc.string({ unit: valueChar, maxLength: 40 }).map((v) => v.trim()) }),
        {
          selector: (t) => t.Key,
          maxLength: TAGS_MAX,
        },
      );
      fc.assert(
        fc.property(tags, (ts) => {
          const r = parseTagList(ts.map((t) => `${t.Key}=${t.Value}`).join(', '));
          return r.ok && JSON.stringify(r.tags) === JSON.stringify(ts);
        }),
      );
    });
  });

  describe('user names', () => {
    it('accepts directory user names, e-mail-like names included', () => {
      for (const n of ['jdoe', 'jane.doe', 'j_doe-2', 'jane.doe@example.com', 'ÉMILE']) {
        assert.equal(validateUserName(n), undefined, n);
      }
    });
    it('refuses illegal characters, spaces, trailing periods and over-long names', () => {
      for (const c of ['"', '/', '\\', '[', ']', ':', ';', '|', '=', ',', '+', '*', '?', '<', '>']) {
        assert.match(validateUserName(`ja${c}ne`) ?? '', /cannot contain/, c);
      }
      assert.match(validateUserName('jane doe') ?? '', /space/);
      assert.match(validateUserName('jane.') ?? '', /period/);
      assert.match(validateUserName('...') ?? '', /only periods/);
      assert.match(validateUserName('u'.repeat(USER_NAME_MAX + 1)) ?? '', /at most 63/);
      assert.match(validateUserName('') ?? '', /empty/);
    });
    it('splits lists on commas, semicolons, spaces and line breaks; refuses duplicates and taken users', () => {
      assert.deepEqual(parseUserNames(' a, b;c\nd  e ,, '), ['a', 'b', 'c', 'd', 'e']);
      assert.equal(validateUserNames('ann, bob carl'), undefined);
      assert.match(validateUserNames('') ?? '', /at least one/);
      assert.match(validateUserNames('ann, Ann') ?? '', /listed twice/);
      assert.match(validateUserNames('ann, bob', new Set(['bob'])) ?? '', /bob already has a WorkSpace/);
      assert.match(validateUserNames('ann, b[o]b') ?? '', /contains "\["/);
      assert.match(validateUserNames(Array.from({ length: 101 }, (_, i) => `u${i}`).join(',')) ?? '', /At most 100/);
    });
    it('property: names from the allowed alphabet pass; one illegal character anywhere fails', () => {
      const ok = fc.string({
        unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789_-@'.split('')),
        minLength: 1,
        maxLength: USER_NAME_MAX,
      });
      fc.assert(fc.property(ok, (n) => validateUserName(n) === undefined));
      fc.assert(
        fc.property(ok, fc.constantFrom(...'"/\\[]:;|=+*?<>'.split('')), fc.nat(), (n, bad, at) => {
          const i = at % (n.length + 1);
          const name = n.slice(0, i) + bad + n.slice(i);
          return name.length > USER_NAME_MAX || isMessage(validateUserName(name));
        }),
      );
    });
  });

  describe('directory, bundle and KMS key ids', () => {
    const dirs = [
      { DirectoryId: 'd-9067a1b2c3', State: 'REGISTERED', WorkspaceType: 'PERSONAL' },
      { DirectoryId: 'd-90670badc0', State: 'ERROR', WorkspaceType: 'PERSONAL' },
      { DirectoryId: 'd-9367f00150', State: 'REGISTERED', WorkspaceType: 'POOLS' },
    ];
    it('accepts a known registered personal directory; refuses malformed, unknown, ERROR and Pools ones', () => {
      assert.equal(validateDirectoryId(' d-9067a1b2c3 ', dirs), undefined);
      assert.match(validateDirectoryId('', dirs) ?? '', /Enter a directory ID/);
      assert.match(validateDirectoryId('corp', dirs) ?? '', /not a directory ID/);
      assert.match(
        validateDirectoryId('d-0000000000', dirs, 'sandbox-prod us-east-1') ?? '',
        /Unknown directory d-0000000000.*sandbox-prod us-east-1/,
      );
      assert.match(validateDirectoryId('d-90670badc0', dirs) ?? '', /is ERROR/);
      assert.match(validateDirectoryId('d-9367f00150', dirs) ?? '', /Pools directory/);
    });
    it('accepts a known bundle; refuses malformed and unknown ones', () => {
      const bundles = [{ BundleId: 'wsb-fin0win11' }];
      assert.equal(validateBundleId('wsb-fin0win11', bundles), undefined);
      assert.match(validateBundleId('wsb-nosuch123', bundles) ?? '', /Unknown bundle wsb-nosuch123/);
      assert.match(validateBundleId('bundle-1', bundles) ?? '', /not a bundle ID/);
      assert.match(validateBundleId('', bundles) ?? '', /Enter a bundle ID/);
    });
    it('accepts KMS key ARNs, aliases and key ids', () => {
      for (const k of [
        'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        'arn:aws:kms:us-east-1:111111111111:alias/workspaces',
        'alias/aws/workspaces',
        '1234abcd-12ab-34cd-56ef-1234567890ab',
        'mrk-1234abcd12ab34cd56ef1234567890ab',
      ]) {
        assert.equal(validateKmsKey(k), undefined, k);
      }
      for (const k of ['', 'my-key', 'arn:aws:kms:us-east-1:1111:key/x', 'alias/']) {
        assert.ok(isMessage(validateKmsKey(k)), k);
      }
    });
  });

  describe('typed confirmation', () => {
    it('passes only the exact expected text', () => {
      assert.equal(validateTypedConfirmation('ws-a1c3e5g7i', 'ws-a1c3e5g7i'), undefined);
      assert.equal(validateTypedConfirmation(' 3 ', '3'), undefined);
      assert.match(validateTypedConfirmation('', 'ws-a1c3e5g7i') ?? '', /Type ws-a1c3e5g7i to confirm/);
      assert.match(validateTypedConfirmation('ws-a1c3e5g7', 'ws-a1c3e5g7i') ?? '', /not ws-a1c3e5g7i/);
      assert.ok(isMessage(validateTypedConfirmation('WS-A1C3E5G7I', 'ws-a1c3e5g7i')), 'case matters');
    });
    it('property: anything but the expected text is refused', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 20 }), fc.string({ minLength: 1, maxLength: 20 }), (typed, expected) => {
          fc.pre(expected.trim() === expected && expected.length > 0);
          const r = validateTypedConfirmation(typed, expected);
          return typed.trim() === expected ? r === undefined : isMessage(r);
        }),
      );
    });
  });

  it('fuzz: no validator throws, each returns undefined or a message', () => {
    const validators: Array<(s: string) => string | undefined> = [
      validateAutoStopHours,
      validateTagKey,
      validateTagValue,
      validateTagList,
      validateUserName,
      (s) => validateUserNames(s),
      (s) => validateDirectoryId(s, []),
      (s) => validateBundleId(s, []),
      validateKmsKey,
      (s) => validateTypedConfirmation(s, 'ws-x'),
    ];
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) =>
        validators.every((v) => {
          const r = v(s);
          return r === undefined || isMessage(r);
        }),
      ),
      { numRuns: 300 },
    );
  });
});

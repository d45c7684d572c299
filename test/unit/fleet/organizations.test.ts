// The organisations of the settings (src/fleet/organizations.ts): what a hand-edited
// workspacesFleet.identityCenter.accounts value may hold, and what is taken of it.
import * as assert from 'node:assert/strict';
import { identityCenterChoices } from '../../../src/fleet/organizations';

describe('fleet/organizations: the settings', () => {
  it('takes well-formed organisations and drops what is not', () => {
    const c = identityCenterChoices({
      corp: {
        role: ' WorkSpacesAdmin ',
        regions: ['us-east-1', 'eu-west-1', 'moon-1', 7],
        accounts: ['111111111111', '12', 3],
      },
      all: { role: 'ReadOnly', regions: ['us-west-2'] },
      norole: { regions: ['us-east-1'] },
      noregions: { role: 'x' },
      junk: 'x',
    });
    assert.deepEqual(Object.keys(c).sort(), ['all', 'corp']);
    assert.deepEqual(c.corp, {
      role: 'WorkSpacesAdmin',
      regions: ['us-east-1', 'eu-west-1'],
      accounts: ['111111111111'],
    });
    assert.deepEqual(c.all, { role: 'ReadOnly', regions: ['us-west-2'] });
    assert.equal(Object.keys(identityCenterChoices(null)).length, 0);
    assert.equal(Object.keys(identityCenterChoices([1, 2])).length, 0);
  });

  it('an organisation named __proto__ or constructor is an entry like any other', () => {
    const raw = JSON.parse(
      '{"__proto__": {"role": "A", "regions": ["us-east-1"]}, "constructor": {"role": "B", "regions": ["us-east-1"]}}',
    ) as unknown;
    const c = identityCenterChoices(raw);
    assert.ok(Object.hasOwn(c, '__proto__'));
    const key: string = 'constructor';
    assert.equal(c[key].role, 'B');
  });
});

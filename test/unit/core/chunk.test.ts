import assert from 'node:assert/strict';
import { chunk } from '../../../src/core/chunk';

describe('core/chunk', () => {
  it('splits into parts of the given size, the last one shorter; none for none', () => {
    assert.deepEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    assert.deepEqual(chunk([], 25), []);
  });
});

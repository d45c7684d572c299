import assert from 'node:assert/strict';
import {
  DIRECTORY_STATES,
  IMAGE_STATES,
  isDirectoryMoving,
  isGone,
  isImageMoving,
  isMoving,
  isPoolMoving,
  isProblem,
  isSettled,
  MOVING_WORKSPACE_STATES,
  POOL_STATES,
  SETTLED_WORKSPACE_STATES,
  WORKSPACE_STATES,
} from '../../../src/core/states';

describe('core states', () => {
  it('moving and settled WorkSpace states split the 17 states', () => {
    assert.deepEqual([...MOVING_WORKSPACE_STATES].sort(), [
      'MAINTENANCE',
      'PENDING',
      'REBOOTING',
      'REBUILDING',
      'RESTORING',
      'STARTING',
      'STOPPING',
      'TERMINATING',
      'UPDATING',
    ]);
    for (const s of WORKSPACE_STATES) assert.notEqual(isMoving(s), isSettled(s), s);
    assert.equal(SETTLED_WORKSPACE_STATES.length + MOVING_WORKSPACE_STATES.length, WORKSPACE_STATES.length);
    assert.ok(!isMoving(undefined) && !isSettled(undefined) && !isSettled('BOGUS'));
    assert.ok(!isMoving('ADMIN_MAINTENANCE') && isSettled('ADMIN_MAINTENANCE'));
    assert.ok(isProblem('UNHEALTHY') && isProblem('ERROR') && !isProblem('STOPPED'));
    assert.ok(isGone('TERMINATED') && !isGone('TERMINATING'));
  });

  it('directories, images and pools', () => {
    assert.deepEqual(DIRECTORY_STATES.filter(isDirectoryMoving), ['REGISTERING', 'DEREGISTERING']);
    assert.deepEqual(IMAGE_STATES.filter(isImageMoving), ['PENDING']);
    assert.deepEqual(
      POOL_STATES.filter((s) => !isPoolMoving(s)),
      ['RUNNING', 'STOPPED'],
    );
  });
});

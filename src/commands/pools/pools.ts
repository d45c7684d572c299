import { POOLS } from '../pipeline/resources';
import { CONFIRM_STOP_REBOOT } from '../../core/actionTable';
import { resourceAction } from '../pipeline/resourceAction';

/** Starts STOPPED pools (one per call); pools are re-read until they settle. */
export const startPools = resourceAction({
  id: 'workspacesFleet.startPools',
  title: 'Start Pool',
  resource: POOLS,
  action: 'startPool',
  progress: 'Starting pools',
  done: 'Starting',
  participle: 'started',
  button: 'Start Pool',
  confirm: 'none',
  idsPerCall: 1,
  call: (api, ids, _input, signal) => api.startPools(ids, { abortSignal: signal }),
});

/** Stops RUNNING pools; asks first unless workspacesFleet.confirmStopReboot is off. */
export const stopPools = resourceAction({
  id: 'workspacesFleet.stopPools',
  title: 'Stop Pool',
  resource: POOLS,
  action: 'stopPool',
  progress: 'Stopping pools',
  done: 'Stopping',
  participle: 'stopped',
  button: 'Stop Pool',
  confirm: 'modal',
  confirmSetting: CONFIRM_STOP_REBOOT,
  consequence: 'Every session of the pool ends; users lose work they have not saved.',
  idsPerCall: 1,
  call: (api, ids, _input, signal) => api.stopPools(ids, { abortSignal: signal }),
});

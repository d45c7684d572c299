// Every command of the extension, one verb per file, registered through one wrapper.
import { applyRecommendation } from './applyRecommendation';
import { changeComputeType } from './changeComputeType';
import { chooseRegions } from './chooseRegions';
import { clearCache } from './clearCache';
import { clearFilter } from './clearFilter';
import { showConnectionDetails } from './connectionDetails';
import { copyConnectionLink, openInClient } from './connect';
import { copyArn, copyId, copyIp } from './copy';
import { createWorkspaces, createWorkspacesFromBundle } from './createWorkspaces';
import { exportWorkspaces } from './exportWorkspaces';
import { filter } from './filter';
import { groupBy } from './groupBy';
import { loadMore } from './loadMore';
import { enterMaintenance, exitMaintenance } from './maintenance';
import { manageTags } from './manageTags';
import { migrateWorkspaces } from './migrate';
import { openInConsole } from './openInConsole';
import { openConfigFile } from './openConfigFile';
import { startPools, stopPools } from './pools';
import { rebootWorkspaces } from './reboot';
import { rebuildWorkspaces } from './rebuild';
import { refresh } from './refresh';
import { refreshNode } from './refreshNode';
import { refreshUsage } from './refreshUsage';
import type { CommandSpec } from './registry';
import { restoreWorkspaces } from './restore';
import { resizeVolumes } from './resizeVolumes';
import { retry } from './retry';
import { changeRunningMode } from './runningMode';
import { showCostReport } from './showCostReport';
import { showDirectoryErrors, showImageErrors, showPoolErrors, showWorkspaceErrors } from './showErrorDetails';
import { showLog } from './showLog';
import { startWorkspaces } from './start';
import { stopWorkspaces } from './stop';
import { terminateWorkspaces } from './terminate';
import { showAll, showIdle } from './toggleIdle';

export const COMMANDS: readonly CommandSpec[] = [
  refresh,
  refreshNode,
  retry,
  filter,
  clearFilter,
  groupBy,
  showIdle,
  showAll,
  loadMore,
  chooseRegions,
  openConfigFile,
  showLog,
  clearCache,
  showImageErrors,
  showPoolErrors,
  // WorkSpace lifecycle (issue 6)
  startWorkspaces,
  stopWorkspaces,
  rebootWorkspaces,
  rebuildWorkspaces,
  restoreWorkspaces,
  terminateWorkspaces,
  enterMaintenance,
  exitMaintenance,
  changeRunningMode,
  manageTags,
  createWorkspaces,
  copyId,
  copyArn,
  copyIp,
  openInConsole,
  showConnectionDetails,
  startPools,
  stopPools,
  // Cost and usage (issue 17)
  refreshUsage,
  applyRecommendation,
  showCostReport,
  // The weekly work of an admin (issue 16)
  exportWorkspaces,
  copyConnectionLink,
  openInClient,
  changeComputeType,
  resizeVolumes,
  migrateWorkspaces,
  createWorkspacesFromBundle,
  showWorkspaceErrors,
  showDirectoryErrors,
];

// Every command of the extension, one verb per file, registered through one wrapper. The verbs are
// grouped by feature: view/ (refresh, filter, group, idle view, regions, cache), workspaces/ (the
// lifecycle verbs), modify/ (running mode, compute, volumes, tags), create/ (create, migrate),
// inspect/ (connect, copy, export, details, errors), pools/, cost/; pipeline/ is the machinery they
// share (select, partition, confirm, run, report).
import type { CommandSpec } from './pipeline/registry';
import { chooseRegions } from './view/chooseRegions';
import { clearCache } from './view/clearCache';
import { clearFilter } from './view/clearFilter';
import { filter } from './view/filter';
import { groupBy } from './view/groupBy';
import { loadMore } from './view/loadMore';
import { openConfigFile } from './view/openConfigFile';
import { refresh } from './view/refresh';
import { refreshNode } from './view/refreshNode';
import { retry } from './view/retry';
import { showLog } from './view/showLog';
import { showAll, showIdle } from './view/toggleIdle';
import { enterMaintenance, exitMaintenance } from './workspaces/maintenance';
import { rebootWorkspaces } from './workspaces/reboot';
import { rebuildWorkspaces } from './workspaces/rebuild';
import { restoreWorkspaces } from './workspaces/restore';
import { startWorkspaces } from './workspaces/start';
import { stopWorkspaces } from './workspaces/stop';
import { terminateWorkspaces } from './workspaces/terminate';
import { changeComputeType } from './modify/changeComputeType';
import { manageTags } from './modify/manageTags';
import { resizeVolumes } from './modify/resizeVolumes';
import { changeRunningMode } from './modify/runningMode';
import { createWorkspaces, createWorkspacesFromBundle } from './create/createWorkspaces';
import { migrateWorkspaces } from './create/migrate';
import { copyConnectionLink, openInClient } from './inspect/connect';
import { showConnectionDetails } from './inspect/connectionDetails';
import { copyArn, copyId, copyIp } from './inspect/copy';
import { exportWorkspaces } from './inspect/exportWorkspaces';
import { openInConsole } from './inspect/openInConsole';
import { showDirectoryErrors, showImageErrors, showPoolErrors, showWorkspaceErrors } from './inspect/showErrorDetails';
import { startPools, stopPools } from './pools/pools';
import { applyRecommendation } from './cost/applyRecommendation';
import { refreshUsage } from './cost/refreshUsage';
import { showCostReport } from './cost/showCostReport';
import {
  addIdentityCenterAccounts,
  removeOrganization,
  signInIdentityCenter,
  writeIdentityCenterProfiles,
} from './identityCenter/identityCenter';

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
  // IAM Identity Center (issue 23)
  addIdentityCenterAccounts,
  signInIdentityCenter,
  writeIdentityCenterProfiles,
  removeOrganization,
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

// Every command of the extension, one verb per file, registered through one wrapper.
import { chooseRegions } from './chooseRegions';
import { clearFilter } from './clearFilter';
import { filter } from './filter';
import { groupBy } from './groupBy';
import { loadMore } from './loadMore';
import { openConfigFile } from './openConfigFile';
import { refresh } from './refresh';
import { refreshNode } from './refreshNode';
import type { CommandSpec } from './registry';
import { retry } from './retry';
import { showImageErrors, showPoolErrors } from './showErrorDetails';
import { showLog } from './showLog';
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
  showImageErrors,
  showPoolErrors,
];

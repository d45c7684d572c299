// The one table of WorkSpace actions: a row per action says in which states and running modes the
// API accepts it (from the WorkSpaces API documentation of each action), how many ids one call
// takes, whether it destroys data, the state an accepted WorkSpace shows at once, what a re-read
// must show to prove it applied when its answer was lost, and the command that runs it: id, menu
// and palette title, icon, place in the context menu, confirmation, and the words of its messages.
// Everything else reads this table: core/rules.ts (what is allowed, the menus' `when` clauses),
// fleet/outcomes.ts (verdicts of lost answers), the command pipeline
// (commands/pipeline/resourceAction.ts) and core/manifest.ts, which writes package.json's entries
// of these commands (`npm run manifest`; the static stage fails when package.json differs). Pure.
import type { RunningMode, WorkspaceState } from '@aws-sdk/client-workspaces';
import { COMPUTE_RULES, MIGRATE_CONSEQUENCE, VOLUME_RULES } from './modify';
import { WORKSPACE_STATES } from './states';

/** none: asks only when some are skipped; modal: a modal (unless its setting is off); typed: modal + typed id. */
export type ConfirmKind = 'none' | 'modal' | 'typed';

/** The setting (workspacesFleet.confirmStopReboot) that turns the Stop/Reboot (and Stop Pool) modal off. */
export const CONFIRM_STOP_REBOOT = 'confirmStopReboot';

export interface ActionRule {
  /** Verb for messages ("Start"). */
  readonly label: string;
  /** States in which the action is accepted. */
  readonly states: readonly WorkspaceState[];
  /** Running modes in which the action is accepted; absent = any. A WorkSpace whose running mode
   *  is unknown (no WorkspaceProperties) is not refused on that ground: the API decides. */
  readonly runningModes?: readonly RunningMode[];
  /** Ids the API takes per call. */
  readonly idsPerCall: number;
  /** Destroys data or the WorkSpace: the UI asks for confirmation. */
  readonly destructive: boolean;
}

/** The command of an action: package.json's entries and the pipeline's texts. */
export interface ActionCommand {
  readonly id: string;
  /** In menus and the palette ("Rebuild…": an ellipsis when it asks for more before it runs). */
  readonly title: string;
  /** What the command does, as the log and a failure name it ("Stop WorkSpaces failed: …"). */
  readonly name: string;
  /** A codicon ("$(debug-stop)"). */
  readonly icon: string;
  /** Group and order in a WorkSpace's context menu; destructive actions go last (z_destructive). */
  readonly menu: readonly [group: string, order: number];
  /** The order of the row's own (inline) button; absent: no button. */
  readonly inline?: number;
  /** "stopped", for "cannot be stopped now". */
  readonly participle: string;
  /** The confirmation's button ("Stop"). */
  readonly button: string;
  readonly confirm: ConfirmKind;
  /** A boolean setting that turns a `modal` confirmation off. */
  readonly confirmSetting?: string;
  /** Why it matters: the first paragraph of the confirmation. */
  readonly consequence?: string;
  /** The progress notification ("Stopping WorkSpaces"); absent: the verb's, from its input. */
  readonly progress?: string;
  /** What the summary says of the accepted items ("Stopping 3 WorkSpaces."); absent: the verb's. */
  readonly done?: string;
}

export interface ActionRow extends ActionRule {
  /** The state a WorkSpace shows at once when the action was accepted (before the next poll). */
  readonly stateAfter?: WorkspaceState;
  /**
   * States a WorkSpace can show once the action was applied (right after, or after it completed):
   * what settles an action whose answer was lost. Absent: a re-read cannot tell.
   */
  readonly applied?: readonly WorkspaceState[];
  /** It ends in the state it starts from (AVAILABLE): an unchanged state proves nothing. */
  readonly returnsToStart?: boolean;
  /** A WorkSpace that DescribeWorkspaces no longer returns shows it applied. */
  readonly doneWhenGone?: boolean;
  /** The command that runs it; absent: no command of its own. */
  readonly command?: ActionCommand;
}

const notTerminal = WORKSPACE_STATES.filter((s) => s !== 'SUSPENDED' && s !== 'TERMINATING' && s !== 'TERMINATED');

const DISCONNECTS = 'Connected users are disconnected; work not saved in open applications is lost.';

const table = {
  start: {
    label: 'Start',
    states: ['STOPPED'],
    runningModes: ['AUTO_STOP', 'MANUAL'],
    idsPerCall: 25,
    destructive: false,
    stateAfter: 'STARTING',
    applied: ['STARTING', 'AVAILABLE'],
    command: {
      id: 'workspacesFleet.startWorkspaces',
      title: 'Start',
      name: 'Start WorkSpaces',
      icon: '$(debug-start)',
      menu: ['1_lifecycle', 1],
      inline: 1,
      progress: 'Starting WorkSpaces',
      done: 'Starting',
      participle: 'started',
      button: 'Start',
      confirm: 'none',
    },
  },
  stop: {
    label: 'Stop',
    states: ['AVAILABLE', 'IMPAIRED', 'UNHEALTHY', 'ERROR'],
    runningModes: ['AUTO_STOP', 'MANUAL'],
    idsPerCall: 25,
    destructive: false,
    stateAfter: 'STOPPING',
    applied: ['STOPPING', 'STOPPED'],
    command: {
      id: 'workspacesFleet.stopWorkspaces',
      title: 'Stop',
      name: 'Stop WorkSpaces',
      icon: '$(debug-stop)',
      menu: ['1_lifecycle', 2],
      inline: 2,
      progress: 'Stopping WorkSpaces',
      done: 'Stopping',
      participle: 'stopped',
      button: 'Stop',
      confirm: 'modal',
      confirmSetting: CONFIRM_STOP_REBOOT,
      consequence: DISCONNECTS,
    },
  },
  // REBOOTING is accepted by the API only when the WorkSpace is stuck for > 20 min; the client
  // cannot know that, so it is not offered.
  reboot: {
    label: 'Reboot',
    states: ['AVAILABLE', 'IMPAIRED', 'UNHEALTHY'],
    idsPerCall: 25,
    destructive: false,
    stateAfter: 'REBOOTING',
    applied: ['REBOOTING'],
    returnsToStart: true,
    command: {
      id: 'workspacesFleet.rebootWorkspaces',
      title: 'Reboot',
      name: 'Reboot WorkSpaces',
      icon: '$(debug-restart)',
      menu: ['1_lifecycle', 3],
      progress: 'Rebooting WorkSpaces',
      done: 'Rebooting',
      participle: 'rebooted',
      button: 'Reboot',
      confirm: 'modal',
      confirmSetting: CONFIRM_STOP_REBOOT,
      consequence: DISCONNECTS,
    },
  },
  rebuild: {
    label: 'Rebuild',
    states: ['AVAILABLE', 'ERROR', 'UNHEALTHY', 'STOPPED', 'REBOOTING'],
    idsPerCall: 1,
    destructive: true,
    stateAfter: 'REBUILDING',
    applied: ['REBUILDING'],
    returnsToStart: true,
    command: {
      id: 'workspacesFleet.rebuildWorkspaces',
      title: 'Rebuild…',
      name: 'Rebuild WorkSpaces',
      icon: '$(sync)',
      menu: ['z_destructive', 1],
      progress: 'Rebuilding WorkSpaces',
      done: 'Rebuilding',
      participle: 'rebuilt',
      button: 'Rebuild',
      confirm: 'typed',
      consequence:
        "Rebuild re-creates the system volume (C:) from the bundle's image: applications and settings installed since are lost. " +
        'The user volume (D:) is re-created from its latest snapshot (taken every 12 hours): newer user files are lost. Users are disconnected.',
    },
  },
  restore: {
    label: 'Restore',
    states: ['AVAILABLE', 'ERROR', 'UNHEALTHY', 'STOPPED'],
    idsPerCall: 1,
    destructive: true,
    stateAfter: 'RESTORING',
    applied: ['RESTORING'],
    returnsToStart: true,
    command: {
      id: 'workspacesFleet.restoreWorkspaces',
      title: 'Restore…',
      name: 'Restore WorkSpaces',
      icon: '$(history)',
      menu: ['z_destructive', 2],
      progress: 'Restoring WorkSpaces',
      done: 'Restoring',
      participle: 'restored',
      button: 'Restore',
      confirm: 'typed',
      consequence:
        'Restore rolls the system volume and the user volume back to their last snapshots (taken every 12 hours): ' +
        'every file, application and setting changed since is lost. Users are disconnected.',
    },
  },
  // "Any state except SUSPENDED"; TERMINATING/TERMINATED are already on their way out.
  terminate: {
    label: 'Terminate',
    states: notTerminal,
    idsPerCall: 25,
    destructive: true,
    stateAfter: 'TERMINATING',
    applied: ['TERMINATING', 'TERMINATED'],
    doneWhenGone: true,
    command: {
      id: 'workspacesFleet.terminateWorkspaces',
      title: 'Terminate…',
      name: 'Terminate WorkSpaces',
      icon: '$(trash)',
      menu: ['z_destructive', 3],
      progress: 'Terminating WorkSpaces',
      done: 'Terminating',
      participle: 'terminated',
      button: 'Terminate',
      confirm: 'typed',
      consequence:
        "Terminate permanently deletes the WorkSpace and its volumes. The user's files on it are destroyed and cannot be recovered; " +
        'a new WorkSpace for the user starts empty.',
    },
  },
  enterMaintenance: {
    label: 'Enter admin maintenance',
    states: ['AVAILABLE'],
    idsPerCall: 1,
    destructive: false,
    stateAfter: 'ADMIN_MAINTENANCE',
    applied: ['ADMIN_MAINTENANCE'],
    command: {
      id: 'workspacesFleet.enterMaintenance',
      title: 'Enter Admin Maintenance',
      name: 'Enter admin maintenance WorkSpaces',
      icon: '$(tools)',
      menu: ['2_modify', 1],
      progress: 'Entering admin maintenance',
      done: 'Admin maintenance on for',
      participle: 'put in admin maintenance',
      button: 'Enter Maintenance',
      confirm: 'none',
    },
  },
  exitMaintenance: {
    label: 'Exit admin maintenance',
    states: ['ADMIN_MAINTENANCE'],
    idsPerCall: 1,
    destructive: false,
    stateAfter: 'AVAILABLE',
    applied: ['AVAILABLE'],
    command: {
      id: 'workspacesFleet.exitMaintenance',
      title: 'Exit Admin Maintenance',
      name: 'Exit admin maintenance WorkSpaces',
      icon: '$(pass)',
      menu: ['2_modify', 1],
      progress: 'Leaving admin maintenance',
      done: 'Admin maintenance off for',
      participle: 'taken out of admin maintenance',
      button: 'Exit Maintenance',
      confirm: 'none',
    },
  },
  modifyRunningMode: {
    label: 'Change running mode',
    states: ['AVAILABLE', 'STOPPED'],
    idsPerCall: 1,
    destructive: false,
    command: {
      id: 'workspacesFleet.changeRunningMode',
      title: 'Change Running Mode…',
      name: 'Change Running Mode',
      icon: '$(watch)',
      menu: ['2_modify', 2],
      participle: 'changed',
      button: 'Change',
      confirm: 'none',
    },
  },
  // No command of its own: Change Running Mode sets the AutoStop time with the mode.
  modifyAutoStopTimeout: {
    label: 'Change AutoStop timeout',
    states: ['AVAILABLE', 'STOPPED'],
    runningModes: ['AUTO_STOP'],
    idsPerCall: 1,
    destructive: false,
  },
  // ModifyWorkspaceProperties: the finer rules (family, volume pairs, a change already running,
  // the windows) are in core/modify.ts.
  changeComputeType: {
    label: 'Change compute type',
    states: ['AVAILABLE', 'STOPPED'],
    idsPerCall: 1,
    destructive: false,
    command: {
      id: 'workspacesFleet.changeComputeType',
      title: 'Change Compute Type…',
      name: 'Change Compute Type',
      icon: '$(server-process)',
      menu: ['2_modify', 4],
      participle: 'changed',
      button: 'Change',
      confirm: 'modal',
      consequence: COMPUTE_RULES.join('\n'),
    },
  },
  resizeVolumes: {
    label: 'Resize volumes',
    states: ['AVAILABLE', 'STOPPED'],
    idsPerCall: 1,
    destructive: false,
    command: {
      id: 'workspacesFleet.resizeVolumes',
      title: 'Resize Volumes…',
      name: 'Resize Volumes',
      icon: '$(database)',
      menu: ['2_modify', 5],
      participle: 'resized',
      button: 'Resize',
      confirm: 'modal',
      consequence: VOLUME_RULES.join('\n'),
    },
  },
  // MigrateWorkspace (admin guide, "Migrate a WorkSpace"): AVAILABLE, STOPPED or ERROR; the root
  // volume is re-created from the new bundle.
  migrate: {
    label: 'Migrate',
    states: ['AVAILABLE', 'STOPPED', 'ERROR'],
    idsPerCall: 1,
    destructive: true,
    command: {
      id: 'workspacesFleet.migrateWorkspaces',
      title: 'Migrate to Another Bundle…',
      name: 'Migrate WorkSpaces',
      icon: '$(arrow-swap)',
      menu: ['z_destructive', 4],
      participle: 'migrated',
      button: 'Migrate',
      confirm: 'typed',
      consequence: MIGRATE_CONSEQUENCE,
    },
  },
} satisfies Record<string, ActionRow>;

export type WorkspaceAction = keyof typeof table;

/** Every WorkSpace action, in menu order. */
export const ACTION_TABLE: Readonly<Record<WorkspaceAction, ActionRow>> = table;

/** The command of an action that has one (a programming error otherwise). */
export function actionCommand(action: WorkspaceAction): ActionCommand {
  const c = ACTION_TABLE[action].command;
  if (!c) throw new Error(`the action ${action} has no command`);
  return c;
}

// What every command and view of the extension shares. Built once in activate().
import type * as vscode from 'vscode';
import type { AwsLayer } from './aws';
import type { Clock } from './core/clock';
import type { ChangeLog } from './core/modify';
import type { Fleet, Poller } from './fleet/fleet';
import type { FleetUsage } from './fleet/usage';
import type { FleetTreeProvider } from './tree/provider';
import type { Node } from './tree/nodes';
import type { ErrorTargetLoader } from './webview/errorDetails/target';

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  /** The one clock of the extension (pinned by WORKSPACES_FLEET_CLOCK in tests and the sandbox). */
  readonly clock: Clock;
  /** The compute and volume changes this extension sent in this session (AWS's 6 h / 30 d windows). */
  readonly changes: ChangeLog;
  readonly fleet: Fleet;
  readonly provider: FleetTreeProvider;
  readonly view: vscode.TreeView<Node>;
  readonly poller: Poller;
  /** Usage (CloudWatch) and cost advice per scope, read on demand. */
  readonly usage: FleetUsage;
  /** Re-describes an image or a pool for the error-details panel. */
  readonly errorTargets: ErrorTargetLoader;
  /** The AWS layer, loaded (with the SDK) on first use. */
  aws(): Promise<AwsLayer>;
  /** Empties the persistent fleet cache; returns what it held. */
  clearCache(): Promise<{ entries: number; bytes: number }>;
  /** Writes the cache saves still waiting. */
  flushCache(): Promise<void>;
  /** Deactivation: the saves still waiting, then this window's part of the shared folder. */
  close(): Promise<void>;
}

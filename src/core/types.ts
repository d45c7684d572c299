// Data types shared by the AWS layer and the VS Code layer. Type-only imports from the SDK.
import type { Workspace, WorkspaceConnectionStatus, WorkspaceRequest } from '@aws-sdk/client-workspaces';
import type { AwsErrorKind } from './errors';

/** A WorkSpace with its connection status merged in (absent when the status call failed). */
export type WorkspaceWithStatus = Workspace & { connection?: WorkspaceConnectionStatus };

/** Where calls go: a profile (or the environment pseudo-profile) and a region. */
export interface Scope {
  profile: string;
  region: string;
}

export type ProfileKind = 'static' | 'sso' | 'assumeRole' | 'process' | 'env' | 'identityCenter' | 'other';

/** The profile name of an account and role discovered through IAM Identity Center. */
export function discoveredName(source: string, accountId: string, roleName: string): string {
  return `${source}:${accountId}:${roleName}`;
}

/** Where an account discovered through IAM Identity Center comes from (ProfileInfo.organization). */
export interface OrganizationRef {
  /** The sso-session (or legacy profile) it was discovered through. */
  readonly source: string;
  readonly startUrl: string;
  readonly accountId: string;
  readonly accountName?: string;
  readonly emailAddress?: string;
  readonly roleName: string;
}

export interface ProfileInfo {
  name: string;
  region?: string;
  /** The sso-session section the profile uses, if any. */
  ssoSession?: string;
  /** Endpoint the profile sends WorkSpaces calls to (services section or endpoint_url), if set. */
  endpointUrl?: string;
  kind: ProfileKind;
  /** Which file defines it; 'env' for the environment pseudo-profile. */
  source: 'config' | 'credentials' | 'both' | 'env';
  /** The profile named by AWS_PROFILE (or "default" when unset). */
  isDefault: boolean;
  /** The account its calls are made in, when the settings name it (sso_account_id, the account of
   *  role_arn, aws_account_id); otherwise learnt from the first directory listing. */
  accountId?: string;
  /**
   * sha256 (hex) of the profile's non-secret settings: its config sections along the
   * source_profile chain, its sso-session and services sections, the endpoint, the region and,
   * from the credentials file, only aws_access_key_id (never a secret key or session token).
   * Changes when anything that decides which account, role or endpoint its calls reach changes
   * (the key of a persistent cache).
   */
  settingsFingerprint: string;
  /** An account discovered through IAM Identity Center (kind 'identityCenter'): no section of the
   *  files, its name is `<source>:<account id>:<role>`. */
  organization?: OrganizationRef;
}

/** Per-item result of an action. Nothing in a batch is dropped: each id gets one outcome. */
export type ActionOutcome = { id: string; ok: true } | ActionFailure | ActionUnknown;

/** The action was refused or failed: it was not applied. */
export interface ActionFailure {
  id: string;
  ok: false;
  /** The API's ErrorCode (FailedRequests) or the thrown error's code. */
  code: string;
  message: string;
  /** Set when the whole call failed (thrown), not for per-item FailedRequests. */
  kind?: AwsErrorKind;
  unknown?: undefined;
}

/**
 * The request may have reached the service but no answer could be read (a timeout once connected,
 * a connection reset, an unreadable answer, a cancel while it was on its way): the action may have
 * been applied. It was not resent; re-read the resource to learn what happened.
 */
export interface ActionUnknown {
  id: string;
  ok: false;
  unknown: true;
  code: string;
  message: string;
  kind: AwsErrorKind;
}

/** Result of CreateWorkspaces per request: `id` is the new WorkSpace id, or
 *  "<DirectoryId>/<UserName>" when it failed. */
export type CreateOutcome = ActionOutcome & { request: WorkspaceRequest; workspace?: Workspace };

/** MigrateWorkspace's outcome: the new WorkSpace's id when it was accepted. */
export type MigrateOutcome = ActionOutcome & { targetId?: string };

/** The snapshots of a WorkSpace (DescribeWorkspaceSnapshots), newest first. */
export interface Snapshots {
  /** User-volume snapshots Rebuild (and MigrateWorkspace) would use. */
  rebuild: Date[];
  /** Root- and user-volume snapshots Restore would use. */
  restore: Date[];
}

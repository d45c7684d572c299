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

export type ProfileKind = 'static' | 'sso' | 'assumeRole' | 'process' | 'env' | 'other';

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
}

/** Per-item result of an action. Nothing in a batch is dropped: each id gets one outcome. */
export type ActionOutcome =
  | { id: string; ok: true }
  | {
      id: string;
      ok: false;
      /** The API's ErrorCode (FailedRequests) or the thrown error's code. */
      code: string;
      message: string;
      /** Set when the whole call failed (thrown), not for per-item FailedRequests. */
      kind?: AwsErrorKind;
    };

/** Result of CreateWorkspaces per request: `id` is the new WorkSpace id, or
 *  "<DirectoryId>/<UserName>" when it failed. */
export type CreateOutcome = ActionOutcome & { request: WorkspaceRequest; workspace?: Workspace };

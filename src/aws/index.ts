// Entry point of the AWS layer bundle (dist/aws.js), loaded lazily through src/awsLoader.ts.
// Never imports `vscode`.

export { createAwsLayer, type AwsLayer, type AwsLayerOptions } from './layer';
export {
  type WorkspacesApi,
  type CallOptions,
  type ListWorkspacesOptions,
  type Logger,
  type RefreshResult,
} from './api';
export {
  CloudWatchApi,
  hourlyBatchSize,
  hourlyCalls,
  type FetchStats,
  type HourlyOptions,
  type HourlyResult,
} from './cloudwatch';
export { CloudTrailApi, type TrailEvent } from './cloudtrail';
export type { PoolCapacityChange } from './pools';
export { PriorityRef, PRIORITIES, type Priority, type SchedulerStats, type SchedulerTuning } from './scheduler';
export { ENV_PROFILE, type ConfigPaths, type DiscoveredProfile } from './profiles';
export type { DeviceCode, IdentityCenter, OrgAccount, SsoSource, SsoToken } from './identityCenter';
export { WORKSPACES_REGIONS } from './regions';
export {
  AwsError,
  isAwsError,
  formatAwsError,
  AWS_ERROR_TITLES,
  type AwsErrorInfo,
  type AwsErrorKind,
  type CredentialsReason,
} from '../core/errors';
export type {
  ActionOutcome,
  ActionFailure,
  ActionUnknown,
  CreateOutcome,
  MigrateOutcome,
  Snapshots,
  ProfileInfo,
  ProfileKind,
  Scope,
  WorkspaceWithStatus,
} from '../core/types';
export type {
  Tag,
  Workspace,
  WorkspaceBundle,
  Compute,
  WorkspaceConnectionStatus,
  WorkspaceDirectory,
  WorkspaceImage,
  WorkspaceRequest,
  WorkspacesPool,
  WorkspacesPoolSession,
  TimeoutSettings,
  RunningMode,
} from '@aws-sdk/client-workspaces';

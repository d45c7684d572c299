// ARNs, partitions and console addresses of WorkSpaces resources: one place for each, pure.
// DescribeWorkspaces carries no ARN and no account id, and AWS documents only the console's list
// page (`https://console.aws.amazon.com/workspaces/v2/home`): the deep links below to one
// WorkSpace, image or pool are unverified (see shared notes, "Connecting and linking"), so they
// are built here only, from well-formed regions and ids, with the list page as the fallback.
import type { WorkspaceDirectory } from '@aws-sdk/client-workspaces';

/** Partition and account of any ARN ("arn:aws:iam::123456789012:role/x"). */
export function arnParts(arn: string | undefined): { partition: string; account: string } | undefined {
  const m = /^arn:(aws[a-z-]*):[^:]*:[^:]*:(\d{12}):/.exec(arn ?? '');
  return m ? { partition: m[1], account: m[2] } : undefined;
}

/** The partition a region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (/^[a-z]{2}-iso[a-z]?-/.test(region)) return 'aws-iso';
  return 'aws';
}

/**
 * `arn:<partition>:workspaces:<region>:<account>:workspace/<id>`. The WorkSpace's directory gives
 * the account: its `IamRoleId` is the ARN of the workspaces_DefaultRole in the same account.
 * Undefined when the directory does not say.
 */
export function workspaceArn(
  ws: { WorkspaceId?: string | undefined },
  region: string,
  directory: Pick<WorkspaceDirectory, 'IamRoleId'> | undefined,
): string | undefined {
  const parts = arnParts(directory?.IamRoleId);
  if (!parts || !ws.WorkspaceId) return undefined;
  return `arn:${parts.partition}:workspaces:${region}:${parts.account}:workspace/${ws.WorkspaceId}`;
}

export type ConsoleResource = 'workspace' | 'image' | 'pool';

/** Console hosts of the partitions that have a public one (isolated partitions have none here). */
const CONSOLE_HOST: Readonly<Record<string, string>> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ID: Readonly<Record<ConsoleResource, RegExp>> = {
  workspace: /^ws-[0-9a-z]{1,63}$/,
  image: /^wsi-[0-9a-z]{1,63}$/,
  pool: /^wspool-[0-9a-z]{1,63}$/,
};
/** The path and query of each resource's page (unverified deep links, see the header). */
const PAGE: Readonly<Record<ConsoleResource, (region: string, id: string) => string>> = {
  workspace: (r, id) => `/workspaces/v2/workspaces/${id}?region=${r}`,
  image: (r, id) => `/workspaces/v2/home?region=${r}#/images/${id}`,
  pool: (r, id) => `/workspaces/v2/home?region=${r}#/pools/${id}`,
};

function consoleHost(region: string): string | undefined {
  return REGION.test(region) ? CONSOLE_HOST[partitionOf(region)] : undefined;
}

/**
 * The console page of one WorkSpace, image or pool, in its region and partition; undefined when the
 * region or the id is not well-formed (an API string never becomes part of an address unchecked)
 * or the partition has no known console.
 */
export function consoleUrl(kind: ConsoleResource, region: string, id: string): string | undefined {
  const host = consoleHost(region);
  if (!host || !ID[kind].test(id)) return undefined;
  return `https://${region}.${host}${PAGE[kind](region, id)}`;
}

/** The WorkSpaces console's list page (the one AWS documents), in the region when it is well-formed. */
export function consoleHome(region: string): string {
  const host = consoleHost(region);
  return host
    ? `https://${region}.${host}/workspaces/v2/home?region=${region}`
    : `https://${CONSOLE_HOST.aws}/workspaces/v2/home`;
}

/**
 * The account of a scope, from a directory's IamRoleId (arn:aws:iam::123456789012:role/…: the
 * role WorkSpaces uses in the customer's account). Undefined when no directory carries one.
 */
export function accountOfDirectories(directories: Iterable<WorkspaceDirectory>): string | undefined {
  for (const d of directories) {
    const account = /^arn:aws[\w-]*:iam::(\d{12}):/.exec(d.IamRoleId ?? '')?.[1];
    if (account) return account;
  }
  return undefined;
}

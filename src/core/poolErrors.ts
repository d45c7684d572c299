// Plain-language explanations of the error codes WorkSpaces returns for pools (Errors[]): one table
// of core/errorCatalog.ts. Pure data; no vscode.
//
// Keys are the SDK's own values (`WorkspacesPoolErrorCode`): the `satisfies Record<…>` below makes
// the compiler reject a missing or extra key, and test/unit/core/errorCatalog.test.ts compares the
// keys with the SDK's runtime enum object. Sources (AWS WorkSpaces Administration Guide):
// "WorkSpaces Pools troubleshooting notification codes", and the IAM / networking pages per entry.
import type { WorkspacesPoolErrorCode } from '@aws-sdk/client-workspaces';
import { doc, explain, inCatalog, type Entry, type ExplainedCode } from './errorCatalog';

const ADMIN = 'https://docs.aws.amazon.com/workspaces/latest/adminguide/';
const POOLS_TROUBLESHOOTING = `${ADMIN}wsp-pools-troubleshooting.html`;
const POOLS_TROUBLESHOOTING_TITLE = 'WorkSpaces Pools troubleshooting notification codes';
const POOLS_AD_ACCOUNT = `${ADMIN}pools-service-account-details.html`;
const POOLS_AD_ACCOUNT_TITLE = 'Specify Active Directory details for your WorkSpaces Pools directory';
const POOLS_NETWORK = `${ADMIN}managing-network.html`;
const POOLS_NETWORK_TITLE = 'Networking and access for WorkSpaces Pools';
const POOLS_IMAGES = `${ADMIN}pools-images.html`;
const POOLS_IMAGES_TITLE = 'Bundles and images for WorkSpaces Pools';
const POOLS_DIRECTORY = `${ADMIN}manage-workspaces-pools-directory.html`;
const POOLS_ADMIN = `${ADMIN}managing-stacks-fleets.html`;
const DEFAULT_ROLE = `${ADMIN}workspaces-access-control.html#create-default-role`;
const DEFAULT_ROLE_TITLE = 'Create the workspaces_DefaultRole role';

const troubleshooting = doc(POOLS_TROUBLESHOOTING, POOLS_TROUBLESHOOTING_TITLE);
const defaultRole = doc(DEFAULT_ROLE, DEFAULT_ROLE_TITLE);
const network = doc(POOLS_NETWORK, POOLS_NETWORK_TITLE);
const adAccessAccount = doc(`${POOLS_AD_ACCOUNT}#pools-specify-access-account`, POOLS_AD_ACCOUNT_TITLE);
const images = doc(POOLS_IMAGES, POOLS_IMAGES_TITLE);

const POOL_SECRET_FIX = 'Then start the pool again.';

export const POOL_ERRORS = inCatalog('pool', {
  BUNDLE_NOT_FOUND: {
    title: "The pool's bundle was not found",
    meaning: 'The bundle the pool launches from no longer exists or is no longer shared with this account.',
    fix: [
      'Point the pool at an existing bundle (Update pool > Bundle), or recreate the bundle.',
      'Start the pool again.',
    ],
    ...images,
  },
  DEFAULT_OU_IS_MISSING: {
    title: 'No organizational unit is set',
    meaning:
      "The pool directory's Active Directory configuration has no usable organizational unit (OU) for the computer objects.",
    fix: [
      "Specify the OU distinguished name (it starts with OU= and contains no spaces around commas) in the directory's Active Directory config.",
    ],
    ...doc(POOLS_AD_ACCOUNT, POOLS_AD_ACCOUNT_TITLE),
  },
  DIRECTORY_NOT_FOUND: {
    title: "The pool's directory was not found",
    meaning: 'The WorkSpaces Pools directory the pool uses was deleted or deregistered.',
    fix: ["Register a WorkSpaces Pools directory and create the pool on it (a pool's directory cannot be changed)."],
    ...doc(POOLS_DIRECTORY, 'Manage directories for WorkSpaces Pools'),
  },
  DOMAIN_JOIN_ERROR_ACCESS_DENIED: {
    title: 'Domain join: access denied',
    meaning: 'The service account cannot create the computer object in the OU or reuse an existing one.',
    fix: ['Grant the service account "Create computer objects" (and reset/write) on the OU.', 'Start the pool again.'],
    ...troubleshooting,
  },
  DOMAIN_JOIN_ERROR_DS_MACHINE_ACCOUNT_QUOTA_EXCEEDED: {
    title: 'Domain join: machine account quota exceeded',
    meaning: 'The service account has joined as many computers as the domain allows it to create.',
    fix: [
      'Delegate "Create computer objects" on the OU to the service account (delegated rights are not limited by the quota), or raise ms-DS-MachineAccountQuota.',
      'Start the pool again.',
    ],
    ...troubleshooting,
  },
  DOMAIN_JOIN_ERROR_FILE_NOT_FOUND: {
    title: 'Domain join: OU not found',
    meaning: 'The OU distinguished name is not valid; it must start with OU=.',
    fix: ['Correct the OU distinguished name in the directory configuration and try again.'],
    ...troubleshooting,
  },
  DOMAIN_JOIN_ERROR_INVALID_PARAMETER: {
    title: 'Domain join: invalid parameter',
    meaning: 'Usually the distinguished name of the OU is incorrect.',
    fix: ['Check the OU distinguished name and try again.', 'If it persists, contact AWS Support.'],
    ...troubleshooting,
  },
  DOMAIN_JOIN_ERROR_LOGON_FAILURE: {
    title: 'Domain join: wrong user name or password',
    meaning: 'The service account credentials stored in the AWS Secrets Manager secret are not valid.',
    fix: ['Update the credentials in the secret configured for the directory.', POOL_SECRET_FIX],
    ...troubleshooting,
  },
  DOMAIN_JOIN_ERROR_MORE_DATA: {
    title: 'Domain join: more data is available',
    meaning: 'Usually the distinguished name of the OU is incorrect.',
    fix: ['Check the OU distinguished name and try again.', 'If it persists, contact AWS Support.'],
    ...troubleshooting,
  },
  DOMAIN_JOIN_ERROR_NOT_SUPPORTED: {
    title: 'Domain join: request not supported',
    meaning: 'The domain controller refused the join request as not supported.',
    fix: ['Contact AWS Support with the pool ID.'],
    ...troubleshooting,
  },
  DOMAIN_JOIN_ERROR_NO_SUCH_DOMAIN: {
    title: 'Domain join: domain unreachable',
    meaning: 'The instances could not find or contact the Active Directory domain.',
    fix: [
      "Check that the pool's VPC, subnets and security groups can reach the domain controllers, and that DNS resolves the domain.",
      'Start the pool again.',
    ],
    ...troubleshooting,
  },
  DOMAIN_JOIN_ERROR_SECRET_ACTION_PERMISSION_IS_MISSING: {
    title: 'Domain join: no permission to read the secret',
    meaning: 'WorkSpaces is not allowed to read the Secrets Manager secret that holds the service account.',
    fix: [
      'Allow WorkSpaces to call secretsmanager:GetSecretValue on the secret (its resource policy).',
      POOL_SECRET_FIX,
    ],
    ...adAccessAccount,
  },
  DOMAIN_JOIN_ERROR_SECRET_DECRYPTION_FAILURE: {
    title: 'Domain join: the secret cannot be decrypted',
    meaning: 'The KMS key that encrypts the service account secret does not let WorkSpaces decrypt it.',
    fix: ["Allow kms:Decrypt for WorkSpaces in the key policy of the secret's KMS key.", POOL_SECRET_FIX],
    ...adAccessAccount,
  },
  DOMAIN_JOIN_ERROR_SECRET_INVALID: {
    title: 'Domain join: the secret is not valid',
    meaning: 'The service account secret does not have the expected format.',
    fix: [
      'Store the service account user name and password in the secret in the format the AWS page describes.',
      POOL_SECRET_FIX,
    ],
    ...adAccessAccount,
  },
  DOMAIN_JOIN_ERROR_SECRET_NOT_FOUND: {
    title: 'Domain join: the secret was not found',
    meaning:
      'The Secrets Manager secret named in the directory configuration does not exist (deleted or wrong ARN/Region).',
    fix: ['Recreate the secret or point the directory at the right one.', POOL_SECRET_FIX],
    ...adAccessAccount,
  },
  DOMAIN_JOIN_ERROR_SECRET_STATE_INVALID: {
    title: 'Domain join: the secret is not usable',
    meaning: 'The service account secret is in a state that cannot be read, for example scheduled for deletion.',
    fix: ['Restore the secret (cancel its deletion) or create a new one.', POOL_SECRET_FIX],
    ...adAccessAccount,
  },
  DOMAIN_JOIN_ERROR_SECRET_VALUE_KEY_NOT_FOUND: {
    title: 'Domain join: a key is missing in the secret',
    meaning: 'The service account secret lacks one of the keys WorkSpaces reads (user name or password).',
    fix: ['Add the missing key/value to the secret.', POOL_SECRET_FIX],
    ...adAccessAccount,
  },
  DOMAIN_JOIN_INTERNAL_SERVICE_ERROR: {
    title: 'Domain join: the account already exists',
    meaning:
      'A computer object with the same name exists elsewhere in the domain, the service account may not reuse it, or the OU name has spaces around its commas.',
    fix: [
      "Check the OU and the service account's permissions on it; do not move the computer objects WorkSpaces created out of that OU.",
      'If the OU has spaces around commas: stop the pool, fix the OU in the directory, and start the pool again.',
    ],
    ...troubleshooting,
  },
  DOMAIN_JOIN_NERR_INVALID_WORKGROUP_NAME: {
    title: 'Domain join: invalid domain name',
    meaning: 'The domain (workgroup) name used for the join is not valid.',
    fix: [
      'Check the directory domain name: it must be the fully qualified domain name (for example corp.example.com).',
    ],
    ...doc(POOLS_AD_ACCOUNT, POOLS_AD_ACCOUNT_TITLE),
  },
  DOMAIN_JOIN_NERR_PASSWORD_EXPIRED: {
    title: 'Domain join: the service account password expired',
    meaning: 'The password of the service account in the secret has expired.',
    fix: ['Stop the pool.', 'Change the password in Active Directory and in the secret.', 'Start the pool.'],
    ...troubleshooting,
  },
  DOMAIN_JOIN_NERR_WORKSTATION_NOT_STARTED: {
    title: 'Domain join: the Workstation service is not running',
    meaning: 'The Workstation service failed to start on the instance.',
    fix: ['Make sure the Workstation service is enabled in the image.', 'If it persists, contact AWS Support.'],
    ...troubleshooting,
  },
  IAM_SERVICE_ROLE_IS_MISSING: {
    title: 'The workspaces_DefaultRole role is missing',
    meaning: "WorkSpaces needs the workspaces_DefaultRole IAM role in the account to manage the pool's resources.",
    fix: [
      'Create workspaces_DefaultRole (trusted by workspaces.amazonaws.com) with AmazonWorkSpacesServiceAccess, AmazonWorkSpacesSelfServiceAccess and AmazonWorkSpacesPoolServiceAccess.',
    ],
    ...defaultRole,
  },
  IAM_SERVICE_ROLE_MISSING_DESCRIBE_SECURITY_GROUPS_ACTION: {
    title: 'The service role cannot describe security groups',
    meaning: 'workspaces_DefaultRole lacks ec2:DescribeSecurityGroups.',
    fix: ['Attach the AWS managed policy AmazonWorkSpacesPoolServiceAccess to workspaces_DefaultRole.'],
    ...defaultRole,
  },
  IAM_SERVICE_ROLE_MISSING_DESCRIBE_SUBNET_ACTION: {
    title: 'The service role cannot describe subnets',
    meaning: 'workspaces_DefaultRole lacks ec2:DescribeSubnets.',
    fix: ['Attach the AWS managed policy AmazonWorkSpacesPoolServiceAccess to workspaces_DefaultRole.'],
    ...defaultRole,
  },
  IAM_SERVICE_ROLE_MISSING_ENI_CREATE_ACTION: {
    title: 'The service role cannot create network interfaces',
    meaning: 'workspaces_DefaultRole lacks ec2:CreateNetworkInterface.',
    fix: ['Attach the AWS managed policy AmazonWorkSpacesServiceAccess to workspaces_DefaultRole.'],
    ...defaultRole,
  },
  IAM_SERVICE_ROLE_MISSING_ENI_DELETE_ACTION: {
    title: 'The service role cannot delete network interfaces',
    meaning: 'workspaces_DefaultRole lacks ec2:DeleteNetworkInterface.',
    fix: ['Attach the AWS managed policy AmazonWorkSpacesServiceAccess to workspaces_DefaultRole.'],
    ...defaultRole,
  },
  IAM_SERVICE_ROLE_MISSING_ENI_DESCRIBE_ACTION: {
    title: 'The service role cannot describe network interfaces',
    meaning: 'workspaces_DefaultRole lacks ec2:DescribeNetworkInterfaces.',
    fix: ['Attach the AWS managed policy AmazonWorkSpacesServiceAccess to workspaces_DefaultRole.'],
    ...defaultRole,
  },
  IGW_NOT_ATTACHED: {
    title: 'No internet gateway is attached',
    meaning: 'The pool needs internet access through its VPC, but the VPC has no internet gateway attached.',
    fix: [
      'Attach an internet gateway to the VPC (public subnets), or route private subnets through a NAT gateway.',
      'Start the pool again.',
    ],
    ...network,
  },
  IMAGE_NOT_FOUND: {
    title: "The bundle's image was not found",
    meaning: "The image behind the pool's bundle no longer exists or is no longer shared with this account.",
    fix: ['Update the bundle to an existing image, or point the pool at another bundle.', 'Start the pool again.'],
    ...images,
  },
  INSUFFICIENT_PERMISSIONS_ERROR: {
    title: 'Insufficient permissions',
    meaning: 'WorkSpaces lacks a permission it needs in this account to run the pool.',
    fix: ['Check workspaces_DefaultRole and its managed policies (AmazonWorkSpacesPoolServiceAccess in particular).'],
    ...defaultRole,
  },
  INTERNAL_SERVICE_ERROR: {
    title: 'Internal service error',
    meaning: 'WorkSpaces hit an internal error while running the pool.',
    fix: ['Stop and start the pool.', 'If it persists, contact AWS Support with the pool ID.'],
    ...troubleshooting,
  },
  INVALID_SUBNET_CONFIGURATION: {
    title: 'The subnet configuration is not valid',
    meaning:
      'The subnets configured for the pool cannot be used (for example in unsupported Availability Zones or misconfigured).',
    fix: ["Review the pool directory's subnets against the networking requirements and update them."],
    ...network,
  },
  MACHINE_ROLE_IS_MISSING: {
    title: 'The machine role is missing',
    meaning: "An IAM role the pool's instances need does not exist in the account.",
    fix: ['Recreate the missing role as the WorkSpaces IAM page describes, then start the pool again.'],
    ...defaultRole,
  },
  NETWORK_INTERFACE_LIMIT_EXCEEDED: {
    title: 'Network interface quota reached',
    meaning: "The Region's quota of elastic network interfaces is used up, so no instance can be attached.",
    fix: ['Delete unused network interfaces, or request a higher "Network interfaces per Region" quota.'],
    ...doc('https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html', 'Amazon VPC quotas'),
  },
  SECURITY_GROUPS_NOT_FOUND: {
    title: 'A security group was not found',
    meaning: 'A security group configured for the pool was deleted.',
    fix: ['Update the pool directory with existing security groups.', 'Start the pool again.'],
    ...network,
  },
  STS_DISABLED_IN_REGION: {
    title: 'AWS STS is deactivated in this Region',
    meaning: 'The account has deactivated the AWS STS regional endpoint that WorkSpaces needs here.',
    fix: ['In the IAM console, Account settings, activate the STS endpoint for this Region.'],
    ...doc(
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_enable-regions.html',
      'Manage AWS STS in an AWS Region',
    ),
  },
  SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES: {
    title: 'A subnet is out of IP addresses',
    meaning: 'A pool subnet has no free IP addresses left for new instances.',
    fix: ['Free addresses in the subnet, or configure subnets with larger CIDR blocks.'],
    ...network,
  },
  SUBNET_NOT_FOUND: {
    title: 'A subnet was not found',
    meaning: 'A subnet configured for the pool was deleted.',
    fix: ['Update the pool directory with existing subnets.', 'Start the pool again.'],
    ...network,
  },
  WORKSPACES_POOL_INSTANCE_PROVISIONING_FAILURE: {
    title: 'Instances could not be provisioned',
    meaning:
      'WorkSpaces could not launch instances for the pool (capacity in the chosen Availability Zones, or a bundle/image problem).',
    fix: [
      "Check the pool's other errors first.",
      'Add subnets in other Availability Zones, or wait for capacity, then start the pool again.',
    ],
    ...troubleshooting,
  },
  WORKSPACES_POOL_STOPPED: {
    title: 'The pool is stopped',
    meaning: 'The pool is stopped, so it serves no sessions.',
    fix: ['Start the pool.'],
    ...doc(POOLS_ADMIN, 'Administer WorkSpaces Pools'),
  },
} as const satisfies Record<WorkspacesPoolErrorCode, Entry>);

/** Explains one pool error code; an unknown code keeps its raw text with a generic explanation. */
export function explainPoolError(code: string | undefined): ExplainedCode {
  return explain(POOL_ERRORS, code, (raw) => ({
    title: raw ? `Unrecognised pool error ${raw}` : 'Pool error without a code',
    meaning:
      'WorkSpaces reported a pool error code this extension does not know yet. The message from the service is the best description available.',
    fix: ['Read the message from the service, fix what it names, and start the pool again.'],
    ...troubleshooting,
    origin: 'pool',
  }));
}

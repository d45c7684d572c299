/**
 * Seeds: `demo` (a small hand-written fleet over two accounts × two regions), `fleet` (a
 * deterministic generator for any size) and `empty` (accounts with nothing).
 */
import type {
  Compute,
  OperatingSystemName,
  Tag,
  WorkspaceDirectoryType,
  WorkspaceImageErrorDetailCode,
  WorkspacesPoolErrorCode,
  WorkspaceState,
} from '@aws-sdk/client-workspaces';
import { createRng, type Rng } from './rng';
import type { EmulatedAccount, FleetSeed, SeedSpec } from './types';
import { type BundleData, type DirectoryData, type ImageData, type World } from './world';

export interface SeedPlan {
  accounts: EmulatedAccount[];
  /** Fills the world of one account-region (called for every region of every account). */
  populate(world: World, account: EmulatedAccount): void;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export function parseSeed(spec: SeedSpec): 'demo' | 'empty' | FleetSeed {
  if (typeof spec === 'object') {
    return spec;
  }
  if (spec === 'demo' || spec === 'empty') {
    return spec;
  }
  const m = /^fleet:(\d+)$/.exec(spec);
  if (m) {
    return { kind: 'fleet', workspaces: Number(m[1]) };
  }
  throw new Error(`unknown seed '${spec}' (demo | empty | fleet:N)`);
}

const DEMO_REGIONS: Array<[string, string[]]> = [
  ['sandbox-prod', ['us-east-1', 'eu-west-1']],
  ['sandbox-dev', ['us-west-2', 'ap-southeast-2']],
];

/** Deterministic credentials: account index 1 (sandbox-dev) uses temporary (ASIA) keys with a session token. */
export function makeAccount(index: number, profile: string, regions: string[], rngSeed: number): EmulatedAccount {
  const accountId = index < 9 ? String(index + 1).repeat(12) : String(100000000000 + index);
  const rng = createRng(`keys/${rngSeed}/${accountId}`);
  const temporary = index === 1;
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  return {
    profile,
    accountId,
    accessKeyId: `${temporary ? 'ASIA' : 'AKIA'}EMULATOR${accountId.slice(-8)}`,
    secretAccessKey: rng.chars(40, b64),
    ...(temporary ? { sessionToken: `IQoJb3JpZ2luX2VjEMU${rng.chars(120, b64)}` } : {}),
    regions,
  };
}

export function profileName(index: number): string {
  return index === 0 ? 'sandbox-prod' : index === 1 ? 'sandbox-dev' : `sandbox-${index + 1}`;
}

export function planSeed(spec: SeedSpec, rngSeed: number): SeedPlan {
  const parsed = parseSeed(spec);
  if (parsed === 'demo' || parsed === 'empty') {
    const accounts = DEMO_REGIONS.map(([profile, regions], i) => makeAccount(i, profile, regions, rngSeed));
    return { accounts, populate: parsed === 'demo' ? populateDemo : () => undefined };
  }
  const n = parsed.accounts ?? 1;
  const regions = parsed.regions ?? ['us-east-1'];
  const accounts = Array.from({ length: n }, (_, i) => makeAccount(i, profileName(i), [...regions], rngSeed));
  return { accounts, populate: (world) => populateFleet(world, parsed, rngSeed) };
}

// ---------------------------------------------------------------------------------------------
// AMAZON bundles (the same catalogue in every region; 30 of them, so Owner=AMAZON pages).

const AMAZON_COMPUTES: Array<[Compute, string, string, string]> = [
  ['VALUE', 'Value', '80', '10'],
  ['STANDARD', 'Standard', '80', '50'],
  ['PERFORMANCE', 'Performance', '175', '100'],
  ['POWER', 'Power', '175', '100'],
  ['POWERPRO', 'PowerPro', '175', '100'],
  ['GRAPHICS_G4DN', 'Graphics.g4dn', '100', '100'],
  // Appended (not inserted) so the ids drawn for the bundles above stay the same.
  ['GRAPHICSPRO_G4DN', 'GraphicsPro.g4dn', '100', '100'],
];
const AMAZON_OS: Array<[string, string]> = [
  ['Windows 10 (Server 2019 based)', 'w10'],
  ['Windows Server 2022', 'w22'],
  ['Windows 11', 'w11'],
  ['Amazon Linux 2', 'al2'],
  ['Ubuntu 22.04', 'u22'],
];

export function amazonBundles(): BundleData[] {
  const out: BundleData[] = [];
  const rng = createRng('amazon-bundles');
  for (const [compute, label, root, user] of AMAZON_COMPUTES) {
    for (const [os, short] of AMAZON_OS) {
      out.push({
        BundleId: `wsb-${rng.chars(9)}`,
        Name: `${label} with ${os}`,
        Owner: 'AMAZON',
        Description: `${label} with ${os} (${short.toUpperCase()}, WSP)`,
        ImageId: `wsi-${rng.chars(9)}`,
        RootStorage: { Capacity: root },
        UserStorage: { Capacity: user },
        ComputeType: { Name: compute },
        LastUpdatedTime: new Date(Date.UTC(2025, 2, 14)),
        CreationTime: new Date(Date.UTC(2023, 5, 1)),
        State: 'AVAILABLE',
        BundleType: 'REGULAR',
      });
    }
  }
  return out.sort((a, b) => (a.BundleId < b.BundleId ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// Image errors (real WorkspaceImageErrorDetailCode values, messages after the BYOL documentation).

export const IMAGE_ERROR_MESSAGES: Partial<Record<WorkspaceImageErrorDetailCode, string>> = {
  OutdatedPowershellVersion:
    'The version of PowerShell on the image is outdated. Install PowerShell 5.1 or later before importing.',
  OfficeInstalled:
    'Microsoft Office is installed on the image. Uninstall it; you can subscribe to Office during import.',
  PCoIPAgentInstalled: 'The PCoIP agent is installed on the image. Uninstall it before importing.',
  WindowsUpdatesEnabled: 'Windows Update is enabled on the image. Disable the Windows Update service before importing.',
  AutoMountDisabled: 'Automount is disabled on the image. Run "diskpart" then "automount enable".',
  WorkspacesBYOLAccountNotFound: 'The account is not enabled for BYOL. Contact AWS Support to enable it.',
  DHCPDisabled: 'DHCP is disabled on a network adapter. Enable DHCP on every adapter.',
  DiskFreeSpace: 'The image needs at least 20 GB of free disk space.',
  AdditionalDrivesAttached: 'Additional drives are attached to the VM. Remove them; only the C: drive may be present.',
  OSNotSupported: 'The operating system of the image is not supported for import.',
  DomainJoined: 'The image is joined to a domain. Remove it from the domain before importing.',
  FirewallEnabled: 'Windows Firewall is enabled for the public profile. Disable it before importing.',
  VMWareToolsInstalled: 'VMware Tools are installed. Uninstall them before importing.',
  DiskSizeExceeded: 'The root volume is larger than 70 GB. Shrink the partition before importing.',
  PendingReboot: 'A reboot is pending on the image. Restart the VM and create the image again.',
  AutoLogonEnabled: 'AutoLogon is enabled. Disable it in the registry before importing.',
  RealTimeUniversalDisabled: 'RealTimeIsUniversal is not set. Set the registry value to 1.',
  MultipleBootPartition: 'The image has more than one boot partition.',
  Requires64BitOS: 'The image must be a 64-bit operating system.',
  ZeroRearmCount: 'The Windows rearm count is 0. Use a VM that can still be rearmed.',
  InPlaceUpgrade: 'Windows was upgraded in place. Build the image from a clean installation.',
  AntiVirusInstalled: 'Third-party antivirus software is installed. Uninstall it before importing.',
  UEFINotSupported: 'The image uses UEFI boot, which this import does not support. Use BIOS (legacy) boot.',
  InsufficientDiskSpace: 'Not enough disk space to run Sysprep. Free at least 10 GB.',
  StagedAppxPackage: 'A staged AppX package blocks Sysprep. Remove the staged packages for all users.',
  SysPrepFileMissing: 'The Sysprep file is missing from the image.',
  UserProfileMissing: 'The user profile of the account that ran the image builder is missing.',
  WindowsUpdatesRequired: 'Windows updates are required before the image can be created.',
  AppXPackagesInstalled: 'AppX packages installed for a single user block Sysprep.',
  UnknownError: 'An unknown error occurred while validating the image.',
};
const IMAGE_ERROR_CODES = Object.keys(IMAGE_ERROR_MESSAGES) as WorkspaceImageErrorDetailCode[];

function imageError(
  world: World,
  id: string,
  name: string,
  codes: WorkspaceImageErrorDetailCode[],
  created: number,
): ImageData {
  return {
    ImageId: id,
    Name: name,
    Description: `BYOL import of ${name}`,
    OperatingSystem: { Type: 'WINDOWS' },
    State: 'ERROR',
    RequiredTenancy: 'DEDICATED',
    ErrorCode: 'ImageValidationFailed',
    ErrorMessage: `The image failed ${codes.length} of the ingestion checks. See ErrorDetails.`,
    ErrorDetails: codes.map((c) => ({ ErrorCode: c, ErrorMessage: IMAGE_ERROR_MESSAGES[c] })),
    Created: new Date(created),
    OwnerAccountId: world.accountId,
  };
}

const POOL_ERROR_MESSAGES: Partial<Record<WorkspacesPoolErrorCode, string>> = {
  IAM_SERVICE_ROLE_IS_MISSING: 'The workspaces_DefaultRole IAM role is missing in the account.',
  SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES:
    'The subnet subnet-0a1b2c3d has insufficient IP addresses for the desired capacity.',
  DOMAIN_JOIN_ERROR_ACCESS_DENIED: 'The service account cannot join instances to the domain: access denied.',
  IMAGE_NOT_FOUND: 'The image of the pool bundle was not found.',
};

// ---------------------------------------------------------------------------------------------
// demo

interface DemoWorkspace {
  id: string;
  user: string;
  dir: number;
  bundle: number; // index into the world's bundle list: 0..n own, then AMAZON by name
  state: WorkspaceState;
  mode?: 'AUTO_STOP' | 'ALWAYS_ON';
  /** Connected now / disconnected N minutes ago / never. */
  conn?: 'CONNECTED' | number | 'NEVER';
  since?: number; // minutes in the state
  then?: WorkspaceState; // moving: settles to this after transitionMs
  os?: OperatingSystemName;
  compute?: Compute;
  name?: string;
  tags?: Record<string, string>;
  error?: [string, string];
  /** Launched N minutes ago (default: long ago). Younger than 12 hours: no snapshot yet. */
  createdMin?: number;
  /** [root, user] GB (default [80, 50]). */
  volumes?: [number, number];
  /** Changes requested N minutes ago (the 6-hour / 30-day windows of ModifyWorkspaceProperties). */
  modified?: Partial<Record<'root' | 'user' | 'computeUp' | 'computeDown', number>>;
  /** A change running now: new [root, user] GB, in progress for another N minutes. */
  modifying?: { volumes: [number, number]; minutesLeft: number };
}

interface DemoDirectory {
  id: string;
  name: string;
  alias: string;
  type: WorkspaceDirectoryType;
  kind?: 'PERSONAL' | 'POOLS';
  state?: 'REGISTERED' | 'ERROR' | 'REGISTERING';
}

interface DemoWorld {
  directories: DemoDirectory[];
  /** Users a directory does not know ([directory index, user name]). */
  missingUsers?: Array<[number, string]>;
  workspaces: DemoWorkspace[];
  images: Array<{
    id: string;
    name: string;
    state: 'AVAILABLE' | 'ERROR' | 'PENDING';
    codes?: WorkspaceImageErrorDetailCode[];
    update?: string;
    shared?: string;
    os?: 'WINDOWS' | 'LINUX';
  }>;
  bundles: Array<{ id: string; name: string; image: string; compute: Compute; state?: 'AVAILABLE' | 'PENDING' }>;
  pools: Array<{
    id: string;
    name: string;
    dir: number;
    bundle: string;
    state: 'RUNNING' | 'STOPPED' | 'STARTING';
    desired: number;
    active: number;
    errors?: WorkspacesPoolErrorCode[];
  }>;
}

const DEMO: Record<string, DemoWorld> = {
  '111111111111/us-east-1': {
    directories: [
      { id: 'd-9067a1b2c3', name: 'corp.example.com', alias: 'example-corp', type: 'AD_CONNECTOR' },
      { id: 'd-9067d4e5f6', name: 'lab.example.com', alias: 'example-lab', type: 'SIMPLE_AD' },
      { id: 'd-90670badc0', name: 'legacy.example.com', alias: 'example-legacy', type: 'AD_CONNECTOR', state: 'ERROR' },
    ],
    missingUsers: [[0, 'trent.departed']],
    bundles: [
      { id: 'wsb-fin0win11', name: 'Finance Windows 11', image: 'wsi-fin11w2505', compute: 'PERFORMANCE' },
      { id: 'wsb-eng0linux', name: 'Engineering Amazon Linux 2', image: 'wsi-engal22504', compute: 'POWER' },
      // Its image is still PENDING: a bundle a picker shows but MigrateWorkspace refuses.
      {
        id: 'wsb-mktg11pnd',
        name: 'Marketing Windows 11',
        image: 'wsi-mktg11p001',
        compute: 'STANDARD',
        state: 'PENDING',
      },
    ],
    images: [
      {
        id: 'wsi-fin11w2505',
        name: 'finance-win11-2025-05',
        state: 'AVAILABLE',
        update: 'WorkSpaces agent and driver updates are available for this image.',
      },
      { id: 'wsi-engal22504', name: 'eng-al2-2025-04', state: 'AVAILABLE', os: 'LINUX' },
      {
        id: 'wsi-byolw10err',
        name: 'byol-win10-22h2',
        state: 'ERROR',
        codes: [
          'OutdatedPowershellVersion',
          'OfficeInstalled',
          'PCoIPAgentInstalled',
          'WindowsUpdatesEnabled',
          'AutoMountDisabled',
        ],
      },
      { id: 'wsi-byolw11uef', name: 'byol-win11-uefi', state: 'ERROR', codes: ['UEFINotSupported'] },
      { id: 'wsi-mktg11p001', name: 'marketing-win11-2025-06', state: 'PENDING' },
      { id: 'wsi-sharedsec1', name: 'security-baseline-win2022', state: 'AVAILABLE', shared: '999999999999' },
    ],
    pools: [],
    workspaces: [
      {
        id: 'ws-a1c3e5g7i',
        user: 'alice.nguyen',
        dir: 0,
        bundle: 0,
        state: 'AVAILABLE',
        mode: 'ALWAYS_ON',
        conn: 'CONNECTED',
        os: 'WINDOWS_11',
        compute: 'PERFORMANCE',
        // Moved up to Performance 3 hours ago: no larger type for 3 more hours.
        modified: { computeUp: 180 },
        name: 'alice-finance',
        tags: { Team: 'Finance', CostCenter: 'CC-1042', Owner: 'alice.nguyen@example.com' },
      },
      {
        id: 'ws-b2d4f6h8j',
        user: 'bob.martin',
        dir: 0,
        bundle: 0,
        state: 'STOPPED',
        conn: 45 * 60,
        since: 600,
        os: 'WINDOWS_11',
        tags: { Team: 'Finance', CostCenter: 'CC-1042' },
      },
      {
        id: 'ws-c3e5g7i9k',
        user: 'carol.diaz',
        dir: 0,
        bundle: 2,
        state: 'STARTING',
        then: 'AVAILABLE',
        conn: 26 * 60,
        since: 0,
        tags: { Team: 'Sales' },
      },
      {
        id: 'ws-d4f6h8j0l',
        user: 'dave.kim',
        dir: 0,
        bundle: 2,
        state: 'ERROR',
        conn: 3 * 24 * 60,
        since: 180,
        error: [
          'ResourceLaunchFailure',
          'The WorkSpace could not be launched: the root volume snapshot is unavailable. Rebuild or restore the WorkSpace.',
        ],
        tags: { Team: 'Sales' },
      },
      {
        id: 'ws-e5g7i9k1m',
        user: 'erin.walsh',
        dir: 0,
        bundle: 3,
        state: 'UNHEALTHY',
        conn: 90,
        since: 30,
        tags: { Team: 'Legal' },
      },
      {
        id: 'ws-f6h8j0l2n',
        user: 'frank.osei',
        dir: 0,
        bundle: 3,
        state: 'ADMIN_MAINTENANCE',
        conn: 5 * 24 * 60,
        since: 120,
        tags: { Team: 'IT', Purpose: 'golden-image-prep' },
      },
      {
        id: 'ws-g7i9k1m3o',
        user: 'grace.lee',
        dir: 0,
        bundle: 2,
        state: 'SUSPENDED',
        conn: 40 * 24 * 60,
        since: 20 * 24 * 60,
        tags: { Team: 'HR' },
      },
      {
        id: 'ws-h8j0l2n4p',
        user: 'heidi.schulz',
        dir: 0,
        bundle: 2,
        state: 'AVAILABLE',
        conn: 'NEVER',
        since: 60,
        // Launched 5 hours ago: no snapshot yet, no resize or larger compute type for an hour.
        createdMin: 300,
        name: 'heidi-new-hire',
        tags: { Team: 'HR', Onboarding: '2025-06' },
      },
      {
        id: 'ws-i9k1m3o5q',
        user: 'ivan.petrov',
        dir: 1,
        bundle: 1,
        state: 'REBOOTING',
        conn: 50,
        since: 45,
        os: 'AMAZON_LINUX_2',
        compute: 'POWER',
        tags: { Team: 'Engineering' },
      },
      {
        id: 'ws-j0l2n4p6r',
        user: 'judy.chen',
        dir: 1,
        bundle: 1,
        state: 'IMPAIRED',
        conn: 15,
        since: 10,
        os: 'AMAZON_LINUX_2',
        tags: { Team: 'Engineering' },
      },
      {
        id: 'ws-k1m3o5q7s',
        user: 'mallory.fox',
        dir: 1,
        bundle: 1,
        state: 'AVAILABLE',
        conn: 35,
        os: 'AMAZON_LINUX_2',
        // User volume grown to 100 GB 2 hours ago: not again for 4 hours.
        volumes: [175, 100],
        modified: { user: 120 },
        tags: { Team: 'Engineering', Project: 'atlas' },
      },
      {
        id: 'ws-l2n4p6r8t',
        user: 'niaj.haddad',
        dir: 1,
        bundle: 4,
        state: 'STOPPING',
        then: 'STOPPED',
        conn: 2,
        since: 0,
        tags: { Team: 'Engineering' },
      },
      {
        id: 'ws-m3o5q7s9u',
        user: 'olivia.brown',
        dir: 0,
        bundle: 2,
        state: 'AVAILABLE',
        mode: 'ALWAYS_ON',
        conn: 'CONNECTED',
        tags: { Team: 'Support' },
      },
      {
        id: 'ws-n4p6r8t0v',
        user: 'peggy.silva',
        dir: 0,
        bundle: 2,
        state: 'STOPPED',
        conn: 'NEVER',
        since: 2 * 24 * 60,
        tags: { Team: 'Support' },
      },
    ],
  },
  '111111111111/eu-west-1': {
    directories: [
      { id: 'd-93671c2d3e', name: 'eu.example.com', alias: 'example-eu', type: 'AD_CONNECTOR' },
      {
        id: 'd-9367f00150',
        name: 'pools.example.com',
        alias: 'example-pools',
        type: 'CUSTOMER_MANAGED',
        kind: 'POOLS',
      },
    ],
    bundles: [{ id: 'wsb-euwin22st', name: 'EU Standard Windows 2022', image: 'wsi-euw22base1', compute: 'STANDARD' }],
    images: [
      {
        id: 'wsi-euw22base1',
        name: 'eu-win2022-base',
        state: 'AVAILABLE',
        update: 'A newer WorkSpaces agent is available.',
      },
      {
        id: 'wsi-euw10old01',
        name: 'eu-win10-legacy',
        state: 'ERROR',
        codes: ['DomainJoined', 'FirewallEnabled', 'VMWareToolsInstalled'],
      },
    ],
    pools: [
      {
        id: 'wspool-cc01abcde',
        name: 'call-center',
        dir: 1,
        bundle: 'wsb-euwin22st',
        state: 'RUNNING',
        desired: 10,
        active: 5,
      },
      {
        id: 'wspool-trn02fghi',
        name: 'training-room',
        dir: 1,
        bundle: 'wsb-euwin22st',
        state: 'STOPPED',
        desired: 20,
        active: 0,
        errors: ['IAM_SERVICE_ROLE_IS_MISSING', 'SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES'],
      },
    ],
    workspaces: [
      {
        id: 'ws-eu1a2b3c4',
        user: 'lukas.mueller',
        dir: 0,
        bundle: 0,
        state: 'AVAILABLE',
        conn: 'CONNECTED',
        // Its user volume is growing to 100 GB (ModificationStates USER_VOLUME UPDATE_IN_PROGRESS).
        modifying: { volumes: [80, 100], minutesLeft: 40 },
        tags: { Team: 'Operations', Country: 'DE' },
      },
      {
        id: 'ws-eu2b3c4d5',
        user: 'chloe.dubois',
        dir: 0,
        bundle: 0,
        state: 'STOPPED',
        conn: 3 * 60,
        since: 120,
        tags: { Team: 'Operations', Country: 'FR' },
      },
      {
        id: 'ws-eu3c4d5e6',
        user: 'marco.rossi',
        dir: 0,
        bundle: 0,
        state: 'AVAILABLE',
        mode: 'ALWAYS_ON',
        conn: 20,
        tags: { Team: 'Finance', Country: 'IT' },
      },
      {
        id: 'ws-eu4d5e6f7',
        user: 'sofia.garcia',
        dir: 0,
        bundle: 0,
        state: 'STOPPED',
        conn: 'NEVER',
        since: 7 * 24 * 60,
        tags: { Team: 'Finance', Country: 'ES' },
      },
      {
        id: 'ws-eu5e6f7g8',
        user: 'jan.devries',
        dir: 0,
        bundle: 0,
        state: 'ERROR',
        conn: 9 * 24 * 60,
        since: 600,
        error: ['InvalidUserState', 'The user jan.devries is disabled in the directory.'],
      },
    ],
  },
  '222222222222/us-west-2': {
    directories: [
      { id: 'd-926752a7b8', name: 'dev.example.net', alias: 'example-dev', type: 'SIMPLE_AD' },
      { id: 'd-9267c9d0e1', name: 'Identity Center', alias: 'example-idc', type: 'AWS_IAM_IDENTITY_CENTER' },
    ],
    bundles: [{ id: 'wsb-devubu22x', name: 'Dev Ubuntu 22.04', image: 'wsi-devu22img1', compute: 'POWER' }],
    images: [
      {
        id: 'wsi-devu22img1',
        name: 'dev-ubuntu-22.04',
        state: 'AVAILABLE',
        os: 'LINUX',
        update: 'Updated WorkSpaces Linux client components are available.',
      },
      {
        id: 'wsi-devw11err2',
        name: 'dev-win11-byol',
        state: 'ERROR',
        codes: ['AntiVirusInstalled', 'DiskFreeSpace', 'PendingReboot', 'AdditionalDrivesAttached'],
      },
    ],
    pools: [
      {
        id: 'wspool-qa0starts',
        name: 'qa-pool',
        dir: 1,
        bundle: 'wsb-devubu22x',
        state: 'STARTING',
        desired: 4,
        active: 0,
      },
    ],
    workspaces: [
      {
        id: 'ws-dv1a2b3c4',
        user: 'sam.taylor',
        dir: 0,
        bundle: 0,
        state: 'AVAILABLE',
        conn: 'CONNECTED',
        os: 'UBUNTU_22_04',
        compute: 'POWER',
        tags: { Team: 'Platform' },
      },
      {
        id: 'ws-dv2b3c4d5',
        user: 'priya.sharma',
        dir: 0,
        bundle: 0,
        state: 'STOPPED',
        conn: 12 * 60,
        since: 400,
        os: 'UBUNTU_22_04',
        tags: { Team: 'Platform' },
      },
      {
        id: 'ws-dv3c4d5e6',
        user: 'tom.becker',
        dir: 0,
        bundle: 0,
        state: 'PENDING',
        then: 'AVAILABLE',
        conn: 'NEVER',
        since: 0,
        createdMin: 0,
        os: 'UBUNTU_22_04',
        tags: { Team: 'QA' },
      },
      {
        id: 'ws-dv4d5e6f7',
        user: 'uma.patel',
        dir: 0,
        bundle: 2,
        state: 'AVAILABLE',
        mode: 'ALWAYS_ON',
        conn: 300,
        tags: { Team: 'QA' },
      },
      {
        id: 'ws-dv5e6f7g8',
        user: 'victor.hugo',
        dir: 0,
        bundle: 2,
        state: 'UNHEALTHY',
        conn: 16 * 60,
        // Unhealthy since 15 hours, launched 20 hours ago: a rebuild snapshot (user volume, 8 hours
        // ago) but no restore snapshot (none was taken while it was healthy).
        since: 15 * 60,
        createdMin: 20 * 60,
        error: ['HealthCheckFailed', 'The WorkSpace has not responded to health checks for 15 hours.'],
      },
      {
        id: 'ws-dv6f7g8h9',
        user: 'wendy.zhao',
        dir: 0,
        bundle: 2,
        state: 'REBUILDING',
        then: 'AVAILABLE',
        conn: 24 * 60,
        since: 0,
      },
      {
        id: 'ws-dv7g8h9i0',
        user: 'xavier.ortiz',
        dir: 0,
        bundle: 2,
        state: 'STOPPED',
        conn: 'NEVER',
        since: 3 * 24 * 60,
      },
    ],
  },
  '222222222222/ap-southeast-2': {
    directories: [{ id: 'd-97671234ab', name: 'apac.example.net', alias: 'example-apac', type: 'AD_CONNECTOR' }],
    bundles: [],
    images: [],
    pools: [],
    workspaces: [
      {
        id: 'ws-ap1a2b3c4',
        user: 'yuki.tanaka',
        dir: 0,
        bundle: 1,
        state: 'AVAILABLE',
        conn: 10,
        tags: { Team: 'Sales', Country: 'AU' },
      },
      {
        id: 'ws-ap2b3c4d5',
        user: 'zoe.wilson',
        dir: 0,
        bundle: 1,
        state: 'STOPPED',
        conn: 2 * 24 * 60,
        since: 2 * 24 * 60,
        tags: { Team: 'Sales', Country: 'NZ' },
      },
      {
        id: 'ws-ap3c4d5e6',
        user: 'aaron.lim',
        dir: 0,
        bundle: 1,
        state: 'MAINTENANCE',
        then: 'AVAILABLE',
        conn: 120,
        since: 0,
      },
    ],
  },
};

function directory(
  world: World,
  d: {
    id: string;
    name: string;
    alias: string;
    type: WorkspaceDirectoryType;
    kind?: 'PERSONAL' | 'POOLS';
    state?: 'REGISTERED' | 'ERROR' | 'REGISTERING';
  },
  rng: Rng,
): DirectoryData {
  const pools = d.kind === 'POOLS';
  const idc = d.type === 'AWS_IAM_IDENTITY_CENTER';
  return {
    DirectoryId: d.id,
    Alias: d.alias,
    DirectoryName: d.name,
    RegistrationCode: `SLiad+${rng.chars(6, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}`,
    SubnetIds: [`subnet-${rng.chars(17, '0123456789abcdef')}`, `subnet-${rng.chars(17, '0123456789abcdef')}`],
    DnsIpAddresses:
      d.type === 'AWS_IAM_IDENTITY_CENTER' || pools
        ? []
        : [`10.0.${rng.int(0, 3)}.${rng.int(10, 99)}`, `10.0.${rng.int(4, 7)}.${rng.int(10, 99)}`],
    CustomerUserName: d.type === 'AD_CONNECTOR' ? 'svc-workspaces' : 'Administrator',
    IamRoleId: `arn:aws:iam::${world.accountId}:role/workspaces_DefaultRole`,
    DirectoryType: d.type,
    WorkspaceSecurityGroupId: `sg-${rng.chars(17, '0123456789abcdef')}`,
    State: d.state ?? 'REGISTERED',
    WorkspaceCreationProperties: {
      EnableInternetAccess: true,
      UserEnabledAsLocalAdministrator: false,
      EnableMaintenanceMode: true,
    },
    ipGroupIds: [],
    Tenancy: 'SHARED',
    SelfservicePermissions: {
      RestartWorkspace: 'ENABLED',
      IncreaseVolumeSize: 'DISABLED',
      ChangeComputeType: 'DISABLED',
      SwitchRunningMode: 'DISABLED',
      RebuildWorkspace: 'DISABLED',
    },
    WorkspaceDirectoryName: d.name,
    WorkspaceDirectoryDescription: pools ? 'Pools directory (SAML 2.0)' : `${d.alias} users`,
    UserIdentityType: idc ? 'AWS_IAM_IDENTITY_CENTER' : pools ? 'CUSTOMER_MANAGED' : 'AWS_DIRECTORY_SERVICE',
    WorkspaceType: pools ? 'POOLS' : 'PERSONAL',
    ...(d.state === 'ERROR'
      ? { ErrorMessage: 'The directory service account password has expired; WorkSpaces cannot reach the directory.' }
      : {}),
  };
}

function toTags(t: Record<string, string> | undefined): Tag[] {
  return Object.entries(t ?? {}).map(([Key, Value]) => ({ Key, Value }));
}

function populateDemo(world: World): void {
  const spec = DEMO[`${world.accountId}/${world.region}`];
  if (!spec) {
    return;
  }
  const rng = createRng(`demo/${world.accountId}/${world.region}`);
  const now = world.now();
  for (const d of spec.directories) {
    world.directories.set(d.id, directory(world, d, rng));
  }
  for (const [dir, user] of spec.missingUsers ?? []) {
    world.removeUser(spec.directories[dir].id, user);
  }
  for (const img of spec.images) {
    const created = now - rng.int(5, 200) * DAY;
    const data: ImageData =
      img.state === 'ERROR'
        ? imageError(world, img.id, img.name, img.codes ?? ['UnknownError'], created)
        : {
            ImageId: img.id,
            Name: img.name,
            Description: img.shared ? `Shared by ${img.shared}` : `Custom image ${img.name}`,
            OperatingSystem: { Type: img.os ?? 'WINDOWS' },
            State: img.state,
            RequiredTenancy: 'DEFAULT',
            Created: new Date(created),
            OwnerAccountId: img.shared ?? world.accountId,
            ...(img.update
              ? { Updates: { UpdateAvailable: true, Description: img.update } }
              : img.state === 'AVAILABLE'
                ? { Updates: { UpdateAvailable: false } }
                : {}),
          };
    world.images.set(img.id, data);
  }
  for (const b of spec.bundles) {
    world.bundles.set(b.id, {
      BundleId: b.id,
      Name: b.name,
      Owner: world.accountId,
      Description: b.name,
      ImageId: b.image,
      RootStorage: { Capacity: '80' },
      UserStorage: { Capacity: '50' },
      ComputeType: { Name: b.compute },
      LastUpdatedTime: new Date(now - (b.state === 'PENDING' ? HOUR : 10 * DAY)),
      CreationTime: new Date(now - (b.state === 'PENDING' ? HOUR : 90 * DAY)),
      State: b.state ?? 'AVAILABLE',
      BundleType: 'REGULAR',
    });
  }
  const bundleIds = [
    ...spec.bundles.filter((b) => b.state !== 'PENDING').map((b) => b.id),
    ...world.amazonBundles
      .filter((b) => /Windows Server 2022|Windows 11/.test(b.Name ?? '') && b.ComputeType?.Name !== 'GRAPHICSPRO_G4DN')
      .map((b) => b.BundleId),
  ];
  for (const p of spec.pools) {
    world.pools.set(p.id, {
      data: {
        PoolId: p.id,
        PoolArn: `arn:aws:workspaces:${world.region}:${world.accountId}:workspacespool/${p.id}`,
        PoolName: p.name,
        Description: `${p.name} pool`,
        State: p.state,
        CreatedAt: new Date(now - 60 * DAY),
        BundleId: p.bundle,
        DirectoryId: spec.directories[p.dir].id,
        CapacityStatus: capacity(p.state, p.desired, p.active),
        ...(p.errors
          ? { Errors: p.errors.map((c) => ({ ErrorCode: c, ErrorMessage: POOL_ERROR_MESSAGES[c] ?? c })) }
          : {}),
        ApplicationSettings: { Status: 'DISABLED' },
        TimeoutSettings: {
          DisconnectTimeoutInSeconds: 900,
          IdleDisconnectTimeoutInSeconds: 900,
          MaxUserDurationInSeconds: 57600,
        },
        RunningMode: 'AUTO_STOP',
      },
      stateSince: now - HOUR,
      steps: p.state === 'STARTING' ? [{ at: now + world.config.transitionMs, state: 'RUNNING' }] : [],
    });
  }
  for (const w of spec.workspaces) {
    const dir = spec.directories[w.dir];
    const bundleId = bundleIds[w.bundle] ?? bundleIds[0];
    const conn = w.conn ?? 'NEVER';
    const rec = world.addWorkspace(
      {
        WorkspaceId: w.id,
        DirectoryId: dir.id,
        UserName: w.user,
        BundleId: bundleId,
        State: w.state,
        ...(w.name ? { WorkspaceName: w.name } : {}),
        ...(w.error ? { ErrorCode: w.error[0], ErrorMessage: w.error[1] } : {}),
        WorkspaceProperties: {
          RunningMode: w.mode ?? 'AUTO_STOP',
          ...(w.mode === 'ALWAYS_ON' ? {} : { RunningModeAutoStopTimeoutInMinutes: 60 }),
          RootVolumeSizeGib: w.volumes?.[0] ?? 80,
          UserVolumeSizeGib: w.volumes?.[1] ?? 50,
          ComputeTypeName: w.compute ?? 'STANDARD',
          Protocols: w.os === 'AMAZON_LINUX_2' || w.os === 'UBUNTU_22_04' ? ['WSP'] : ['PCOIP'],
          OperatingSystemName: w.os ?? 'WINDOWS_SERVER_2022',
        },
      },
      {
        ...(w.createdMin !== undefined ? { createdAt: now - w.createdMin * MIN } : {}),
        stateSince: now - (w.since ?? 240) * MIN,
        connection:
          conn === 'NEVER'
            ? { state: 'DISCONNECTED' }
            : conn === 'CONNECTED'
              ? { state: 'CONNECTED', lastConnected: now - rng.int(1, 50) * MIN }
              : { state: 'DISCONNECTED', lastConnected: now - conn * MIN },
        tags: toTags(w.tags),
      },
    );
    if (w.then) {
      rec.steps = [{ at: now + world.config.transitionMs, state: w.then }];
    }
    for (const [k, minutes] of Object.entries(w.modified ?? {})) {
      rec.modified[k as keyof typeof rec.modified] = now - minutes * MIN;
    }
    if (w.modifying) {
      const [root, user] = w.modifying.volumes;
      const props = rec.data.WorkspaceProperties!;
      rec.modified[root !== props.RootVolumeSizeGib ? 'root' : 'user'] = now - 20 * MIN;
      rec.modification = {
        resources: [root !== props.RootVolumeSizeGib ? 'ROOT_VOLUME' : 'USER_VOLUME'],
        progressAt: now - 15 * MIN,
        doneAt: now + w.modifying.minutesLeft * MIN,
        props: { ...props, RootVolumeSizeGib: root, UserVolumeSizeGib: user },
      };
      rec.data.ModificationStates = rec.modification.resources.map((Resource) => ({
        Resource,
        State: 'UPDATE_IN_PROGRESS',
      }));
    }
  }
  world.trackSteps();
}

function capacity(
  state: string,
  desired: number,
  active: number,
): {
  AvailableUserSessions: number;
  DesiredUserSessions: number;
  ActualUserSessions: number;
  ActiveUserSessions: number;
} {
  const actual = state === 'RUNNING' ? Math.max(desired - 2, active) : 0;
  return {
    AvailableUserSessions: Math.max(actual - active, 0),
    DesiredUserSessions: desired,
    ActualUserSessions: actual,
    ActiveUserSessions: active,
  };
}

// ---------------------------------------------------------------------------------------------
// fleet

const FIRST = [
  'alex',
  'bianca',
  'chen',
  'divya',
  'emil',
  'fatima',
  'george',
  'hana',
  'igor',
  'jamal',
  'kira',
  'leon',
  'maria',
  'noah',
  'olga',
  'pavel',
  'quinn',
  'rosa',
  'sven',
  'tara',
  'umar',
  'vera',
  'wei',
  'ximena',
  'yusuf',
  'zara',
];
const LAST = [
  'adams',
  'berg',
  'costa',
  'dubois',
  'evans',
  'fischer',
  'garcia',
  'horvat',
  'ito',
  'jensen',
  'kowalski',
  'lopez',
  'moreau',
  'nakamura',
  'okafor',
  'peters',
  'quispe',
  'ramos',
  'silva',
  'tanaka',
  'ueda',
  'varga',
  'wong',
  'xu',
  'yilmaz',
  'zimmer',
];
const TEAMS = ['Finance', 'Engineering', 'Sales', 'Support', 'HR', 'Legal', 'Operations', 'Marketing'];
const FLEET_STATES: Record<WorkspaceState, number> = {
  AVAILABLE: 52,
  STOPPED: 33,
  ERROR: 2,
  UNHEALTHY: 2,
  IMPAIRED: 1,
  ADMIN_MAINTENANCE: 1,
  SUSPENDED: 1,
  STARTING: 0,
  STOPPING: 0,
  REBOOTING: 0,
  REBUILDING: 0,
  RESTORING: 0,
  PENDING: 0,
  MAINTENANCE: 0,
  UPDATING: 0,
  TERMINATING: 0,
  TERMINATED: 0,
};
const MOVING: Array<[WorkspaceState, WorkspaceState]> = [
  ['STARTING', 'AVAILABLE'],
  ['STOPPING', 'STOPPED'],
  ['REBOOTING', 'AVAILABLE'],
  ['PENDING', 'AVAILABLE'],
  ['REBUILDING', 'AVAILABLE'],
];

export function populateFleet(world: World, spec: FleetSeed, rngSeed: number): void {
  const rng = createRng(`fleet/${rngSeed}/${world.accountId}/${world.region}`);
  const now = world.now();
  const regionCode = world.region.replace(/-/g, '').slice(0, 6);
  const types: WorkspaceDirectoryType[] = ['AD_CONNECTOR', 'SIMPLE_AD', 'AD_CONNECTOR', 'AWS_IAM_IDENTITY_CENTER'];
  const dirs: DirectoryData[] = [];
  for (let i = 0; i < (spec.directories ?? 4); i++) {
    const id = world.newId('d', (x) => world.directories.has(x));
    const d = directory(
      world,
      {
        id,
        name: `corp${i + 1}.${regionCode}.example.com`,
        alias: `${regionCode}-corp${i + 1}`,
        type: types[i % types.length],
      },
      rng,
    );
    world.directories.set(id, d);
    dirs.push(d);
  }
  const nImages = spec.images ?? Math.max(3, Math.floor(spec.workspaces / 100));
  const imageIds: string[] = [];
  for (let i = 0; i < nImages; i++) {
    const id = world.newId('wsi', (x) => world.images.has(x));
    const created = now - rng.int(1, 400) * DAY;
    const name = `${rng.pick(TEAMS).toLowerCase()}-${rng.pick(['win10', 'win11', 'win2022', 'al2', 'ubuntu22'])}-${2024 + rng.int(0, 1)}-${String(rng.int(1, 12)).padStart(2, '0')}-${i}`;
    if (i % 5 === 2) {
      const codes = new Set<WorkspaceImageErrorDetailCode>();
      const k = rng.int(1, 4);
      while (codes.size < k) {
        codes.add(rng.pick(IMAGE_ERROR_CODES));
      }
      world.images.set(id, imageError(world, id, name, [...codes], created));
    } else {
      world.images.set(id, {
        ImageId: id,
        Name: name,
        Description: `Custom image ${name}`,
        OperatingSystem: { Type: /al2|ubuntu/.test(name) ? 'LINUX' : 'WINDOWS' },
        State: i % 7 === 6 ? 'PENDING' : 'AVAILABLE',
        RequiredTenancy: 'DEFAULT',
        Created: new Date(created),
        OwnerAccountId: world.accountId,
        Updates: rng.chance(0.3)
          ? { UpdateAvailable: true, Description: 'WorkSpaces agent updates are available.' }
          : { UpdateAvailable: false },
      });
      imageIds.push(id);
    }
  }
  const shared = world.newId('wsi', (x) => world.images.has(x));
  world.images.set(shared, {
    ImageId: shared,
    Name: 'security-baseline-shared',
    Description: 'Shared by the security account',
    OperatingSystem: { Type: 'WINDOWS' },
    State: 'AVAILABLE',
    RequiredTenancy: 'DEFAULT',
    Created: new Date(now - 30 * DAY),
    OwnerAccountId: '999999999999',
  });

  const bundleIds: string[] = [];
  for (let i = 0; i < Math.min(3, imageIds.length); i++) {
    const id = world.newId('wsb', (x) => world.bundles.has(x));
    world.bundles.set(id, {
      BundleId: id,
      Name: `custom-bundle-${i + 1}`,
      Owner: world.accountId,
      Description: `Custom bundle ${i + 1}`,
      ImageId: imageIds[i],
      RootStorage: { Capacity: '80' },
      UserStorage: { Capacity: '50' },
      ComputeType: { Name: rng.pick<Compute>(['STANDARD', 'PERFORMANCE', 'POWER']) },
      LastUpdatedTime: new Date(now - 5 * DAY),
      CreationTime: new Date(now - 100 * DAY),
      State: 'AVAILABLE',
      BundleType: 'REGULAR',
    });
    bundleIds.push(id);
  }
  const useBundles = [...bundleIds, ...world.amazonBundles.slice(0, 6).map((b) => b.BundleId)];

  const nPools = spec.pools ?? 2;
  for (let i = 0; i < nPools; i++) {
    const id = world.newId('wspool', (x) => world.pools.has(x));
    const state = i % 2 === 0 ? 'RUNNING' : 'STOPPED';
    const desired = rng.int(2, 30);
    world.pools.set(id, {
      data: {
        PoolId: id,
        PoolArn: `arn:aws:workspaces:${world.region}:${world.accountId}:workspacespool/${id}`,
        PoolName: `pool-${i + 1}`,
        Description: `Pool ${i + 1}`,
        State: state,
        CreatedAt: new Date(now - 50 * DAY),
        BundleId: useBundles[0],
        DirectoryId: dirs[0]?.DirectoryId ?? 'd-0000000000',
        CapacityStatus: capacity(state, desired, state === 'RUNNING' ? rng.int(0, desired) : 0),
        ...(i % 3 === 1
          ? {
              Errors: [
                {
                  ErrorCode: 'SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES',
                  ErrorMessage: POOL_ERROR_MESSAGES.SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES,
                },
              ],
            }
          : {}),
        RunningMode: 'AUTO_STOP',
      },
      stateSince: now - DAY,
      steps: [],
    });
  }

  const movingRate = spec.movingRate ?? 0.04;
  const users = new Set<string>();
  for (let i = 0; i < spec.workspaces; i++) {
    let user: string;
    do {
      user = `${rng.pick(FIRST)}.${rng.pick(LAST)}${rng.int(1, 999)}`;
    } while (users.has(user));
    users.add(user);
    const moving = rng.chance(movingRate) ? rng.pick(MOVING) : undefined;
    const state = moving ? moving[0] : rng.weighted(FLEET_STATES);
    const alwaysOn = rng.chance(0.2);
    const linux = rng.chance(0.25);
    const connRoll = rng.next();
    const connection: { state: 'CONNECTED' | 'DISCONNECTED'; lastConnected?: number } =
      connRoll < 0.1
        ? { state: 'DISCONNECTED' }
        : state === 'AVAILABLE' && connRoll < 0.45
          ? { state: 'CONNECTED', lastConnected: now - rng.int(1, 480) * MIN }
          : { state: 'DISCONNECTED', lastConnected: now - rng.int(10, 30 * 24 * 60) * MIN };
    const rec = world.addWorkspace(
      {
        DirectoryId: dirs[i % Math.max(dirs.length, 1)]?.DirectoryId ?? 'd-0000000000',
        UserName: user,
        BundleId: rng.pick(useBundles),
        State: state === 'STOPPED' && alwaysOn ? 'AVAILABLE' : state,
        ...(state === 'ERROR'
          ? {
              ErrorCode: 'ResourceLaunchFailure',
              ErrorMessage: 'The WorkSpace failed to launch. Rebuild or restore it.',
            }
          : {}),
        WorkspaceProperties: {
          RunningMode: alwaysOn ? 'ALWAYS_ON' : 'AUTO_STOP',
          ...(alwaysOn ? {} : { RunningModeAutoStopTimeoutInMinutes: rng.pick([60, 60, 120, 180]) }),
          RootVolumeSizeGib: 80,
          UserVolumeSizeGib: rng.pick([10, 50, 100]),
          ComputeTypeName: rng.pick<Compute>(['VALUE', 'STANDARD', 'STANDARD', 'PERFORMANCE', 'POWER']),
          Protocols: linux ? ['WSP'] : [rng.pick(['PCOIP', 'WSP'] as const)],
          OperatingSystemName: linux
            ? rng.pick<OperatingSystemName>(['AMAZON_LINUX_2', 'UBUNTU_22_04'])
            : rng.pick<OperatingSystemName>(['WINDOWS_10', 'WINDOWS_11', 'WINDOWS_SERVER_2022']),
        },
      },
      {
        stateSince: now - rng.int(1, 10 * 24 * 60) * MIN,
        connection,
        tags: [
          { Key: 'Team', Value: rng.pick(TEAMS) },
          { Key: 'CostCenter', Value: `CC-${rng.int(1000, 1099)}` },
        ],
      },
    );
    if (moving) {
      rec.stateSince = now;
      rec.steps = [{ at: now + Math.round(world.config.transitionMs * (0.2 + 0.8 * rng.next())), state: moving[1] }];
    }
  }
  world.trackSteps();
}

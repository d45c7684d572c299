// Plain-language explanations of the error codes WorkSpaces returns for images (ErrorDetails[] of
// a custom image or a BYOL import) and for pools (Errors[]). Pure data + two look-ups; no vscode.
//
// Keys are the SDK's own values (`WorkspaceImageErrorDetailCode`, `WorkspacesPoolErrorCode`): the
// `satisfies Record<…>` below makes the compiler reject a missing or extra key, and
// test/unit/webview/errorTables.test.ts compares the keys with the SDK's runtime enum objects, so
// an SDK upgrade that adds a code fails the build until the code is explained here.
//
// Sources (AWS WorkSpaces Administration Guide): "Common error messages and their solutions" (BYOL
// import, one anchor per code), "List of SysPrep error messages", "Bring Your Own Windows desktop
// licenses", "Create a custom WorkSpaces image and bundle" (the Image Checker's tips), "WorkSpaces
// Pools troubleshooting notification codes", and the IAM / networking pages linked per entry.
import type { WorkspaceImageErrorDetailCode, WorkspacesPoolErrorCode } from '@aws-sdk/client-workspaces';

/** Which process reports the code: importing a BYOL image, creating a custom image, or both. */
export type ErrorOrigin = 'byol' | 'custom' | 'both' | 'pool';

export interface ErrorExplanation {
  /** Short plain-language title ("Microsoft Office is installed"). */
  readonly title: string;
  /** What the code means, one or two sentences. */
  readonly meaning: string;
  /** How to fix it, as ordered steps. */
  readonly fix: readonly string[];
  /** The most relevant AWS documentation page (https, *.aws.amazon.com). */
  readonly docUrl: string;
  /** Title of that page, shown as the link text. */
  readonly docTitle: string;
  readonly origin: ErrorOrigin;
}

export interface ExplainedCode extends ErrorExplanation {
  /** The raw code as the API returned it ('' when the API gave none). */
  readonly code: string;
  /** False when the code is not in the table (a newer service code): the explanation is generic. */
  readonly known: boolean;
}

const ADMIN = 'https://docs.aws.amazon.com/workspaces/latest/adminguide/';
const BYOL_ERRORS = `${ADMIN}windows-images-common-errors.html`;
const BYOL_ERRORS_TITLE = 'BYOL import: common error messages and their solutions';
const SYSPREP_ERRORS = `${ADMIN}images-errors-sysprep.html`;
const SYSPREP_ERRORS_TITLE = 'List of SysPrep error messages and error fixes';
const BYOL = `${ADMIN}byol-windows-images.html`;
const BYOL_TITLE = 'Bring Your Own Windows desktop licenses in WorkSpaces';
const CUSTOM_IMAGE = `${ADMIN}create-custom-bundle.html`;
const CUSTOM_IMAGE_TITLE = 'Create a custom WorkSpaces image and bundle';
const BYOL_CONSOLE = `${ADMIN}windows_images_create_byol_image_console.html`;
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

const byolError = (anchor: string): { docUrl: string; docTitle: string } => ({
  docUrl: `${BYOL_ERRORS}#${anchor}`,
  docTitle: BYOL_ERRORS_TITLE,
});
const customImage = { docUrl: CUSTOM_IMAGE, docTitle: CUSTOM_IMAGE_TITLE } as const;

const RERUN_CHECKER = 'Run the WorkSpaces Image Checker again and create the image once every test passes.';
const REIMPORT =
  'Export the VM again, import it into Amazon EC2 as an AMI, and start the BYOL import again (or re-run the Image Compatibility Checker first).';

export const IMAGE_ERROR_DETAILS = {
  AdditionalDrivesAttached: {
    title: 'Extra drives are attached',
    meaning:
      'The BYOL import accepts a system with a single local drive, but other local, removable or network drives (virtual drives included) were found. Only the C: drive may be present.',
    fix: [
      'Detach every drive except C: (extra virtual disks, mounted ISO or CD/DVD drives, USB drives, mapped network drives).',
      REIMPORT,
    ],
    ...byolError('AdditionalDrivesAttached-collapsed'),
    origin: 'byol',
  },
  AdditionalDrivesPresent: {
    title: 'Drives other than C: and D: are present',
    meaning: 'Only the C: and D: drives can be present on a WorkSpace that is used to create an image.',
    fix: ['Remove every other drive, virtual drives included (mounted ISOs, mapped network drives).', RERUN_CHECKER],
    ...customImage,
    origin: 'custom',
  },
  AmazonSsmAgentEnabled: {
    title: 'The Amazon SSM Agent service is enabled',
    meaning: 'Creating an image requires the Amazon SSM Agent service to be disabled on the WorkSpace.',
    fix: [
      'Open services.msc, select "Amazon SSM Agent", choose Properties and set the Startup type to Disabled.',
      'Stop the service, then choose OK.',
      RERUN_CHECKER,
    ],
    ...customImage,
    origin: 'custom',
  },
  AntiVirusInstalled: {
    title: 'Antivirus software is installed',
    meaning:
      'The import requires a system without antivirus or anti-spyware software (Microsoft Defender is fine). Add your antivirus later, in a custom image built from a BYOL WorkSpace.',
    fix: [
      'Run the Image Compatibility Checker to see which antivirus product it found.',
      'Uninstall that product completely and reboot.',
      REIMPORT,
    ],
    ...byolError('AntiVirusInstalled'),
    origin: 'both',
  },
  AppXPackagesInstalled: {
    title: 'AppX packages block Sysprep',
    meaning:
      'Modern (AppX) packages are still installed for individual users, which makes Sysprep fail. The import removes offending packages and retries Sysprep once; this error means the retry failed too.',
    fix: [
      'In an elevated PowerShell, list the packages with Get-AppxPackage -AllUsers and remove the per-user ones with Remove-AppxPackage.',
      REIMPORT,
    ],
    docUrl: `${SYSPREP_ERRORS}#AppXInstalled`,
    docTitle: SYSPREP_ERRORS_TITLE,
    origin: 'both',
  },
  AutoLogonEnabled: {
    title: 'Windows AutoLogon is enabled',
    meaning: 'The import requires AutoLogon to be turned off.',
    fix: [
      'In regedit, open HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon.',
      'Set AutoAdminLogon to 0 and delete any DefaultPassword value (or turn it off with Sysinternals Autologon).',
      'If a DontDisplayLastUserName value exists, set it to 0, as the AWS page describes.',
      REIMPORT,
    ],
    ...byolError('AutoLogonEnabled'),
    origin: 'byol',
  },
  AutoMountDisabled: {
    title: 'Automount of new volumes is disabled',
    meaning: 'The import needs Windows to mount new volumes automatically.',
    fix: ['In an elevated prompt run: diskpart, then: automount enable.', REIMPORT],
    ...byolError('AutoMountDisabled'),
    origin: 'byol',
  },
  AzureDomainJoined: {
    title: 'The system is joined to Microsoft Entra ID (Azure AD)',
    meaning: 'The import requires a system that is not Microsoft Entra ID (Azure AD) joined.',
    fix: [
      'In an elevated prompt run dsregcmd /leave (or Settings > Accounts > Access work or school > Disconnect).',
      'Reboot and check that dsregcmd /status shows AzureAdJoined : NO.',
      REIMPORT,
    ],
    ...byolError('AzureDomainJoined'),
    origin: 'byol',
  },
  DHCPDisabled: {
    title: 'The network adapter uses a static IP address',
    meaning: 'The import requires the network interface to get its IP address from DHCP.',
    fix: [
      'For every network adapter, open Internet Protocol Version 4 (TCP/IPv4) Properties and choose "Obtain an IP address automatically".',
      REIMPORT,
    ],
    ...byolError('DHCPDisabled'),
    origin: 'both',
  },
  DiskFreeSpace: {
    title: 'Not enough free space on the system disk',
    meaning: 'The import needs free space on the local disk (AWS documents 20 GB or more).',
    fix: [
      'Free up space on C: (Disk Cleanup, remove large files, DISM /Online /Cleanup-Image /StartComponentCleanup).',
      REIMPORT,
    ],
    ...byolError('DiskFreeSpace'),
    origin: 'byol',
  },
  DiskSizeExceeded: {
    title: 'The system disk is too large',
    meaning: 'The import requires the local disk to be smaller than 80 GB.',
    fix: ['Shrink the Windows partition, then shrink the virtual disk below 80 GB in your hypervisor.', REIMPORT],
    ...byolError('DiskSizeExceeded'),
    origin: 'byol',
  },
  DomainAccountServicesFound: {
    title: 'Services run under a domain account',
    meaning:
      'Image creation fails when a service runs with domain user credentials; every service must use a local account (Local System, Local Service or Network Service).',
    fix: [
      'Find them with: Get-WmiObject -Class Win32_Service | Where-Object { $_.StartName -like "*$env:USERDOMAIN*" }',
      'In services.msc, open each one, and on the Log On tab choose "Local System account".',
      RERUN_CHECKER,
    ],
    ...customImage,
    origin: 'custom',
  },
  DomainJoined: {
    title: 'The system is joined to an Active Directory domain',
    meaning: 'The import requires a system that is not joined to an AD domain (a workgroup machine).',
    fix: [
      'Unjoin the domain: System Properties > Computer Name > Change > Workgroup (or Remove-Computer -WorkgroupName WORKGROUP -Restart).',
      REIMPORT,
    ],
    ...byolError('DomainJoined'),
    origin: 'byol',
  },
  EnvironmentVariablesPathMissingEntries: {
    title: 'The system PATH is missing required entries',
    meaning:
      'The machine PATH variable lacks C:\\Windows\\System32 or the Windows PowerShell folder, which the image creation scripts need.',
    fix: [
      'Open "Edit the system environment variables" > Environment Variables, and edit Path under System variables.',
      'Add C:\\Windows\\System32 and C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\ (compare the order with a fresh WorkSpace).',
      'Restart the WorkSpace, then run the Image Checker again.',
    ],
    ...customImage,
    origin: 'custom',
  },
  FirewallEnabled: {
    title: 'The Windows firewall public profile is on',
    meaning: 'The import requires the Public profile of Windows Defender Firewall to be turned off.',
    fix: ['Turn the Public profile off (Set-NetFirewallProfile -Profile Public -Enabled False).', REIMPORT],
    ...byolError('FirewallEnabled'),
    origin: 'byol',
  },
  MemoryIntegrityIncompatibility: {
    title: 'Memory integrity is locked on with UEFI lock',
    meaning:
      'Memory integrity (with Credential Guard) was enabled with a UEFI lock, which cannot be removed during import, and WorkSpaces does not support it.',
    fix: [
      'On the source, disable Credential Guard and memory integrity following Microsoft\'s "Disable Credential Guard" steps for a UEFI-locked configuration.',
      'Import an image in which the UEFI lock is off.',
    ],
    ...byolError('MemoryIntegrityIncompatibility-collapsed'),
    origin: 'byol',
  },
  IncompatiblePartitioning: {
    title: 'The disk partitioning is not supported',
    meaning:
      'The system drive has too many partitions, or the wrong partition style: Windows 10 disks must be MBR, Windows 11 disks must be GPT.',
    fix: [
      'Remove extra partitions from the system disk.',
      'Convert the partition style if needed (for Windows 11: mbr2gpt /convert /allowFullOS).',
      REIMPORT,
    ],
    ...byolError('IncompatiblePartitioning'),
    origin: 'byol',
  },
  ProtocolOSIncompatibility: {
    title: 'The OS does not support the chosen streaming protocol',
    meaning: 'The imported OS is not supported by the streaming protocol (ingestion process) picked for the import.',
    fix: [
      'Import again and choose an ingestion process whose protocol supports this OS (for example DCV for Windows 11).',
    ],
    docUrl: BYOL_CONSOLE,
    docTitle: 'Create a BYOL image using the WorkSpaces console',
    origin: 'byol',
  },
  InsufficientDiskSpace: {
    title: 'Not enough free space on C:',
    meaning: 'Creating an image needs free space on the C: drive (AWS documents at least 12 GB).',
    fix: ['Remove files from C: until there is enough free space.', RERUN_CHECKER],
    ...customImage,
    origin: 'custom',
  },
  InsufficientRearmCount: {
    title: 'The Windows rearm count is too low',
    meaning: 'Sysprep needs a remaining Windows rearm count to generalize the system, and too few rearms are left.',
    fix: [
      'Check the count with: cscript C:\\Windows\\System32\\slmgr.vbs /dlv',
      'Build the image from a system that has not been generalized repeatedly (see Microsoft\'s "Sysprep (Generalize) a Windows installation").',
    ],
    ...customImage,
    origin: 'both',
  },
  InvalidIp: {
    title: 'The IP configuration is not valid for imaging',
    meaning:
      'The checker found an IP address configuration it cannot use for the image, typically a manually assigned address instead of DHCP.',
    fix: [
      'Set every network adapter to obtain its IP address automatically (DHCP) and remove manual addresses.',
      RERUN_CHECKER,
    ],
    ...customImage,
    origin: 'custom',
  },
  InPlaceUpgrade: {
    title: 'Windows was upgraded in place',
    meaning:
      'Images cannot be made from Windows that was upgraded from an earlier feature version (for example 23H2 to 24H2). Cumulative and security updates are fine.',
    fix: ['Start from a clean installation of a supported Windows version and apply only cumulative/security updates.'],
    ...byolError('InPlaceUpgrade'),
    origin: 'both',
  },
  MultipleBootPartition: {
    title: 'More than one bootable partition',
    meaning: 'The import requires exactly one bootable partition.',
    fix: [
      'In msconfig > Boot, set the OS you want as default and delete the other entries.',
      'If that is not enough, boot from the installation media > Repair your computer > Command Prompt and run bootrec /fixmbr.',
      REIMPORT,
    ],
    ...byolError('MultipleBootPartition'),
    origin: 'byol',
  },
  MultipleUserProfiles: {
    title: 'More than one user profile exists',
    meaning:
      "Besides the Default and Administrator profiles, only the profile of the WorkSpace's own user may exist when an image is created.",
    fix: [
      'System Properties > Advanced > User Profiles: delete every other profile.',
      'Restart the WorkSpace, then run the Image Checker again.',
    ],
    ...customImage,
    origin: 'custom',
  },
  OfficeInstalled: {
    title: 'Microsoft Office is installed',
    meaning: 'The import does not support a standalone (non Microsoft 365) Office installation on the source system.',
    fix: [
      'Uninstall the standalone Office product from the source system.',
      'Subscribe to Office through WorkSpaces during the import instead, or use Microsoft 365 Apps.',
      REIMPORT,
    ],
    ...byolError('OfficeInstalled'),
    origin: 'byol',
  },
  OSNotSupported: {
    title: 'This Windows version is not supported',
    meaning: 'BYOL import accepts only the Windows 10 and Windows 11 versions listed as supported for BYOL.',
    fix: ['Rebuild the source on a supported Windows 10 or 11 version, then import again.'],
    docUrl: `${BYOL}#windows_images_supported_versions`,
    docTitle: 'Windows versions supported for BYOL',
    origin: 'byol',
  },
  OutdatedPowershellVersion: {
    title: 'Windows PowerShell is too old',
    meaning:
      'The image scripts need a newer Windows PowerShell (AWS requires 3.0 or later for custom images, 4 or later for BYOL VMs).',
    fix: [
      'Install the current Windows Management Framework (PowerShell 5.1).',
      'Make sure the execution policy allows RemoteSigned scripts (Set-ExecutionPolicy RemoteSigned).',
      RERUN_CHECKER,
    ],
    ...customImage,
    origin: 'both',
  },
  PCoIPAgentInstalled: {
    title: 'A PCoIP agent is installed',
    meaning: 'The import requires a system without a PCoIP agent (Teradici / HP Anyware).',
    fix: ['Uninstall the PCoIP agent from Apps & features and reboot.', REIMPORT],
    ...byolError('PCoIPAgentInstalled'),
    origin: 'byol',
  },
  PendingReboot: {
    title: 'A reboot is pending',
    meaning: 'Updates that need a restart have not finished installing.',
    fix: ['Install all updates, reboot, and make sure no further update asks for a restart.', REIMPORT],
    ...byolError('PendingReboot'),
    origin: 'both',
  },
  RealTimeUniversalDisabled: {
    title: 'RealTimeIsUniversal is not enabled',
    meaning:
      'The import requires the RealTimeIsUniversal registry value so that Windows reads the hardware clock as UTC.',
    fix: [
      'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Control\\TimeZoneInformation" /v RealTimeIsUniversal /t REG_DWORD /d 1 /f',
      REIMPORT,
    ],
    ...byolError('RealTimeUniversalDisabled'),
    origin: 'byol',
  },
  RemoteDesktopServicesDisabled: {
    title: 'Remote Desktop Services is disabled',
    meaning: 'Image creation needs the Remote Desktop Services service to be enabled.',
    fix: [
      'In services.msc, open Remote Desktop Services and set the Startup type to Manual or Automatic.',
      RERUN_CHECKER,
    ],
    ...customImage,
    origin: 'custom',
  },
  ReservedStorageInUse: {
    title: 'Windows reserved storage is enabled',
    meaning: 'The import requires Windows Reserved Storage to be disabled.',
    fix: [
      'Install all Windows updates, reboot, and check that no update is pending.',
      'In an elevated PowerShell run Set-WindowsReservedStorageState -State Disabled (or DISM.exe /Online /Set-ReservedStorageState /State:Disabled), then reboot.',
      REIMPORT,
    ],
    ...byolError('WindowsReservedStorage-collapsed'),
    origin: 'both',
  },
  RestrictedDriveLetterInUse: {
    title: 'The D: drive letter is in use',
    meaning: 'D: is reserved for the WorkSpace user volume; nothing in the image may use or map it.',
    fix: [
      'In Disk Management, give the device using D: (often the CD/DVD drive) another letter.',
      'Make sure nothing maps D: at logon, then import again.',
    ],
    ...byolError('RestrictedDriveLetterInUse-collapsed'),
    origin: 'byol',
  },
  Requires64BitOS: {
    title: 'The OS is 32-bit',
    meaning: 'The import requires a 64-bit Windows.',
    fix: ['Rebuild the source on a supported 64-bit Windows version.'],
    ...byolError('Requires64BitOS'),
    origin: 'byol',
  },
  StagedAppxPackage: {
    title: 'AppX packages are in a staged state',
    meaning: 'One or more AppX packages are staged but not installed, which makes Sysprep fail during image creation.',
    fix: [
      'In an elevated PowerShell, find the staged packages with Get-AppxPackage -AllUsers and remove them with Remove-AppxPackage.',
      'If the test still fails, remove the provisioned packages too (Get-AppxProvisionedPackage -Online | Remove-AppxProvisionedPackage -Online).',
      RERUN_CHECKER,
    ],
    ...customImage,
    origin: 'custom',
  },
  SysPrepFileMissing: {
    title: 'The Sysprep answer file is missing',
    meaning: 'The Sysprep file used by image creation is missing or empty (it comes with EC2Config / EC2Launch).',
    fix: ['Contact AWS Support to have EC2Config or EC2Launch repaired on this WorkSpace.'],
    ...customImage,
    origin: 'custom',
  },
  UEFINotSupported: {
    title: 'UEFI boot is not supported here',
    meaning:
      'Windows 10 BYOL images must boot in legacy BIOS mode (Windows 11 images, on the other hand, must use UEFI).',
    fix: [
      'For Windows 10, build the VM with legacy BIOS boot and an MBR disk, or move to Windows 11 with UEFI.',
      REIMPORT,
    ],
    ...byolError('UEFINotSupported'),
    origin: 'byol',
  },
  UnknownError: {
    title: 'Unknown error',
    meaning: 'The service could not determine the cause of the failure.',
    fix: [
      'Read the error message above and check the other error details.',
      'Retry the import or image creation; if it fails again, contact AWS Support with the image ID.',
    ],
    docUrl: BYOL_ERRORS,
    docTitle: BYOL_ERRORS_TITLE,
    origin: 'both',
  },
  UnsupportedOsUpgrade: {
    title: 'The OS was upgraded in an unsupported way',
    meaning:
      'Image creation is not supported on Windows that went through a feature/version upgrade; only cumulative and security updates are supported.',
    fix: ['Create the image from a WorkSpace (or VM) that has not been feature-upgraded.'],
    ...customImage,
    origin: 'both',
  },
  UnsupportedSecurityProtocol: {
    title: 'A required security protocol is disabled',
    meaning: 'Image creation needs TLS 1.2 (and SSL 3, per the Image Checker) to be enabled in Windows.',
    fix: [
      'Enable TLS 1.2 in the SCHANNEL registry settings as Microsoft describes in "How to enable TLS 1.2", then reboot.',
      RERUN_CHECKER,
    ],
    ...customImage,
    origin: 'custom',
  },
  UserProfileMissing: {
    title: 'The user profile is missing',
    meaning: 'The WorkSpace used to create the image must have its user profile (D:\\Users\\username).',
    fix: [
      'Sign in to the WorkSpace as its user once so the profile is created.',
      'If the test still fails, contact AWS Support.',
    ],
    ...customImage,
    origin: 'custom',
  },
  VMWareToolsInstalled: {
    title: 'VMware Tools is installed',
    meaning: 'The import requires a system without VMware Tools.',
    fix: ['Uninstall VMware Tools and reboot.', REIMPORT],
    ...byolError('VMWareToolsInstalled'),
    origin: 'byol',
  },
  WindowsModulesInstallerDisabled: {
    title: 'Windows Modules Installer is disabled',
    meaning: 'Image creation needs the Windows Modules Installer service (TrustedInstaller) to be enabled.',
    fix: [
      'In services.msc, open Windows Modules Installer and set the Startup type to Manual or Automatic.',
      RERUN_CHECKER,
    ],
    ...customImage,
    origin: 'custom',
  },
  WindowsUpdatesEnabled: {
    title: 'Windows Update is enabled',
    meaning: 'The import requires the Windows Update service to be disabled.',
    fix: [
      'In services.msc, open Windows Update, set the Startup type to Disabled and stop the service.',
      'Restart the computer.',
      REIMPORT,
    ],
    ...byolError('WindowsUpdatesEnabled'),
    origin: 'byol',
  },
  WindowsUpdatesRequired: {
    title: 'Windows updates are required',
    meaning:
      'The latest Windows security or cumulative updates must be installed (and the system rebooted) before the image is created.',
    fix: ['Install the latest cumulative and security updates, reboot until none is pending.', RERUN_CHECKER],
    ...customImage,
    origin: 'both',
  },
  WorkspacesBYOLAccountDisabled: {
    title: 'The WorkSpaces_BYOL account is disabled',
    meaning:
      'The import signs in with the local WorkSpaces_BYOL administrator account, which is disabled on the source system. The AWS page also asks you to check that your AWS account is enabled for BYOL in this Region.',
    fix: [
      'Enable the local account: net user WorkSpaces_BYOL /active:yes (it must be in the local Administrators group).',
      'In the WorkSpaces console, Account Settings, check that BYOL is enabled for this Region.',
      REIMPORT,
    ],
    ...byolError('WorkspacesBYOLAccountDisabled'),
    origin: 'byol',
  },
  WorkspacesBYOLAccountNotFound: {
    title: 'The WorkSpaces_BYOL account does not exist',
    meaning: 'The import needs a local account named WorkSpaces_BYOL with administrator rights on the source system.',
    fix: [
      'Create it: net user WorkSpaces_BYOL <password> /add, then: net localgroup Administrators WorkSpaces_BYOL /add. Keep the password.',
      REIMPORT,
    ],
    docUrl: `${BYOL}#windows_images_prerequisites`,
    docTitle: BYOL_TITLE,
    origin: 'byol',
  },
  ZeroRearmCount: {
    title: 'The Windows rearm count is 0',
    meaning: 'Sysprep cannot generalize a Windows whose rearm count has reached 0.',
    fix: [
      'Check the count with: cscript C:\\Windows\\System32\\slmgr.vbs /dlv',
      'Rebuild from a system whose rearm count is not 0 (see Microsoft\'s "Sysprep (Generalize) a Windows installation").',
    ],
    ...customImage,
    origin: 'both',
  },
} as const satisfies Record<WorkspaceImageErrorDetailCode, ErrorExplanation>;

const POOL_SECRET_FIX = 'Then start the pool again.';

export const POOL_ERRORS = {
  BUNDLE_NOT_FOUND: {
    title: "The pool's bundle was not found",
    meaning: 'The bundle the pool launches from no longer exists or is no longer shared with this account.',
    fix: [
      'Point the pool at an existing bundle (Update pool > Bundle), or recreate the bundle.',
      'Start the pool again.',
    ],
    docUrl: POOLS_IMAGES,
    docTitle: POOLS_IMAGES_TITLE,
    origin: 'pool',
  },
  DEFAULT_OU_IS_MISSING: {
    title: 'No organizational unit is set',
    meaning:
      "The pool directory's Active Directory configuration has no usable organizational unit (OU) for the computer objects.",
    fix: [
      "Specify the OU distinguished name (it starts with OU= and contains no spaces around commas) in the directory's Active Directory config.",
    ],
    docUrl: POOLS_AD_ACCOUNT,
    docTitle: POOLS_AD_ACCOUNT_TITLE,
    origin: 'pool',
  },
  DIRECTORY_NOT_FOUND: {
    title: "The pool's directory was not found",
    meaning: 'The WorkSpaces Pools directory the pool uses was deleted or deregistered.',
    fix: ["Register a WorkSpaces Pools directory and create the pool on it (a pool's directory cannot be changed)."],
    docUrl: POOLS_DIRECTORY,
    docTitle: 'Manage directories for WorkSpaces Pools',
    origin: 'pool',
  },
  DOMAIN_JOIN_ERROR_ACCESS_DENIED: {
    title: 'Domain join: access denied',
    meaning: 'The service account cannot create the computer object in the OU or reuse an existing one.',
    fix: ['Grant the service account "Create computer objects" (and reset/write) on the OU.', 'Start the pool again.'],
    docUrl: POOLS_TROUBLESHOOTING,
    docTitle: POOLS_TROUBLESHOOTING_TITLE,
    origin: 'pool',
  },
  DOMAIN_JOIN_ERROR_DS_MACHINE_ACCOUNT_QUOTA_EXCEEDED: {
    title: 'Domain join: machine account quota exceeded',
    meaning: 'The service account has joined as many computers as the domain allows it to create.',
    fix: [
      'Delegate "Create computer objects" on the OU to the service account (delegated rights are not limited by the quota), or raise ms-DS-MachineAccountQuota.',
      'Start the pool again.',
    ],
    docUrl: POOLS_TROUBLESHOOTING,
    docTitle: POOLS_TROUBLESHOOTING_TITLE,
    origin: 'pool',
  },
  DOMAIN_JOIN_ERROR_FILE_NOT_FOUND: {
    title: 'Domain join: OU not found',
    meaning: 'The OU distinguished name is not valid; it must start with OU=.',
    fix: ['Correct the OU distinguished name in the directory configuration and try again.'],
    docUrl: POOLS_TROUBLESHOOTING,
    docTitle: POOLS_TROUBLESHOOTING_TITLE,
    origin: 'pool',
  },
  DOMAIN_JOIN_ERROR_INVALID_PARAMETER: {
    title: 'Domain join: invalid parameter',
    meaning: 'Usually the distinguished name of the OU is incorrect.',
    fix: ['Check the OU distinguished name and try again.', 'If it persists, contact AWS Support.'],
    docUrl: POOLS_TROUBLESHOOTING,
    docTitle: POOLS_TROUBLESHOOTING_TITLE,
    origin: 'pool',
  },
  DOMAIN_JOIN_ERROR_LOGON_FAILURE: {
    title: 'Domain join: wrong user name or password',
    meaning: 'The service account credentials stored in the AWS Secrets Manager secret are not valid.',
    fix: ['Update the credentials in the secret configured for the directory.', POOL_SECRET_FIX],
    docUrl: POOLS_TROUBLESHOOTING,
    docTitle: POOLS_TROUBLESHOOTING_TITLE,
    origin: 'pool',
  },
  DOMAIN_JOIN_ERROR_MORE_DATA: {
    title: 'Domain join: more data is available',
    meaning: 'Usually the distinguished name of the OU is incorrect.',
    fix: ['Check the OU distinguished name and try again.', 'If it persists, contact AWS Support.'],
    docUrl: POOLS_TROUBLESHOOTING,
    docTitle: POOLS_TROUBLESHOOTING_TITLE,
    origin: 'pool',
  },
  DOMAIN_JOIN_ERROR_NOT_SUPPORTED: {
    title: 'Domain join: request not supported',
    meaning: 'The domain controller refused the join request as not supported.',
    fix: ['Contact AWS Support with the pool ID.'],
    docUrl: POOLS_TROUBLESHOOTING,
    docTitle: POOLS_TROUBLESHOOTING_TITLE,
    origin: 'pool',
  },
  DOMAIN_JOIN_ERROR_NO_SUCH_DOMAIN: {
    title: 'Domain join: domain unreachable',
    meaning: 'The instances could not find or contact the Active Directory domain.',
    fix: [
      "Check that the pool's VPC, subnets and security groups can reach the domain controllers, and that DNS resolves the domain.",
      'Start the pool again.',
    ],
    docUrl: POOLS_TROUBLESHOOTING,
    docTitle: POOLS_TROUBLESHOOTING_TITLE,
    origin: 'pool',
  },
  DOMAIN_JOIN_ERROR_SECRET_ACTION_PERMISSION_IS_MISSING: {
    title: 'Domain join: no permission to read the secret',
    meaning: 'WorkSpaces is not allowed to read the Secrets Manager secret that holds the service account.',
    fix: [
      'Allow WorkSpaces to call secretsmanager:GetSecretValue on the secret (its resource policy).',
      POOL_SECRET_FIX,
    ],
    docUrl: `${POOLS_AD_ACCOUNT}#pools-specify-access-account`,
    docTitle: POOLS_AD_ACCOUNT_TITLE,
    origin: 'pool',
  },
  DOMAIN_JOIN_ERROR_SECRET_DECRYPTION_FAILURE: {
    title: 'Domain join: the secret cannot be decrypted',
    meaning: 'The KMS key that encrypts the service account secret does not let WorkSpaces decrypt it.',
    fix: ["Allow kms:Decrypt for WorkSpaces in the key policy of the secret's KMS key.", POOL_SECRET_FIX],
    docUrl: `${POOLS_AD_ACCOUNT}#pools-specify-access-account`,
    docTitle: POOLS_AD_ACCOUNT_TITLE,
    origin: 'pool',
  },
  DOMAIN_JOIN_ERROR_SECRET_INVALID: {
    title: 'Domain join: the secret is not valid',
    meaning: 'The service account secret does not have the expected format.',
    fix: [
      'Store the service account user name and password in the secret in the format the AWS page describes.',
      POOL_SECRET_FIX,
    ],
    docUrl: `${POOLS_AD_ACCOUNT}#pools-specify-access-account`,
    docTitle: POOLS_AD_ACCOUNT_TITLE,
    origin: 'pool',
  },
  DOMAIN_JOIN_ERROR_SECRET_NOT_FOUND: {
    title: 'Domain join: the secret was not found',
    meaning:
      'The Secrets Manager secret named in the directory configuration does not exist (deleted or wrong ARN/Region).',
    fix: ['Recreate the secret or point the directory at the right one.', POOL_SECRET_FIX],
    docUrl: `${POOLS_AD_ACCOUNT}#pools-specify-access-account`,
    docTitle: POOLS_AD_ACCOUNT_TITLE,
    origin: 'pool',
  },
  DOMAIN_JOIN_ERROR_SECRET_STATE_INVALID: {
    title: 'Domain join: the secret is not usable',
    meaning: 'The service account secret is in a state that cannot be read, for example scheduled for deletion.',
    fix: ['Restore the secret (cancel its deletion) or create a new one.', POOL_SECRET_FIX],
    docUrl: `${POOLS_AD_ACCOUNT}#pools-specify-access-account`,
    docTitle: POOLS_AD_ACCOUNT_TITLE,
    origin: 'pool',
  },
  DOMAIN_JOIN_ERROR_SECRET_VALUE_KEY_NOT_FOUND: {
    title: 'Domain join: a key is missing in the secret',
    meaning: 'The service account secret lacks one of the keys WorkSpaces reads (user name or password).',
    fix: ['Add the missing key/value to the secret.', POOL_SECRET_FIX],
    docUrl: `${POOLS_AD_ACCOUNT}#pools-specify-access-account`,
    docTitle: POOLS_AD_ACCOUNT_TITLE,
    origin: 'pool',
  },
  DOMAIN_JOIN_INTERNAL_SERVICE_ERROR: {
    title: 'Domain join: the account already exists',
    meaning:
      'A computer object with the same name exists elsewhere in the domain, the service account may not reuse it, or the OU name has spaces around its commas.',
    fix: [
      "Check the OU and the service account's permissions on it; do not move the computer objects WorkSpaces created out of that OU.",
      'If the OU has spaces around commas: stop the pool, fix the OU in the directory, and start the pool again.',
    ],
    docUrl: POOLS_TROUBLESHOOTING,
    docTitle: POOLS_TROUBLESHOOTING_TITLE,
    origin: 'pool',
  },
  DOMAIN_JOIN_NERR_INVALID_WORKGROUP_NAME: {
    title: 'Domain join: invalid domain name',
    meaning: 'The domain (workgroup) name used for the join is not valid.',
    fix: [
      'Check the directory domain name: it must be the fully qualified domain name (for example corp.example.com).',
    ],
    docUrl: POOLS_AD_ACCOUNT,
    docTitle: POOLS_AD_ACCOUNT_TITLE,
    origin: 'pool',
  },
  DOMAIN_JOIN_NERR_PASSWORD_EXPIRED: {
    title: 'Domain join: the service account password expired',
    meaning: 'The password of the service account in the secret has expired.',
    fix: ['Stop the pool.', 'Change the password in Active Directory and in the secret.', 'Start the pool.'],
    docUrl: POOLS_TROUBLESHOOTING,
    docTitle: POOLS_TROUBLESHOOTING_TITLE,
    origin: 'pool',
  },
  DOMAIN_JOIN_NERR_WORKSTATION_NOT_STARTED: {
    title: 'Domain join: the Workstation service is not running',
    meaning: 'The Workstation service failed to start on the instance.',
    fix: ['Make sure the Workstation service is enabled in the image.', 'If it persists, contact AWS Support.'],
    docUrl: POOLS_TROUBLESHOOTING,
    docTitle: POOLS_TROUBLESHOOTING_TITLE,
    origin: 'pool',
  },
  IAM_SERVICE_ROLE_IS_MISSING: {
    title: 'The workspaces_DefaultRole role is missing',
    meaning: "WorkSpaces needs the workspaces_DefaultRole IAM role in the account to manage the pool's resources.",
    fix: [
      'Create workspaces_DefaultRole (trusted by workspaces.amazonaws.com) with AmazonWorkSpacesServiceAccess, AmazonWorkSpacesSelfServiceAccess and AmazonWorkSpacesPoolServiceAccess.',
    ],
    docUrl: DEFAULT_ROLE,
    docTitle: DEFAULT_ROLE_TITLE,
    origin: 'pool',
  },
  IAM_SERVICE_ROLE_MISSING_DESCRIBE_SECURITY_GROUPS_ACTION: {
    title: 'The service role cannot describe security groups',
    meaning: 'workspaces_DefaultRole lacks ec2:DescribeSecurityGroups.',
    fix: ['Attach the AWS managed policy AmazonWorkSpacesPoolServiceAccess to workspaces_DefaultRole.'],
    docUrl: DEFAULT_ROLE,
    docTitle: DEFAULT_ROLE_TITLE,
    origin: 'pool',
  },
  IAM_SERVICE_ROLE_MISSING_DESCRIBE_SUBNET_ACTION: {
    title: 'The service role cannot describe subnets',
    meaning: 'workspaces_DefaultRole lacks ec2:DescribeSubnets.',
    fix: ['Attach the AWS managed policy AmazonWorkSpacesPoolServiceAccess to workspaces_DefaultRole.'],
    docUrl: DEFAULT_ROLE,
    docTitle: DEFAULT_ROLE_TITLE,
    origin: 'pool',
  },
  IAM_SERVICE_ROLE_MISSING_ENI_CREATE_ACTION: {
    title: 'The service role cannot create network interfaces',
    meaning: 'workspaces_DefaultRole lacks ec2:CreateNetworkInterface.',
    fix: ['Attach the AWS managed policy AmazonWorkSpacesServiceAccess to workspaces_DefaultRole.'],
    docUrl: DEFAULT_ROLE,
    docTitle: DEFAULT_ROLE_TITLE,
    origin: 'pool',
  },
  IAM_SERVICE_ROLE_MISSING_ENI_DELETE_ACTION: {
    title: 'The service role cannot delete network interfaces',
    meaning: 'workspaces_DefaultRole lacks ec2:DeleteNetworkInterface.',
    fix: ['Attach the AWS managed policy AmazonWorkSpacesServiceAccess to workspaces_DefaultRole.'],
    docUrl: DEFAULT_ROLE,
    docTitle: DEFAULT_ROLE_TITLE,
    origin: 'pool',
  },
  IAM_SERVICE_ROLE_MISSING_ENI_DESCRIBE_ACTION: {
    title: 'The service role cannot describe network interfaces',
    meaning: 'workspaces_DefaultRole lacks ec2:DescribeNetworkInterfaces.',
    fix: ['Attach the AWS managed policy AmazonWorkSpacesServiceAccess to workspaces_DefaultRole.'],
    docUrl: DEFAULT_ROLE,
    docTitle: DEFAULT_ROLE_TITLE,
    origin: 'pool',
  },
  IGW_NOT_ATTACHED: {
    title: 'No internet gateway is attached',
    meaning: 'The pool needs internet access through its VPC, but the VPC has no internet gateway attached.',
    fix: [
      'Attach an internet gateway to the VPC (public subnets), or route private subnets through a NAT gateway.',
      'Start the pool again.',
    ],
    docUrl: POOLS_NETWORK,
    docTitle: POOLS_NETWORK_TITLE,
    origin: 'pool',
  },
  IMAGE_NOT_FOUND: {
    title: "The bundle's image was not found",
    meaning: "The image behind the pool's bundle no longer exists or is no longer shared with this account.",
    fix: ['Update the bundle to an existing image, or point the pool at another bundle.', 'Start the pool again.'],
    docUrl: POOLS_IMAGES,
    docTitle: POOLS_IMAGES_TITLE,
    origin: 'pool',
  },
  INSUFFICIENT_PERMISSIONS_ERROR: {
    title: 'Insufficient permissions',
    meaning: 'WorkSpaces lacks a permission it needs in this account to run the pool.',
    fix: ['Check workspaces_DefaultRole and its managed policies (AmazonWorkSpacesPoolServiceAccess in particular).'],
    docUrl: DEFAULT_ROLE,
    docTitle: DEFAULT_ROLE_TITLE,
    origin: 'pool',
  },
  INTERNAL_SERVICE_ERROR: {
    title: 'Internal service error',
    meaning: 'WorkSpaces hit an internal error while running the pool.',
    fix: ['Stop and start the pool.', 'If it persists, contact AWS Support with the pool ID.'],
    docUrl: POOLS_TROUBLESHOOTING,
    docTitle: POOLS_TROUBLESHOOTING_TITLE,
    origin: 'pool',
  },
  INVALID_SUBNET_CONFIGURATION: {
    title: 'The subnet configuration is not valid',
    meaning:
      'The subnets configured for the pool cannot be used (for example in unsupported Availability Zones or misconfigured).',
    fix: ["Review the pool directory's subnets against the networking requirements and update them."],
    docUrl: POOLS_NETWORK,
    docTitle: POOLS_NETWORK_TITLE,
    origin: 'pool',
  },
  MACHINE_ROLE_IS_MISSING: {
    title: 'The machine role is missing',
    meaning: "An IAM role the pool's instances need does not exist in the account.",
    fix: ['Recreate the missing role as the WorkSpaces IAM page describes, then start the pool again.'],
    docUrl: DEFAULT_ROLE,
    docTitle: DEFAULT_ROLE_TITLE,
    origin: 'pool',
  },
  NETWORK_INTERFACE_LIMIT_EXCEEDED: {
    title: 'Network interface quota reached',
    meaning: "The Region's quota of elastic network interfaces is used up, so no instance can be attached.",
    fix: ['Delete unused network interfaces, or request a higher "Network interfaces per Region" quota.'],
    docUrl: 'https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html',
    docTitle: 'Amazon VPC quotas',
    origin: 'pool',
  },
  SECURITY_GROUPS_NOT_FOUND: {
    title: 'A security group was not found',
    meaning: 'A security group configured for the pool was deleted.',
    fix: ['Update the pool directory with existing security groups.', 'Start the pool again.'],
    docUrl: POOLS_NETWORK,
    docTitle: POOLS_NETWORK_TITLE,
    origin: 'pool',
  },
  STS_DISABLED_IN_REGION: {
    title: 'AWS STS is deactivated in this Region',
    meaning: 'The account has deactivated the AWS STS regional endpoint that WorkSpaces needs here.',
    fix: ['In the IAM console, Account settings, activate the STS endpoint for this Region.'],
    docUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_enable-regions.html',
    docTitle: 'Manage AWS STS in an AWS Region',
    origin: 'pool',
  },
  SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES: {
    title: 'A subnet is out of IP addresses',
    meaning: 'A pool subnet has no free IP addresses left for new instances.',
    fix: ['Free addresses in the subnet, or configure subnets with larger CIDR blocks.'],
    docUrl: POOLS_NETWORK,
    docTitle: POOLS_NETWORK_TITLE,
    origin: 'pool',
  },
  SUBNET_NOT_FOUND: {
    title: 'A subnet was not found',
    meaning: 'A subnet configured for the pool was deleted.',
    fix: ['Update the pool directory with existing subnets.', 'Start the pool again.'],
    docUrl: POOLS_NETWORK,
    docTitle: POOLS_NETWORK_TITLE,
    origin: 'pool',
  },
  WORKSPACES_POOL_INSTANCE_PROVISIONING_FAILURE: {
    title: 'Instances could not be provisioned',
    meaning:
      'WorkSpaces could not launch instances for the pool (capacity in the chosen Availability Zones, or a bundle/image problem).',
    fix: [
      "Check the pool's other errors first.",
      'Add subnets in other Availability Zones, or wait for capacity, then start the pool again.',
    ],
    docUrl: POOLS_TROUBLESHOOTING,
    docTitle: POOLS_TROUBLESHOOTING_TITLE,
    origin: 'pool',
  },
  WORKSPACES_POOL_STOPPED: {
    title: 'The pool is stopped',
    meaning: 'The pool is stopped, so it serves no sessions.',
    fix: ['Start the pool.'],
    docUrl: POOLS_ADMIN,
    docTitle: 'Administer WorkSpaces Pools',
    origin: 'pool',
  },
} as const satisfies Record<WorkspacesPoolErrorCode, ErrorExplanation>;

const has = <T extends object>(table: T, key: string): key is Extract<keyof T, string> =>
  Object.prototype.hasOwnProperty.call(table, key);

/** Explains one image ErrorDetails code; an unknown code keeps its raw text with a generic explanation. */
export function explainImageErrorDetail(code: string | undefined): ExplainedCode {
  const raw = code ?? '';
  if (has(IMAGE_ERROR_DETAILS, raw)) return { code: raw, known: true, ...IMAGE_ERROR_DETAILS[raw] };
  return {
    code: raw,
    known: false,
    title: raw ? `Unrecognised error code ${raw}` : 'Error without a code',
    meaning:
      'WorkSpaces reported a code this extension does not know yet (a newer service code). The message from the service, shown above, is the best description available.',
    fix: [
      'Read the message from the service and search for the code in the AWS documentation.',
      'Fix what it names, then create or import the image again.',
    ],
    docUrl: BYOL_ERRORS,
    docTitle: BYOL_ERRORS_TITLE,
    origin: 'both',
  };
}

/** Explains one pool error code; an unknown code keeps its raw text with a generic explanation. */
export function explainPoolError(code: string | undefined): ExplainedCode {
  const raw = code ?? '';
  if (has(POOL_ERRORS, raw)) return { code: raw, known: true, ...POOL_ERRORS[raw] };
  return {
    code: raw,
    known: false,
    title: raw ? `Unrecognised pool error ${raw}` : 'Pool error without a code',
    meaning:
      'WorkSpaces reported a pool error code this extension does not know yet. The message from the service is the best description available.',
    fix: ['Read the message from the service, fix what it names, and start the pool again.'],
    docUrl: POOLS_TROUBLESHOOTING,
    docTitle: POOLS_TROUBLESHOOTING_TITLE,
    origin: 'pool',
  };
}

/** Human label of an entry's origin. */
export function originLabel(origin: ErrorOrigin): string {
  switch (origin) {
    case 'byol':
      return 'BYOL image import';
    case 'custom':
      return 'Custom image creation';
    case 'both':
      return 'BYOL import and custom images';
    case 'pool':
      return 'WorkSpaces Pools';
  }
}

// Plain-language explanations of the error codes WorkSpaces returns for images (ErrorDetails[] of
// a custom image or a BYOL import): one table of core/errorCatalog.ts. Pure data; no vscode.
//
// Keys are the SDK's own values (`WorkspaceImageErrorDetailCode`): the
// `satisfies Record<…>` below makes the compiler reject a missing or extra key, and
// test/unit/core/errorCatalog.test.ts compares the keys with the SDK's runtime enum objects, so
// an SDK upgrade that adds a code fails the build until the code is explained here.
//
// Sources (AWS WorkSpaces Administration Guide): "Common error messages and their solutions" (BYOL
// import, one anchor per code), "List of SysPrep error messages", "Bring Your Own Windows desktop
// licenses" and "Create a custom WorkSpaces image and bundle" (the Image Checker's tips).
import type { WorkspaceImageErrorDetailCode } from '@aws-sdk/client-workspaces';
import { doc, explain, type Doc, type ErrorExplanation, type ExplainedCode } from './errorCatalog';

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

const byolError = (anchor: string): Doc => doc(`${BYOL_ERRORS}#${anchor}`, BYOL_ERRORS_TITLE);
const customImage = doc(CUSTOM_IMAGE, CUSTOM_IMAGE_TITLE);

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
    ...doc(`${SYSPREP_ERRORS}#AppXInstalled`, SYSPREP_ERRORS_TITLE),
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
    ...doc(BYOL_CONSOLE, 'Create a BYOL image using the WorkSpaces console'),
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
    ...doc(`${BYOL}#windows_images_supported_versions`, 'Windows versions supported for BYOL'),
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
    ...doc(BYOL_ERRORS, BYOL_ERRORS_TITLE),
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
    ...doc(`${BYOL}#windows_images_prerequisites`, BYOL_TITLE),
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

/** Explains one image ErrorDetails code; an unknown code keeps its raw text with a generic explanation. */
export function explainImageErrorDetail(code: string | undefined): ExplainedCode {
  return explain(IMAGE_ERROR_DETAILS, code, (raw) => ({
    title: raw ? `Unrecognised error code ${raw}` : 'Error without a code',
    meaning:
      'WorkSpaces reported a code this extension does not know yet (a newer service code). The message from the service, shown above, is the best description available.',
    fix: [
      'Read the message from the service and search for the code in the AWS documentation.',
      'Fix what it names, then create or import the image again.',
    ],
    ...doc(BYOL_ERRORS, BYOL_ERRORS_TITLE),
    origin: 'both',
  }));
}

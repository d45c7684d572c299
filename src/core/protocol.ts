// The PCoIP → DCV (WSP) protocol migration: which WorkSpaces AWS lets ModifyWorkspaceProperties
// switch (WorkspaceProperties.Protocols = ['WSP']), checked before anything is sent. Pure.
//
// What AWS documents (botocore's model, WorkspaceProperties.Protocols):
// - "Only available for WorkSpaces created with PCoIP bundles";
// - "Unavailable for Windows 7 WorkSpaces and WorkSpaces using GPU-based bundles (Graphics,
//   GraphicsPro, Graphics.g4dn, and GraphicsPro.g4dn)";
// - "case sensitive. Ensure you use PCOIP or DCV (formerly WSP)" — while the model's own enum
//   (Protocol) is PCOIP | WSP. The extension sends 'WSP', the one value the model lists.
// The archived admin guide (awsdocs, June 2023) predates this property: it moves a WorkSpace to WSP
// only with MigrateWorkspace to a WSP bundle ("requires a rebuild", the user volume from its last
// snapshot), and says GPU bundles are PCoIP only.
//
// Not documented (the choices made here, said in the preflight):
// - the states: the modify rules of the guide ("Modify a WorkSpace") allow AVAILABLE or STOPPED;
//   the same is assumed for Protocols;
// - whether the change reboots or rebuilds the WorkSpace and keeps the user volume: the preflight
//   says users are disconnected and that AWS does not say whether the root volume is kept;
// - whether a DCV WorkSpace can be switched back to PCoIP: treated as one-way;
// - Linux WorkSpaces on PCoIP bundles: not excluded by the model, so not refused here (a warning);
// - the G6 graphics families, newer than the note: excluded like the other GPU bundles.
import type { WorkspaceView } from './present';
import { COMPUTE_FAMILIES } from './modify';

/** The value sent in WorkspaceProperties.Protocols (the model's enum: PCOIP | WSP). */
export const DCV_PROTOCOL = 'WSP';

/** States in which the change is sent (undocumented for Protocols: the modify rule). */
export const PROTOCOL_STATES: readonly string[] = ['AVAILABLE', 'STOPPED'];

const GPU: ReadonlySet<string> = new Set([...COMPUTE_FAMILIES.g4dn, ...COMPUTE_FAMILIES.g6, ...COMPUTE_FAMILIES.fixed]);

/** True when the WorkSpace streams over PCoIP (its Protocols say PCOIP and not WSP/DCV). */
export function isPcoip(ws: WorkspaceView): boolean {
  return protocolLabel(ws) === 'PCoIP';
}

/** "PCoIP", "DCV" or "" (the filter's `protocol:` value and the report's column). */
export function protocolLabel(ws: WorkspaceView): string {
  const p = (ws.WorkspaceProperties?.Protocols ?? []).map((x) => String(x).toUpperCase());
  if (p.includes('WSP') || p.includes('DCV')) return 'DCV';
  if (p.includes('PCOIP')) return 'PCoIP';
  return '';
}

/** Why AWS would refuse to switch this WorkSpace to DCV now (undefined: it is eligible). */
export function whyNotDcv(ws: WorkspaceView): string | undefined {
  const props = ws.WorkspaceProperties ?? {};
  if (!isPcoip(ws)) return protocolLabel(ws) === 'DCV' ? 'already DCV' : 'its protocol is not known to be PCoIP';
  if (props.OperatingSystemName === 'WINDOWS_7') return 'Windows 7 WorkSpaces cannot use DCV';
  if (GPU.has(props.ComputeTypeName ?? '')) return `GPU bundles (${props.ComputeTypeName}) stay on PCoIP`;
  if (!PROTOCOL_STATES.includes(ws.State ?? '')) {
    return `it is ${ws.State ?? 'in an unknown state'} (needs AVAILABLE or STOPPED)`;
  }
  return undefined;
}

/** The preflight an admin reads before anything is sent: AWS's rules and what it leaves unsaid. */
export const DCV_PREFLIGHT: readonly string[] = [
  'Only PCoIP WorkSpaces that are AVAILABLE or STOPPED are changed (AWS documents the state rule for modifications in general, not for the protocol).',
  'Excluded by AWS: Windows 7, and GPU bundles (Graphics, GraphicsPro, Graphics.g4dn, GraphicsPro.g4dn; the G6 families too, which AWS does not mention).',
  'Users are disconnected. AWS does not document whether the protocol change keeps the root volume or how long the WorkSpace is unavailable.',
  'Treat it as one-way: AWS documents the change only for WorkSpaces created from PCoIP bundles and says nothing of switching back.',
  'Clients: iPad/Android/Linux PCoIP clients and Teradici zero clients cannot connect to DCV WorkSpaces.',
];

// Turns an image, a pool, a WorkSpace or a directory (SDK shapes) into the ErrorView the page renders.
// Pure; no vscode.
import type { Workspace, WorkspaceDirectory, WorkspaceImage, WorkspacesPool } from '@aws-sdk/client-workspaces';
import { consoleHome, consoleUrl } from '../../core/arn';
import { poolSessions } from '../../core/present';
import { originLabel, type ExplainedCode } from '../../core/errorCatalog';
import { explainImageErrorDetail } from '../../core/imageErrors';
import { errorReportToMarkdown } from '../../core/markdown';
import { computeLabel, modificationLabel } from '../../core/modify';
import { explainPoolError } from '../../core/poolErrors';
import { runningModeLabel } from '../../core/present';
import { isDirectoryMoving, isImageMoving, isMoving, isPoolMoving, isProblem } from '../../core/states';
import { explainDirectoryError, explainWorkspaceError, hasWorkspaceError } from '../../core/workspaceErrors';
import { formatUtc } from '../../core/text';
import { isAllowedLink } from '../host/links';
import type { Scope } from '../../core/types';
import type { CardView, ErrorView, FieldView, StateTone, TargetKind } from './protocol';
import type { ErrorTarget } from './target';

/** The tone of a state badge (images, pools, WorkSpaces, directories). */
export function stateTone(state: string): StateTone {
  if (state === 'AVAILABLE' || state === 'RUNNING' || state === 'REGISTERED') return 'ok';
  if (state === 'ERROR' || isProblem(state)) return 'error';
  if (isImageMoving(state) || isPoolMoving(state) || isMoving(state) || isDirectoryMoving(state)) return 'pending';
  return 'neutral';
}

const formatDate = (value: unknown): string => formatUtc(value, 'minutes');

/**
 * The console page of an image or a pool (core/arn.ts builds every console address), offered only
 * where the page's link allow-list lets it open: commercial partition hosts (*.aws.amazon.com).
 */
function linkableConsoleUrl(kind: TargetKind, region: string, id: string): string | undefined {
  // Directories: the console's list page (no deep link is known).
  const url = kind === 'directory' ? consoleHome(region) : consoleUrl(kind, region, id);
  return url && isAllowedLink(url) ? url : undefined;
}

function card(explained: ExplainedCode, message: string | undefined): CardView {
  return {
    code: explained.code,
    known: explained.known,
    title: explained.title,
    message: message || undefined,
    meaning: explained.meaning,
    fix: explained.fix,
    docUrl: explained.docUrl,
    docTitle: explained.docTitle,
    origin: originLabel(explained.origin),
  };
}

const field = (key: string, label: string, value: string | undefined, code = false): FieldView => ({
  key,
  label,
  value: value ?? '',
  code: code || undefined,
});

type Body = Pick<ErrorView, 'fields' | 'cards' | 'updates' | 'error'>;

/** What every view has: identity, state and its tone, the console link, when it was loaded. */
function view(
  kind: TargetKind,
  scope: Scope,
  id: string,
  name: string | undefined,
  state: string | undefined,
  loadedAt: string,
  body: Body,
): ErrorView {
  const url = linkableConsoleUrl(kind, scope.region, id);
  const shown = state ?? 'UNKNOWN';
  return {
    kind,
    scope,
    id,
    name: name ?? id,
    state: shown,
    stateTone: stateTone(shown),
    fields: body.fields,
    updates: body.updates,
    error: body.error,
    cards: body.cards,
    consoleUrl: url,
    loadedAt,
  };
}

function imageView(scope: Scope, image: WorkspaceImage, loadedAt: string): ErrorView {
  const id = image.ImageId ?? '';
  const error =
    image.ErrorCode || image.ErrorMessage
      ? {
          ...(image.ErrorCode ? { code: image.ErrorCode } : {}),
          ...(image.ErrorMessage ? { message: image.ErrorMessage } : {}),
        }
      : undefined;
  const updates = image.Updates
    ? {
        available: image.Updates.UpdateAvailable === true,
        ...(image.Updates.Description ? { description: image.Updates.Description } : {}),
      }
    : undefined;
  return view('image', scope, id, image.Name, image.State, loadedAt, {
    fields: [
      field('id', 'Image ID', id, true),
      field('os', 'Operating system', image.OperatingSystem?.Type),
      field('state', 'State', image.State),
      field('tenancy', 'Tenancy', image.RequiredTenancy),
      field('created', 'Created', formatDate(image.Created)),
      field('owner', 'Owner account', image.OwnerAccountId, true),
      field('region', 'Region', scope.region, true),
      field('description', 'Description', image.Description),
    ],
    updates,
    error,
    cards: (image.ErrorDetails ?? []).map((d) => card(explainImageErrorDetail(d.ErrorCode), d.ErrorMessage)),
  });
}

/** "name (id)", or the id alone when the name is not known. */
const named = (name: string | undefined, id: string | undefined): string | undefined =>
  name ? `${name} (${id ?? ''})` : id;

function poolView(
  scope: Scope,
  pool: WorkspacesPool,
  names: { bundleName?: string; directoryName?: string },
  loadedAt: string,
): ErrorView {
  const id = pool.PoolId ?? '';
  return view('pool', scope, id, pool.PoolName, pool.State, loadedAt, {
    fields: [
      field('id', 'Pool ID', id, true),
      field('state', 'State', pool.State),
      field('runningMode', 'Running mode', pool.RunningMode),
      field('capacity', 'User sessions', poolSessions(pool, 'long')),
      field('bundle', 'Bundle', named(names.bundleName, pool.BundleId), true),
      field('directory', 'Directory', named(names.directoryName, pool.DirectoryId), true),
      field('created', 'Created', formatDate(pool.CreatedAt)),
      field('region', 'Region', scope.region, true),
      field('arn', 'ARN', pool.PoolArn, true),
      field('description', 'Description', pool.Description),
    ],
    cards: (pool.Errors ?? []).map((e) => card(explainPoolError(e.ErrorCode), e.ErrorMessage)),
  });
}

/** The top-level code/message of a WorkSpace or an image, undefined when there is none. */
function errorOf(code: string | undefined, message: string | undefined): ErrorView['error'] {
  return code || message ? { ...(code ? { code } : {}), ...(message ? { message } : {}) } : undefined;
}

function workspaceView(
  scope: Scope,
  ws: Workspace,
  names: { directoryName?: string | undefined; bundleName?: string | undefined },
  loadedAt: string,
): ErrorView {
  const id = ws.WorkspaceId ?? '';
  const p = ws.WorkspaceProperties ?? {};
  const explained = explainWorkspaceError(ws.ErrorCode, ws.State);
  return view('workspace', scope, id, ws.UserName ?? ws.WorkspaceName, ws.State, loadedAt, {
    fields: [
      field('id', 'WorkSpace ID', id, true),
      field('user', 'User', ws.UserName),
      field('state', 'State', ws.State),
      field('directory', 'Directory', named(names.directoryName, ws.DirectoryId), true),
      field('bundle', 'Bundle', named(names.bundleName, ws.BundleId), true),
      field('computer', 'Computer name', ws.ComputerName, true),
      field('ip', 'IP address', ws.IpAddress, true),
      field('compute', 'Compute type', p.ComputeTypeName ? computeLabel(p.ComputeTypeName) : undefined),
      field('runningMode', 'Running mode', p.RunningMode ? runningModeLabel(p.RunningMode) : undefined),
      ...(modificationLabel(ws) ? [field('change', 'Change running', modificationLabel(ws))] : []),
      field('region', 'Region', scope.region, true),
    ],
    error: errorOf(ws.ErrorCode, ws.ErrorMessage),
    // The code is on the error above; the card explains it (or the state).
    cards: hasWorkspaceError(ws) ? [card(explained, undefined)] : [],
  });
}

function directoryView(scope: Scope, d: WorkspaceDirectory, loadedAt: string): ErrorView {
  const id = d.DirectoryId ?? '';
  const problem = d.State === 'ERROR' || !!d.ErrorMessage;
  return view('directory', scope, id, d.Alias || d.DirectoryName, d.State, loadedAt, {
    fields: [
      field('id', 'Directory ID', id, true),
      field('name', 'Name', d.DirectoryName),
      field('alias', 'Alias', d.Alias),
      field('type', 'Type', d.DirectoryType),
      field('state', 'State', d.State),
      field('registration', 'Registration code', d.RegistrationCode, true),
      field('serviceAccount', 'Service account', d.CustomerUserName),
      field('dns', 'DNS servers', d.DnsIpAddresses?.join(', '), true),
      field('subnets', 'Subnets', d.SubnetIds?.join(', '), true),
      field('region', 'Region', scope.region, true),
    ],
    error: errorOf(undefined, d.ErrorMessage),
    cards: problem ? [card(explainDirectoryError(d.State), undefined)] : [],
  });
}

/** The view of a target as loaded at `now`. */
export function buildErrorView(target: ErrorTarget, now: Date): ErrorView {
  const loadedAt = now.toISOString();
  switch (target.kind) {
    case 'image':
      return imageView(target.scope, target.image, loadedAt);
    case 'pool':
      return poolView(target.scope, target.pool, target, loadedAt);
    case 'workspace':
      return workspaceView(target.scope, target.workspace, target, loadedAt);
    case 'directory':
      return directoryView(target.scope, target.directory, loadedAt);
  }
}

/** The ticket-ready Markdown of a view. */
export function viewToMarkdown(view: ErrorView): string {
  return errorReportToMarkdown({
    kind: view.kind,
    name: view.name,
    fields: view.fields.map((f) => ({ label: f.label, value: f.value, code: f.code })),
    updates: view.updates,
    error: view.error,
    cards: view.cards,
    consoleUrl: view.consoleUrl,
    loadedAt: view.loadedAt,
  });
}

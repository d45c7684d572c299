// Turns an image or a pool (SDK shapes) into the ErrorView the page renders. Pure; no vscode.
import type { WorkspaceImage, WorkspacesPool } from '@aws-sdk/client-workspaces';
import { explainImageErrorDetail, explainPoolError, originLabel, type ExplainedCode } from '../core/imageErrors';
import { errorReportToMarkdown } from '../core/markdown';
import type { CardView, ErrorView, FieldView, Scope, StateTone, TargetKind } from './protocol';
import type { ErrorTarget } from './target';

const OK_STATES = new Set(['AVAILABLE', 'RUNNING']);
const ERROR_STATES = new Set(['ERROR']);
const PENDING_STATES = new Set(['PENDING', 'CREATING', 'DELETING', 'STARTING', 'STOPPING', 'UPDATING']);

export function stateTone(state: string): StateTone {
  if (OK_STATES.has(state)) return 'ok';
  if (ERROR_STATES.has(state)) return 'error';
  if (PENDING_STATES.has(state)) return 'pending';
  return 'neutral';
}

/** `2024-05-01 09:30 UTC`; '' for a missing or invalid date. Accepts a Date, an ISO string or epoch ms. */
export function formatDate(value: unknown): string {
  let d: Date | undefined;
  if (value instanceof Date) d = value;
  else if (typeof value === 'string' || typeof value === 'number') d = new Date(value);
  if (!d || Number.isNaN(d.getTime())) return '';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// Commercial-partition Regions only: the console URL must stay on *.aws.amazon.com (the link
// allow-list); China, GovCloud and isolated partitions have other console hosts.
const REGION = /^(?!cn-|us-gov-|us-iso|eu-iso)[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const RESOURCE_ID = /^(wsi|wspool)-[0-9a-z]{1,63}$/;

/**
 * The WorkSpaces console page for an image or a pool, or undefined when it cannot be built safely.
 * The console's v2 app routes by fragment (`/workspaces/v2/home?region=R#/...`).
 */
export function consoleUrl(kind: TargetKind, region: string, id: string): string | undefined {
  if (!REGION.test(region) || !RESOURCE_ID.test(id)) return undefined;
  const section = kind === 'image' ? 'images' : 'pools';
  return `https://${region}.console.aws.amazon.com/workspaces/v2/home?region=${region}#/${section}/${id}`;
}

function card(explained: ExplainedCode, message: string | undefined): CardView {
  return {
    code: explained.code,
    known: explained.known,
    title: explained.title,
    ...(message ? { message } : {}),
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
  ...(code ? { code: true } : {}),
});

function imageView(scope: Scope, image: WorkspaceImage, loadedAt: string): ErrorView {
  const id = image.ImageId ?? '';
  const state = image.State ?? 'UNKNOWN';
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
  const url = consoleUrl('image', scope.region, id);
  return {
    kind: 'image',
    scope,
    id,
    name: image.Name ?? id,
    state,
    stateTone: stateTone(state),
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
    ...(updates ? { updates } : {}),
    ...(error ? { error } : {}),
    cards: (image.ErrorDetails ?? []).map((d) => card(explainImageErrorDetail(d.ErrorCode), d.ErrorMessage)),
    ...(url ? { consoleUrl: url } : {}),
    loadedAt,
  };
}

function capacityText(pool: WorkspacesPool): string {
  const c = pool.CapacityStatus;
  if (!c) return '';
  const n = (v: number | undefined): string => (typeof v === 'number' ? String(v) : '?');
  return `available ${n(c.AvailableUserSessions)}, desired ${n(c.DesiredUserSessions)}, actual ${n(c.ActualUserSessions)}, active ${n(c.ActiveUserSessions)}`;
}

function poolView(scope: Scope, pool: WorkspacesPool, loadedAt: string): ErrorView {
  const id = pool.PoolId ?? '';
  const state = pool.State ?? 'UNKNOWN';
  const url = consoleUrl('pool', scope.region, id);
  return {
    kind: 'pool',
    scope,
    id,
    name: pool.PoolName ?? id,
    state,
    stateTone: stateTone(state),
    fields: [
      field('id', 'Pool ID', id, true),
      field('state', 'State', pool.State),
      field('runningMode', 'Running mode', pool.RunningMode),
      field('capacity', 'User sessions', capacityText(pool)),
      field('bundle', 'Bundle', pool.BundleId, true),
      field('directory', 'Directory', pool.DirectoryId, true),
      field('created', 'Created', formatDate(pool.CreatedAt)),
      field('region', 'Region', scope.region, true),
      field('arn', 'ARN', pool.PoolArn, true),
      field('description', 'Description', pool.Description),
    ],
    cards: (pool.Errors ?? []).map((e) => card(explainPoolError(e.ErrorCode), e.ErrorMessage)),
    ...(url ? { consoleUrl: url } : {}),
    loadedAt,
  };
}

/** The view of a target as loaded at `now`. */
export function buildErrorView(target: ErrorTarget, now: Date = new Date()): ErrorView {
  const loadedAt = now.toISOString();
  return target.kind === 'image'
    ? imageView(target.scope, target.image, loadedAt)
    : poolView(target.scope, target.pool, loadedAt);
}

/** The ticket-ready Markdown of a view. */
export function viewToMarkdown(view: ErrorView): string {
  return errorReportToMarkdown({
    kind: view.kind,
    name: view.name,
    fields: view.fields.map((f) => ({ label: f.label, value: f.value, ...(f.code ? { code: true } : {}) })),
    updates: view.updates,
    error: view.error,
    cards: view.cards,
    consoleUrl: view.consoleUrl,
    loadedAt: view.loadedAt,
  });
}

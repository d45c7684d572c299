// Turns an image or a pool (SDK shapes) into the ErrorView the page renders. Pure; no vscode.
import type { WorkspaceImage, WorkspacesPool } from '@aws-sdk/client-workspaces';
import { consoleUrl } from '../core/arn';
import { poolSessions } from '../core/present';
import { originLabel, type ExplainedCode } from '../core/errorCatalog';
import { explainImageErrorDetail } from '../core/imageErrors';
import { errorReportToMarkdown } from '../core/markdown';
import { explainPoolError } from '../core/poolErrors';
import { isImageMoving, isPoolMoving } from '../core/states';
import { formatUtc } from '../core/text';
import { isAllowedLink } from './links';
import type { CardView, ErrorView, FieldView, Scope, StateTone, TargetKind } from './protocol';
import type { ErrorTarget } from './target';

/** The tone of an image's or a pool's state badge. */
export function stateTone(state: string): StateTone {
  if (state === 'AVAILABLE' || state === 'RUNNING') return 'ok';
  if (state === 'ERROR') return 'error';
  if (isImageMoving(state) || isPoolMoving(state)) return 'pending';
  return 'neutral';
}

const formatDate = (value: unknown): string => formatUtc(value, 'minutes');

/**
 * The console page of an image or a pool (core/arn.ts builds every console address), offered only
 * where the page's link allow-list lets it open: commercial partition hosts (*.aws.amazon.com).
 */
function linkableConsoleUrl(kind: TargetKind, region: string, id: string): string | undefined {
  const url = consoleUrl(kind, region, id);
  return url && isAllowedLink(url) ? url : undefined;
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
    ...(body.updates ? { updates: body.updates } : {}),
    ...(body.error ? { error: body.error } : {}),
    cards: body.cards,
    ...(url ? { consoleUrl: url } : {}),
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

function poolView(scope: Scope, pool: WorkspacesPool, directoryName: string | undefined, loadedAt: string): ErrorView {
  const id = pool.PoolId ?? '';
  const directory = directoryName ? `${directoryName} (${pool.DirectoryId ?? ''})` : pool.DirectoryId;
  return view('pool', scope, id, pool.PoolName, pool.State, loadedAt, {
    fields: [
      field('id', 'Pool ID', id, true),
      field('state', 'State', pool.State),
      field('runningMode', 'Running mode', pool.RunningMode),
      field('capacity', 'User sessions', poolSessions(pool, 'long')),
      field('bundle', 'Bundle', pool.BundleId, true),
      field('directory', 'Directory', directory, true),
      field('created', 'Created', formatDate(pool.CreatedAt)),
      field('region', 'Region', scope.region, true),
      field('arn', 'ARN', pool.PoolArn, true),
      field('description', 'Description', pool.Description),
    ],
    cards: (pool.Errors ?? []).map((e) => card(explainPoolError(e.ErrorCode), e.ErrorMessage)),
  });
}

/** The view of a target as loaded at `now`. */
export function buildErrorView(target: ErrorTarget, now: Date = new Date()): ErrorView {
  const loadedAt = now.toISOString();
  return target.kind === 'image'
    ? imageView(target.scope, target.image, loadedAt)
    : poolView(target.scope, target.pool, target.directoryName, loadedAt);
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

// The typed message protocol between the extension (ErrorDetailsPanel) and the webview page
// (./page/main.ts). Imported by both sides, so it holds types and small pure helpers
// only: no vscode, no Node, no DOM.
import {
  bare,
  isObject,
  isString,
  messageParser,
  type HostMessage,
  type PageRendered,
  type ReadyMessage,
  type RenderedMessage,
} from '../host/protocol';
import type { Scope } from '../../core/types';

export const VIEW_TYPE = 'workspacesFleet.errorDetails';
/** The view type of the panel when it showed images only: panels VS Code saved under it are restored. */
export const FORMER_VIEW_TYPES: readonly string[] = ['workspacesFleet.imageErrors'];

export type TargetKind = 'image' | 'pool' | 'workspace' | 'directory';
export const TARGET_KINDS: readonly TargetKind[] = ['image', 'pool', 'workspace', 'directory'];
const isKind = (v: unknown): v is TargetKind => TARGET_KINDS.includes(v as TargetKind);
export type StateTone = 'ok' | 'error' | 'pending' | 'neutral';

export interface FieldView {
  /** Stable key, used as `data-field` in the page. */
  readonly key: string;
  readonly label: string;
  /** '' when the API gave no value (the page shows a dash). */
  readonly value: string;
  /** Identifiers render monospace. */
  readonly code?: boolean;
}

export interface CardView {
  /** The raw code from the API ('' when absent). */
  readonly code: string;
  /** False for a code the table does not know (generic explanation). */
  readonly known: boolean;
  readonly title: string;
  /** The ErrorMessage that came with this code, if any. */
  readonly message?: string;
  readonly meaning: string;
  readonly fix: readonly string[];
  readonly docUrl: string;
  readonly docTitle: string;
  /** "BYOL image import", "Custom image creation", ... */
  readonly origin: string;
}

/** Everything the page shows: computed by the extension (./model.ts), rendered as text. */
export interface ErrorView {
  readonly kind: TargetKind;
  readonly scope: Scope;
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly stateTone: StateTone;
  readonly fields: readonly FieldView[];
  /** Images only. */
  readonly updates?: { readonly available: boolean; readonly description?: string };
  /** The top-level ErrorCode/ErrorMessage of an image or a WorkSpace, the ErrorMessage of a directory. */
  readonly error?: { readonly code?: string; readonly message?: string };
  readonly cards: readonly CardView[];
  /** Undefined when the console URL cannot be built (unknown partition or region). */
  readonly consoleUrl?: string;
  /** ISO time the data was loaded. */
  readonly loadedAt: string;
}

/** What the page keeps with `vscode.setState` and what the panel serializer restores from. */
export interface PageState {
  readonly version: 1;
  readonly kind: TargetKind;
  readonly scope: Scope;
  readonly id: string;
  readonly name?: string;
  readonly view?: ErrorView;
}

/** Extension → page: the render, busy and notice messages of every page, nothing of its own. */
export type ExtensionMessage = HostMessage<ErrorView>;

/** What the page read back from its DOM after rendering (for the integration tests and logs). */
export interface RenderedErrorDetails extends PageRendered {
  readonly id: string;
  readonly kind: TargetKind;
  readonly state: string;
  /** Number of `.error-card` elements. */
  readonly cards: number;
  /** `data-code` of each card, in order. */
  readonly codes: readonly string[];
  /** textContent of #error-message ('' when absent). */
  readonly errorMessage: string;
}

/** Page → extension. */
export type PageMessage =
  | ReadyMessage
  | { readonly type: 'refresh' }
  | { readonly type: 'copyMarkdown' }
  | { readonly type: 'openConsole' }
  | { readonly type: 'openLink'; readonly url: string }
  | RenderedMessage<RenderedErrorDetails>;

/** Validates a message from the page (the page is ours, but its messages are still input). */
export const parsePageMessage = messageParser<PageMessage>({
  ready: bare('ready'),
  refresh: bare('refresh'),
  copyMarkdown: bare('copyMarkdown'),
  openConsole: bare('openConsole'),
  openLink: ({ url }) => (isString(url) ? { type: 'openLink', url } : undefined),
  rendered: ({ id, kind, state, cards, codes, errorMessage, foreignElements }) => {
    if (!isString(id) || !isKind(kind) || !isString(state)) return undefined;
    if (typeof cards !== 'number' || typeof foreignElements !== 'number' || !isString(errorMessage)) return undefined;
    if (!Array.isArray(codes) || !codes.every(isString)) return undefined;
    return { type: 'rendered', id, kind, state, cards, codes, errorMessage, foreignElements };
  },
});

/** Validates a state restored by the serializer; undefined when it is not one of ours. */
export function parsePageState(raw: unknown): PageState | undefined {
  if (!isObject(raw) || raw.version !== 1) return undefined;
  const { kind, scope, id, name, view } = raw;
  if (!isKind(kind)) return undefined;
  if (!isString(id) || id.length === 0) return undefined;
  if (!isObject(scope) || !isString(scope.profile) || !isString(scope.region)) return undefined;
  const state: PageState = {
    version: 1,
    kind,
    scope: { profile: scope.profile, region: scope.region },
    id,
    ...(isString(name) ? { name } : {}),
    // The cached view is only drawn by the page as text until fresh data arrives.
    ...(isObject(view) && view.id === id && view.kind === kind ? { view: view as unknown as ErrorView } : {}),
  };
  return state;
}

/** One panel per target: kind, profile, region and id. */
export function targetKeyOf(kind: TargetKind, scope: Scope, id: string): string {
  return JSON.stringify([kind, scope.profile, scope.region, id]);
}

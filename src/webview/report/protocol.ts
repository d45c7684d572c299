// The typed message protocol between the extension (ReportPanel) and the fleet report page
// (./page/main.ts). Imported by both sides: types and small pure helpers only (no vscode, no Node,
// no DOM).
import {
  bare,
  isCount,
  isObject,
  isRequestId,
  isString,
  messageParser,
  type HostMessage,
  type PageRendered,
  type ReadyMessage,
  type RenderedMessage,
  type Reply,
} from '../host/protocol';

export const REPORT_VIEW_TYPE = 'workspacesFleet.costReport';

export interface ReportScope {
  /** "sandbox-prod · us-east-1" */
  readonly label: string;
  readonly workspaces: number;
  readonly usage: 'idle' | 'loading' | 'loaded' | 'error';
  /** Why the usage could not be read (one line), when it could not. */
  readonly error?: string;
}

export interface CountItem {
  readonly label: string;
  readonly count: number;
}

export interface StateSeries {
  /** A WorkSpace state as the tree says it, e.g. "Available". */
  readonly state: string;
  /** One count per scope, in `ReportView.scopes` order. */
  readonly counts: readonly number[];
}

export interface ComputeUsage {
  /** Compute type name (STANDARD, ...). */
  readonly type: string;
  /** Its threshold in hours per month, when the settings have one. */
  readonly threshold?: number;
  /** Estimated billable (AutoStop) hours this month of each WorkSpace of this type, by running mode. */
  readonly autoStop: readonly number[];
  readonly alwaysOn: readonly number[];
}

export interface AdviceSummary {
  readonly kind: string;
  readonly title: string;
  readonly count: number;
  /** Estimated hours that move between hourly and monthly billing. */
  readonly hours: number;
}

export interface RecommendationRow {
  readonly scope: string;
  readonly workspaceId: string;
  readonly user: string;
  readonly computeType: string;
  readonly kind: string;
  readonly text: string;
}

/** Everything the page shows, computed by the extension (./model.ts) and drawn as text and charts. */
export interface ReportView {
  readonly title: string;
  /** ISO time the report was built. */
  readonly generatedAt: string;
  /** "October 2026", "November 2026 (to date)". */
  readonly lastMonth: string;
  readonly thisMonth: string;
  readonly note: string;
  readonly scopes: readonly ReportScope[];
  readonly totals: {
    readonly workspaces: number;
    /** WorkSpaces whose usage was read. */
    readonly read: number;
    readonly toSwitch: number;
    readonly unused: number;
    readonly hoursMoved: number;
  };
  readonly states: readonly StateSeries[];
  readonly modes: readonly CountItem[];
  readonly idle: readonly CountItem[];
  readonly compute: readonly ComputeUsage[];
  readonly advice: readonly AdviceSummary[];
  /** The WorkSpaces to change or terminate (at most `MAX_ROWS`; `recommendationCount` has them all). */
  readonly recommendations: readonly RecommendationRow[];
  readonly recommendationCount: number;
}

export const MAX_ROWS = 300;

/** What the page read back from its DOM after drawing (integration tests and the log). */
export interface RenderedFleetReport extends PageRendered {
  readonly title: string;
  /** Charts drawn (canvases with a chart). */
  readonly charts: number;
  /** Rows of the recommendations table. */
  readonly rows: number;
  /** The theme the charts were drawn in: 'vscode-dark', 'vscode-light', ... */
  readonly theme: string;
}

/** Extension → page. */
export type ReportMessage =
  | HostMessage<ReportView>
  /** Draws the PNG and answers with `png` of the same requestId (Save as PNG driven by the extension). */
  | ({ readonly type: 'exportPng' } & Reply);

/** Page → extension. */
export type ReportPageMessage =
  | ReadyMessage
  | { readonly type: 'refresh' }
  | { readonly type: 'copyMarkdown' }
  | { readonly type: 'savePng' }
  /** The PNG of the charts as a data: URL: the answer to the exportPng of its requestId. */
  | ({ readonly type: 'png'; readonly dataUrl: string } & Reply)
  | RenderedMessage<RenderedFleetReport>;

/** The largest PNG the page may send (base64 of ~15 MB). */
export const MAX_PNG_URL = 20_000_000;
export const PNG_PREFIX = 'data:image/png;base64,';

/** Validates a message from the page (ours, but still input). */
export const parseReportPageMessage = messageParser<ReportPageMessage>({
  ready: bare('ready'),
  refresh: bare('refresh'),
  copyMarkdown: bare('copyMarkdown'),
  savePng: bare('savePng'),
  png: ({ requestId, dataUrl: url }) => {
    if (!isRequestId(requestId)) return undefined;
    if (!isString(url) || url.length > MAX_PNG_URL || !url.startsWith(PNG_PREFIX)) return undefined;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(url.slice(PNG_PREFIX.length))) return undefined;
    return { type: 'png', requestId, dataUrl: url };
  },
  rendered: ({ title, charts, rows, theme, foreignElements }) => {
    if (!isString(title) || !isString(theme)) return undefined;
    if (!isCount(charts) || !isCount(rows) || !isCount(foreignElements)) return undefined;
    return { type: 'rendered', title, charts, rows, theme, foreignElements };
  },
});

/** What the page keeps with setState: the last view (drawn at once when shown again). */
export interface ReportPageState {
  readonly version: 1;
  readonly view?: ReportView;
}

export function parseReportPageState(raw: unknown): ReportPageState | undefined {
  if (!isObject(raw) || raw.version !== 1) return undefined;
  const view = isObject(raw.view) && isString(raw.view.title) ? (raw.view as unknown as ReportView) : undefined;
  return { version: 1, view };
}

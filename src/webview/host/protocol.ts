// What every webview page and its panel say to each other, beside what each panel adds: the
// handshake (`ready`), the render report (`rendered`), the view, the busy flag and the notices, and
// request/reply by id. Imported by both sides (the host, ./host.ts, and the page bridge,
// ./page/bridge.ts): types and small pure helpers only (no vscode, no Node, no DOM).

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
export const isString = (v: unknown): v is string => typeof v === 'string';
/** A whole number ≥ 0. */
export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A message: a `type` and its fields. */
export interface Message {
  readonly type: string;
}

/** The page loaded (first time, shown again, window reloaded) and asks for what to show. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** What every page reports after drawing, beside what it counts of its own. */
export interface PageRendered {
  /** Elements that must never come from data: img, script, iframe, object, embed, link, style. */
  readonly foreignElements: number;
}

/** What the page read back from its DOM after drawing (integration tests and the log). */
export type RenderedMessage<R extends PageRendered> = { readonly type: 'rendered' } & R;

/** The page's answer to the host's request `requestId` (see WebviewHost's request). */
export interface Reply {
  readonly requestId: number;
}

/** Extension → page, for every page: the view to draw, whether the panel is working, a notice. */
export type HostMessage<View> =
  | { readonly type: 'render'; readonly view: View }
  | { readonly type: 'busy'; readonly busy: boolean }
  | { readonly type: 'notice'; readonly level: 'info' | 'error'; readonly text: string };

/** What a page reported it rendered: its `rendered` message without the type. */
export type RenderedOf<In extends Message> = Omit<Extract<In, { type: 'rendered' }>, 'type'>;

/**
 * One validator per message type: each gets the raw object (its `type` already checked) and gives
 * the message, or undefined when a field is wrong. Having to name every type of `M` means a new
 * message cannot go unvalidated.
 */
export type MessageValidators<M extends Message> = {
  readonly [K in M['type']]: (raw: Record<string, unknown>) => Extract<M, { type: K }> | undefined;
};

/** The validator of a message that has no field but its type. */
export const bare =
  <K extends string>(type: K) =>
  (): { readonly type: K } => ({ type });

/** A request id: a whole number the host handed out (see ./requests.ts). */
export const isRequestId = (v: unknown): v is number => isCount(v) && v > 0;

/**
 * The parser of a page's messages (the page is ours, but its messages are still input): undefined
 * for anything that is not an object with a known `type` whose fields pass its validator.
 */
export function messageParser<M extends Message>(validators: MessageValidators<M>): (raw: unknown) => M | undefined {
  const table = validators as unknown as Readonly<Record<string, (raw: Record<string, unknown>) => M | undefined>>;
  return (raw) => {
    if (!isObject(raw) || !isString(raw.type) || !Object.hasOwn(table, raw.type)) return undefined;
    return table[raw.type]?.(raw);
  };
}

// Text from the API (names, tags, error messages) shown in places that interpret some syntax, and
// the one way dates are written.

/**
 * VS Code turns `[label](https:…|command:…|file:…)` in a notification message into a clickable
 * link (its `parseLinkedText`), and a `command:` link runs the command with its arguments. An API
 * string in a message must never become one: a zero-width space between `]` and `(` keeps the
 * text readable and breaks the link syntax. The extension's own messages contain no links.
 */
export function inertLinks(text: string): string {
  return text.replace(/\]\(/g, ']\u200b(');
}

// VS Code's icon syntax (`$(name)`, `$(name~spin)`; its iconNameExpression and
// iconModifierExpression): the `$(` of each occurrence.
const ICON_START = /\$\((?=[A-Za-z0-9-]+(?:~[A-Za-z]+)?\))/g;

/**
 * VS Code draws `$(name)` in a QuickPickItem's label, description and detail and in status bar text
 * as an icon (a user name `$(alert) Urgent` would show a warning sign), and draws `\$(name)` as the
 * literal text (its renderLabelWithIcons; VS Code's own escapeIcons does the same). Every `$(` of
 * icon syntax in an API or config string gets that backslash, so the text shows as it is (an API
 * string `\$(x)` becomes `\\$(x)`, drawn `\$(x)`). The extension's own icons are added around it.
 */
export function inertIcons(text: string): string {
  return text.replace(ICON_START, '\\$(');
}

/** A QuickPickItem built from API strings, with `inertIcons` on its label, description and detail. */
export function inertPickItem<T extends { label: string; description?: string; detail?: string }>(item: T): T {
  const out = { ...item, label: inertIcons(item.label) };
  if (item.description !== undefined) out.description = inertIcons(item.description);
  if (item.detail !== undefined) out.detail = inertIcons(item.detail);
  return out;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A string that is not well-formed UTF-16 (a lone surrogate, which JSON can carry as `\ud800`):
 * `encodeURIComponent` throws a URIError on it and no encoding can write it.
 */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/**
 * `2024-05-01 09:30:15 UTC` (or `2024-05-01 09:30 UTC` to the minute); '' for a missing or invalid
 * date. Accepts a Date, an ISO string or epoch milliseconds.
 */
export function formatUtc(value: unknown, precision: 'seconds' | 'minutes' = 'seconds'): string {
  let d: Date | undefined;
  if (value instanceof Date) d = value;
  else if (typeof value === 'string' || typeof value === 'number') d = new Date(value);
  if (!d || Number.isNaN(d.getTime())) return '';
  return `${d
    .toISOString()
    .slice(0, precision === 'seconds' ? 19 : 16)
    .replace('T', ' ')} UTC`;
}

/** Line breaks (and the spaces around them) folded into one space. */
export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * A moment in the local time of the person looking at it, short: "14:02" today, "3 Jun 14:02"
 * another day (the "as of" of cached data). Epoch milliseconds.
 */
export function clockTime(ms: number, now: Date): string {
  const d = new Date(ms);
  const hm = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  const sameDay =
    d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return sameDay ? hm : `${d.getDate()} ${MONTHS[d.getMonth()]} ${hm}`;
}

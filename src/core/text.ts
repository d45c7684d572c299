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

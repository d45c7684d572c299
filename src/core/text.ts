// Text from the API (names, tags, error messages) shown in places that interpret some syntax.

/**
 * VS Code turns `[label](https:…|command:…|file:…)` in a notification message into a clickable
 * link (its `parseLinkedText`), and a `command:` link runs the command with its arguments. An API
 * string in a message must never become one: a zero-width space between `]` and `(` keeps the
 * text readable and breaks the link syntax. The extension's own messages contain no links.
 */
export function inertLinks(text: string): string {
  return text.replace(/\]\(/g, ']\u200b(');
}

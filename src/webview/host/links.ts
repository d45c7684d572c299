// Which URLs the webview may ask the extension to open. The page never navigates by itself: it
// posts `{ type: 'openLink', url }` and the extension opens the URL with `vscode.env.openExternal`
// only when it passes this check. Pure; no vscode.

const ALLOWED_SUFFIX = '.aws.amazon.com';
const ALLOWED_APEX = 'aws.amazon.com';

/** True for `https://` URLs on aws.amazon.com or a subdomain of it, without credentials or port. */
export function isAllowedLink(raw: unknown): boolean {
  if (typeof raw !== 'string' || raw.length > 2048) return false;
  // Anything the URL parser would silently strip or rewrite is refused up front.
  if (/[\s\u0000-\u001F\u007F\\]/.test(raw)) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '' || url.port !== '') return false;
  const host = url.hostname.toLowerCase();
  return host === ALLOWED_APEX || (host.endsWith(ALLOWED_SUFFIX) && host.length > ALLOWED_SUFFIX.length);
}

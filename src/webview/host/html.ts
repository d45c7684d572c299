// The webview's HTML shell. Pure (no vscode) so unit tests can check the CSP and the nonce.
import { randomBytes } from 'node:crypto';

export interface ShellOptions {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** A fresh nonce per load (createNonce()). */
  readonly nonce: string;
  /** `webview.asWebviewUri(dist/webview/<page>.js)` as a string. */
  readonly scriptUri: string;
  /** `webview.asWebviewUri(dist/webview/<page>.css)` as a string. */
  readonly styleUri: string;
  /** Document title (the image or pool name). */
  readonly title: string;
}

/** 128 random bits from the OS CSPRNG, base64 (a valid CSP nonce-source value). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The Content-Security-Policy: nothing by default, our stylesheet, fonts and images, our nonce'd
 * script. No remote images (the pages show none; the report's PNG is drawn from its own canvases
 * with drawImage and toDataURL, which no img-src governs), so no data from the API can make the
 * page fetch a URL.
 */
export function buildCsp(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Escapes a double-quoted attribute value (single quotes, as in CSP keywords, stay readable). */
function escapeAttr(value: string): string {
  return value.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** The page shell: an empty #app that the page's script fills with DOM nodes (never innerHTML). */
export function buildHtml(o: ShellOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(o.nonce)) throw new Error('invalid nonce');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(buildCsp(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(o.styleUri)}">
<title>${escapeHtml(o.title)}</title>
</head>
<body>
<main id="app" data-testid="app" aria-live="polite"></main>
<script nonce="${o.nonce}" src="${escapeAttr(o.scriptUri)}"></script>
</body>
</html>
`;
}

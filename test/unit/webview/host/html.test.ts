import * as assert from 'node:assert/strict';
import { buildCsp, buildHtml, createNonce, escapeHtml } from '../../../../src/webview/host/html';

const CSP_SOURCE = 'https://*.vscode-cdn.net';

function shell(nonce: string, title = 'golden-image'): string {
  return buildHtml({
    cspSource: CSP_SOURCE,
    nonce,
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.css',
    title,
  });
}

function cspOf(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'the shell has a CSP meta tag');
  return m[1].replace(/&amp;/g, '&');
}

describe('webview HTML shell', () => {
  it('builds the CSP from the webview source and the nonce only', () => {
    const nonce = createNonce();
    assert.equal(
      buildCsp(CSP_SOURCE, nonce),
      `default-src 'none'; style-src ${CSP_SOURCE}; font-src ${CSP_SOURCE}; img-src ${CSP_SOURCE}; script-src 'nonce-${nonce}'`,
    );
  });

  it('puts that CSP in the page, with the nonce, and nothing unsafe', () => {
    const nonce = createNonce();
    const html = shell(nonce);
    const csp = cspOf(html);
    assert.equal(csp, buildCsp(CSP_SOURCE, nonce));
    assert.ok(csp.includes(`'nonce-${nonce}'`));
    assert.ok(csp.startsWith(`default-src 'none'`));
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*;', 'data:']) {
      assert.ok(!csp.includes(bad), `CSP has no ${bad}`);
    }
    // Every source of every directive is the webview's own origin, 'none' or the nonce: no scheme
    // source (https:, http:, data:, blob:) that would let the page fetch from anywhere.
    for (const directive of csp.split(/;\s*/)) {
      const [name, ...sources] = directive.split(/\s+/);
      for (const src of sources) {
        assert.ok(
          src === CSP_SOURCE || src === "'none'" || src === `'nonce-${nonce}'`,
          `${name} allows only our own sources, not ${src}`,
        );
      }
    }
  });

  it('loads exactly one script, carrying the nonce, and no inline code or handlers', () => {
    const nonce = createNonce();
    const html = shell(nonce);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0].includes(`nonce="${nonce}"`));
    assert.ok(scripts[0].includes('src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/main.js"'));
    assert.match(html, /<script\b[^>]*><\/script>/, 'the script element is empty (no inline code)');
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler');
    assert.doesNotMatch(html, /<style\b/i, 'no inline style element');
    assert.doesNotMatch(html, /\sstyle\s*=/i, 'no style attribute');
    assert.match(html, /<main id="app" data-testid="app"/);
  });

  it('uses a different nonce for every load', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const nonce = createNonce();
      assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/, '128 bits, base64');
      seen.add(nonce);
    }
    assert.equal(seen.size, 200);
    const a = shell(createNonce());
    const b = shell(createNonce());
    assert.notEqual(cspOf(a), cspOf(b));
  });

  it('escapes the title', () => {
    const html = shell(createNonce(), '<img src=x onerror=alert(1)></title><script>alert(2)</script>');
    assert.ok(
      html.includes(
        '<title>&lt;img src=x onerror=alert(1)&gt;&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;</title>',
      ),
    );
    assert.equal((html.match(/<script\b/g) ?? []).length, 1);
  });

  it('refuses a nonce that could break out of the attribute or the policy', () => {
    for (const bad of ['', 'short', `${'a'.repeat(20)}" onload="x`, `${'a'.repeat(20)}'; script-src *`]) {
      assert.throws(() => shell(bad), /invalid nonce/);
    }
  });

  it('escapes HTML text', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

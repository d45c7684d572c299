import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { marked } from 'marked';
import {
  codeSpan,
  errorReportToMarkdown,
  escapeInline,
  quoteBlock,
  type MarkdownErrorReport,
} from '../../../src/core/markdown';

// A real CommonMark/GFM renderer (the kind a ticket system uses) decides whether the export is inert.
const render = (md: string): string => marked.parse(md, { async: false, gfm: true });

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '![x](https://evil)',
  '<script>alert(1)</script>',
  '[x]: javascript:alert(1)\n\n[x]',
  '<a href="javascript:alert(1)">x</a>',
  '**bold** _em_ `code` ~~del~~ | a | b |',
  '# heading\n- list\n> quote\n1. one\n===\n```\nfence',
  '&lt;img src=x onerror=alert(1)&gt;',
  '<javascript:alert(1)>',
  '\\<img src=x onerror=alert(1)\\>',
];

/** Tags other than the allowed structure, links to anything but http(s)/mailto. */
function unsafeTags(html: string, allowed: readonly string[]): string[] {
  const bad: string[] = [];
  for (const m of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    const tag = m[1].toLowerCase();
    if (tag === 'a') {
      const href = /href="([^"]*)"/.exec(m[2])?.[1] ?? '';
      if (m[0].startsWith('</') || /^(https?:\/\/|mailto:)/.test(href)) continue;
      bad.push(m[0]);
    } else if (!allowed.includes(tag)) {
      bad.push(m[0]);
    }
  }
  return bad;
}

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
const textOf = (html: string): string => decode(html.replace(/<[^>]*>/g, ''));
const squash = (s: string): string => s.replace(/\s+/g, '');
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u2028\u2029]/g;

function report(over: Partial<MarkdownErrorReport> = {}): MarkdownErrorReport {
  return {
    kind: 'image',
    name: 'golden-win11',
    fields: [
      { label: 'Image ID', value: 'wsi-abc123def', code: true },
      { label: 'State', value: 'ERROR' },
      { label: 'Description', value: '' },
    ],
    updates: { available: true, description: 'Agent update' },
    error: { code: 'ImageCreationFailed', message: 'The image failed validation.' },
    cards: [
      {
        code: 'OfficeInstalled',
        known: true,
        title: 'Microsoft Office is installed',
        message: 'Office 2019 detected',
        meaning: 'Standalone Office is not supported.',
        fix: ['Uninstall it.', 'Import again.'],
        docUrl:
          'https://docs.aws.amazon.com/workspaces/latest/adminguide/windows-images-common-errors.html#OfficeInstalled',
        docTitle: 'BYOL import: common error messages and their solutions',
      },
    ],
    consoleUrl: 'https://us-east-1.console.aws.amazon.com/workspaces/v2/home?region=us-east-1#/images/wsi-abc123def',
    loadedAt: '2025-01-02T03:04:05.000Z',
    ...over,
  };
}

describe('Markdown export', () => {
  it('writes a ticket-ready document', () => {
    const md = errorReportToMarkdown(report());
    assert.match(md, /^## WorkSpaces image: golden\\-win11|^## WorkSpaces image: golden-win11/m);
    assert.match(md, /\| Image ID \| wsi-abc123def \|/);
    assert.match(md, /\| Description \| — \|/);
    assert.match(md, /\| Updates \| available — Agent update \|/);
    assert.match(md, /\*\*Code:\*\* `ImageCreationFailed`/);
    assert.match(md, /#### 1\. Microsoft Office is installed `OfficeInstalled`/);
    assert.match(md, /^1\. Uninstall it\\\.|^1\. Uninstall it\./m);
    assert.match(
      md,
      /Documentation: \[BYOL import: common error messages and their solutions\]\(https:\/\/docs\.aws\.amazon\.com\/[^)]+#OfficeInstalled\)/,
    );
    const html = render(md);
    assert.match(html, /<table>/);
    assert.match(
      html,
      /<a href="https:\/\/docs\.aws\.amazon\.com\/workspaces\/latest\/adminguide\/windows-images-common-errors\.html#OfficeInstalled">/,
    );
    assert.match(html, /<a href="https:\/\/us-east-1\.console\.aws\.amazon\.com\//);
    assert.match(html, /<blockquote>\s*<p>Office 2019 detected<\/p>/);
  });

  it('says so when there is no error', () => {
    const md = errorReportToMarkdown(report({ error: undefined, cards: [], updates: { available: false } }));
    assert.match(md, /No errors reported\./);
    assert.match(md, /\| Updates \| none available \|/);
  });

  it('keeps hostile API strings inert everywhere they appear', () => {
    for (const evil of HOSTILE) {
      const md = errorReportToMarkdown(
        report({
          name: evil,
          fields: [
            { label: 'Image ID', value: evil, code: true },
            { label: 'Description', value: evil },
          ],
          updates: { available: true, description: evil },
          error: { code: evil, message: evil },
          cards: [{ ...report().cards[0], code: evil, message: evil, title: evil }],
        }),
      );
      const html = render(md);
      assert.deepEqual(
        unsafeTags(html, [
          'h2',
          'h3',
          'h4',
          'p',
          'table',
          'thead',
          'tbody',
          'tr',
          'th',
          'td',
          'strong',
          'em',
          'code',
          'blockquote',
          'ol',
          'li',
          'hr',
          'br',
          'pre',
        ]),
        [],
        `inert: ${evil}`,
      );
      assert.doesNotMatch(html, /<img|<script|javascript:alert\(1\)"/i, evil);
      assert.doesNotMatch(html, /href="javascript:/i);
      assert.doesNotMatch(html, /src="https:\/\/evil/);
    }
  });

  it('shows the hostile strings as the same characters', () => {
    for (const evil of ['<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '![x](https://evil)']) {
      const html = render(`**Message:** ${escapeInline(evil)}`);
      assert.equal(textOf(html).trim(), `Message: ${evil}`);
      const quoted = render(quoteBlock(evil));
      assert.equal(textOf(quoted).trim(), evil);
      const code = render(`x ${codeSpan(evil)}`);
      assert.equal(textOf(code).trim(), `x ${evil}`);
    }
  });

  it('renders any inline string as plain text in one paragraph (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        const html = render(`**L:** ${escapeInline(s)} .`);
        assert.deepEqual(unsafeTags(html, ['p', 'strong']), [], JSON.stringify(s));
        assert.equal(squash(textOf(html)), squash(`L:${s.replace(CONTROL, ' ')}.`), JSON.stringify(s));
      }),
      { numRuns: 400 },
    );
  });

  it('renders any string as the text of one table cell (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 60 }), (s) => {
        const html = render(`| Field | Value |\n| --- | --- |\n| L | ${escapeInline(s)} |\n`);
        assert.deepEqual(unsafeTags(html, ['table', 'thead', 'tbody', 'tr', 'th', 'td']), [], JSON.stringify(s));
        const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
        assert.equal(cells.length, 2, JSON.stringify(s));
        assert.equal(squash(textOf(cells[1])), squash(s.replace(CONTROL, ' ')), JSON.stringify(s));
      }),
      { numRuns: 400 },
    );
  });

  it('renders any multi-line string as a quote of the same text (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), { maxLength: 5 }), (lines) => {
        const s = lines.join('\n');
        const html = render(`x\n\n${quoteBlock(s)}\n`);
        assert.deepEqual(unsafeTags(html, ['p', 'blockquote', 'pre', 'code', 'br']), [], JSON.stringify(s));
        assert.equal(squash(textOf(html)), squash(`x${s.replace(CONTROL, ' ')}`), JSON.stringify(s));
      }),
      { numRuns: 400 },
    );
  });

  it('renders any string in a code span literally (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }), (s) => {
        fc.pre(s.trim().length > 0);
        const html = render(`x ${codeSpan(s)}`);
        assert.deepEqual(unsafeTags(html, ['p', 'code']), [], JSON.stringify(s));
        const code = /<code>([\s\S]*)<\/code>/.exec(html)?.[1];
        assert.equal(code === undefined ? undefined : decode(code), s.replace(/\n/g, ' '), JSON.stringify(s));
      }),
      { numRuns: 400 },
    );
  });

  it('turns no URL, www. name or e-mail address of an API string into a link (GFM autolinks)', () => {
    for (const evil of [
      'www.evil.example',
      'Visit WWW.evil.example/login now',
      'see http://evil.example/x',
      'https://evil.example',
      'write to help@evil.example',
      'mailto:help@evil.example',
      '(www.evil.example)',
      '*www.evil.example*',
    ]) {
      const md = errorReportToMarkdown(
        report({
          name: evil,
          fields: [{ label: 'Description', value: evil }],
          updates: { available: true, description: evil },
          error: { code: evil, message: `${evil}\n${evil}` },
          cards: [{ ...report().cards[0], message: evil, title: evil, meaning: evil, fix: [evil] }],
          consoleUrl: undefined,
        }),
      );
      const html = render(md);
      const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
      assert.deepEqual(
        links.filter((href) => !href.startsWith('https://docs.aws.amazon.com/')),
        [],
        JSON.stringify(evil),
      );
      assert.equal(textOf(render(escapeInline(evil))).trim(), evil, 'shown as the same characters');
      assert.equal(textOf(render(quoteBlock(evil))).trim(), evil, 'quoted as the same characters');
    }
  });

  it("links only the extension's own AWS URLs", () => {
    const md = errorReportToMarkdown(
      report({
        consoleUrl: 'javascript:alert(1)',
        cards: [{ ...report().cards[0], docUrl: 'https://evil.example/(x)', docTitle: '[t](javascript:alert(1))' }],
      }),
    );
    const html = render(md);
    assert.doesNotMatch(html, /href="javascript:/);
    assert.doesNotMatch(html, /href="https:\/\/evil/);
    assert.match(html, /<code>https:\/\/evil\.example\/\(x\)<\/code>/);
  });
});

// Markdown export of the errors of an image, a pool, a WorkSpace or a directory, to paste into a
// ticket. Pure; no vscode.
//
// Every string that came from the API (names, descriptions, messages, codes) is made inert before
// it is written: inline text has its Markdown-significant characters backslash-escaped (CommonMark
// lets a backslash escape any ASCII punctuation, and `\<` is never the start of an HTML tag), line
// breaks are folded so a value cannot start a block of its own, and identifiers and codes go into
// code spans whose fence is longer than any backtick run inside. Only the extension's own
// documentation/console URLs (https on *.aws.amazon.com) ever become links.

export interface MarkdownField {
  readonly label: string;
  readonly value: string;
  /** Identifiers (ids, codes, account numbers); kept for callers, rendered as escaped text in the table. */
  readonly code?: boolean;
}

export interface MarkdownCard {
  readonly code: string;
  readonly known: boolean;
  readonly title: string;
  readonly message?: string | undefined;
  readonly meaning: string;
  readonly fix: readonly string[];
  readonly docUrl: string;
  readonly docTitle: string;
}

export interface MarkdownErrorReport {
  readonly kind: 'image' | 'pool' | 'workspace' | 'directory';
  readonly name: string;
  readonly fields: readonly MarkdownField[];
  readonly updates?: { readonly available: boolean; readonly description?: string | undefined } | undefined;
  readonly error?: { readonly code?: string | undefined; readonly message?: string | undefined } | undefined;
  readonly cards: readonly MarkdownCard[];
  readonly consoleUrl?: string | undefined;
  /** ISO time the data was loaded. */
  readonly loadedAt?: string | undefined;
}

// Characters that start or end inline Markdown/HTML constructs anywhere in a line: emphasis,
// code, links/images, raw HTML and entities, tables, strikethrough, and the escape itself.
const INLINE_SIGNIFICANT = /[\\`*_{}[\]()<>#!|~&]/g;
// Control characters (tab kept) and the Unicode line/paragraph separators.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u2028\u2029]/g;
// Constructs that only mean something at the start of a line (headings, quotes, lists, rules,
// setext underlines, fenced code): escaped there.
const LINE_START = /^(\s*)([-+=>]|\d{1,9}(?=[.)]))/;

/** One-line, inert rendering of an API string for inline use (a table cell, after a label). */
export function escapeInline(value: string): string {
  return escapeChars(value.replace(/\r\n|\r|\n/g, ' ').replace(CONTROL, ' '));
}

/**
 * Backslash-escapes the inline-significant characters, and what starts a GFM extended autolink in
 * plain text: `:` before `//` (`http://…`), the dot of `www.` and `@` (e-mail addresses). A
 * renderer shows each escaped character as itself; none becomes a link.
 */
function escapeChars(text: string): string {
  return text
    .replace(INLINE_SIGNIFICANT, (c) => `\\${c}`)
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@');
}

/** Multi-line API text as a block quote, each line escaped (inline characters and line starts). */
export function quoteBlock(value: string): string {
  const lines = value.replace(CONTROL, ' ').split(/\r\n|\r|\n/);
  return lines
    .map((line) => {
      const escaped = escapeChars(line);
      const safe = escaped.replace(LINE_START, (_m, space: string, lead: string) =>
        /^\d/.test(lead) ? `${space}${lead}\\` : `${space}\\${lead}`,
      );
      return safe.length > 0 ? `> ${safe}` : '>';
    })
    .join('\n');
}

/** A code span that holds any text literally (fence longer than the longest backtick run). */
export function codeSpan(value: string): string {
  const text = value.replace(/\r\n|\r|\n/g, ' ').replace(CONTROL, ' ');
  if (text.length === 0) return '';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad =
    text.trim().length > 0 &&
    (text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')))
      ? ' '
      : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

const SAFE_LINK = /^https:\/\/([a-z0-9-]+\.)*aws\.amazon\.com(\/[A-Za-z0-9\-._~/?#=&%+:;,@!$*']*)?$/;

/** A Markdown link when the URL is one of the extension's own AWS URLs; else the URL as code. */
function link(title: string, url: string): string {
  if (SAFE_LINK.test(url) && !/[()<>\s]/.test(url)) return `[${escapeInline(title)}](${url})`;
  return `${escapeInline(title)}: ${codeSpan(url)}`;
}

// Table cells get escaped text, never code spans: GFM splits cells at pipes before it sees spans.
function fieldValue(f: MarkdownField): string {
  return f.value === '' ? '—' : escapeInline(f.value);
}

const KIND_LABEL: Readonly<Record<MarkdownErrorReport['kind'], string>> = {
  image: 'WorkSpaces image',
  pool: 'WorkSpaces pool',
  workspace: 'WorkSpace',
  directory: 'WorkSpaces directory',
};

/** The ticket-ready Markdown document for the errors of an image, a pool, a WorkSpace or a directory. */
export function errorReportToMarkdown(report: MarkdownErrorReport): string {
  const what = KIND_LABEL[report.kind];
  const out: string[] = [];
  out.push(`## ${what}: ${escapeInline(report.name || '(unnamed)')}`, '');
  out.push('| Field | Value |', '| --- | --- |');
  for (const f of report.fields) out.push(`| ${escapeInline(f.label)} | ${fieldValue(f)} |`);
  if (report.updates) {
    const u = report.updates;
    const text = u.available
      ? `available${u.description ? ` — ${escapeInline(u.description)}` : ''}`
      : 'none available';
    out.push(`| Updates | ${text} |`);
  }
  out.push('');

  if (report.error && (report.error.code || report.error.message)) {
    out.push('### Error', '');
    if (report.error.code) out.push(`**Code:** ${codeSpan(report.error.code)}`, '');
    if (report.error.message) out.push('**Message:**', '', quoteBlock(report.error.message), '');
  }

  if (report.cards.length > 0) {
    out.push(`### Error details (${report.cards.length})`, '');
    report.cards.forEach((card, i) => {
      const code = card.code ? ` ${codeSpan(card.code)}` : '';
      out.push(`#### ${i + 1}. ${escapeInline(card.title)}${code}`, '');
      if (card.message) out.push('Message from WorkSpaces:', '', quoteBlock(card.message), '');
      out.push(`**What it means:** ${escapeInline(card.meaning)}`, '');
      out.push('**How to fix:**', '');
      card.fix.forEach((step, n) => out.push(`${n + 1}. ${escapeInline(step)}`));
      out.push('', `Documentation: ${link(card.docTitle, card.docUrl)}`, '');
    });
  } else if (!report.error?.code && !report.error?.message) {
    out.push('No errors reported.', '');
  }

  if (report.consoleUrl) out.push(`Console: ${link('Open in the AWS console', report.consoleUrl)}`, '');
  out.push(
    `_Exported from WorkSpaces Fleet${report.loadedAt ? ` (data loaded ${escapeInline(report.loadedAt)})` : ''}._`,
  );
  return `${out.join('\n')}\n`;
}

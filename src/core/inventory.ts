// The WorkSpaces inventory export: one row per WorkSpace with the columns admins report on (the
// EUC toolkit's and AWS's reporting scripts' columns), one column per tag key, as CSV (RFC 4180,
// written by papaparse) or JSON. Pure; no vscode.
//
// Every cell that came from the API is untrusted: a CSV cell a spreadsheet would run as a formula
// (FORMULA_LEAD below) is neutralised with a leading apostrophe (the OWASP "CSV injection" advice,
// through papaparse's escapeFormulae), and quoted. Numbers the extension computes (sizes, hours,
// days) stay numbers.
import Papa from 'papaparse';
import type { Tag } from '@aws-sdk/client-workspaces';
import { autoStopHours, idleDays, type WorkspaceView } from './present';

/** The WorkSpaces of one scope to export, and what the fleet knows around them. */
export interface InventorySource {
  profile: string;
  /** The account the profile's calls reach, when known. */
  account?: string | undefined;
  region: string;
  rows: readonly WorkspaceView[];
  directoryName(directoryId: string | undefined): string | undefined;
  bundleName(bundleId: string | undefined): string | undefined;
  /** When the scope's WorkSpaces were last read from AWS (ms), when known. */
  readAt?: number | undefined;
}

export type Cell = string | number | boolean | null;

export interface InventoryTable {
  /** Column headers, fixed columns first, then `tag:<key>` columns sorted by key. */
  columns: string[];
  rows: Cell[][];
  /** The tag keys (in column order); tags of rows whose tags were not loaded are empty cells. */
  tagKeys: string[];
  /** Rows whose tags were not loaded (their tag cells are empty, not "no tag"). */
  withoutTags: number;
  /** Per row: were its tags loaded (JSON writes null for the others). */
  tagsLoaded: boolean[];
}

/** The fixed columns, in order. */
export const INVENTORY_COLUMNS = [
  'Profile',
  'Account',
  'Region',
  'Directory',
  'Directory ID',
  'WorkSpace ID',
  'User',
  'Computer name',
  'IP address',
  'State',
  'Running mode',
  'AutoStop hours',
  'Bundle',
  'Bundle ID',
  'Compute type',
  'Root volume GiB',
  'User volume GiB',
  'Volume encryption',
  'Connection state',
  'Last connection (UTC)',
  'Days since last connection',
  'Read from AWS (UTC)',
] as const;

const TAG_PREFIX = 'tag:';

const iso = (ms: number | Date | undefined): string | null => {
  if (ms === undefined) return null;
  const d = ms instanceof Date ? ms : new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};

function encryption(ws: WorkspaceView): string {
  const parts = [ws.RootVolumeEncryptionEnabled ? 'root' : '', ws.UserVolumeEncryptionEnabled ? 'user' : ''].filter(
    Boolean,
  );
  if (parts.length === 0) return 'none';
  return `${parts.join('+')}${ws.VolumeEncryptionKey ? ` (${ws.VolumeEncryptionKey})` : ''}`;
}

/** Days since the last connection: 0 when connected, null when never or while the status is unknown. */
function days(ws: WorkspaceView, now: Date): number | null {
  const d = idleDays(ws, now);
  return d === undefined || !Number.isFinite(d) ? null : Math.floor(d);
}

function lastConnection(ws: WorkspaceView): string | null {
  const c = ws.connection;
  if (!c) return null;
  if (!c.LastKnownUserConnectionTimestamp) return 'never';
  return iso(new Date(c.LastKnownUserConnectionTimestamp));
}

/** The table of every WorkSpace of the sources (in the order given). */
export function inventoryTable(sources: readonly InventorySource[], now: Date): InventoryTable {
  const keys = new Set<string>();
  let withoutTags = 0;
  for (const src of sources) {
    for (const ws of src.rows) {
      if (!ws.tags) withoutTags++;
      for (const t of ws.tags ?? []) if (t.Key !== undefined) keys.add(t.Key);
    }
  }
  const tagKeys = [...keys].sort((a, b) => a.localeCompare(b));
  const rows: Cell[][] = [];
  const tagsLoaded: boolean[] = [];
  for (const src of sources) {
    const readAt = iso(src.readAt);
    for (const ws of src.rows) {
      const p = ws.WorkspaceProperties ?? {};
      const tagOf = tagLookup(ws.tags);
      tagsLoaded.push(ws.tags !== undefined);
      rows.push([
        src.profile,
        src.account ?? null,
        src.region,
        src.directoryName(ws.DirectoryId) ?? null,
        ws.DirectoryId ?? null,
        ws.WorkspaceId ?? null,
        ws.UserName ?? null,
        ws.ComputerName ?? null,
        ws.IpAddress ?? null,
        ws.State ?? null,
        p.RunningMode ?? null,
        autoStopHours(ws) ?? null,
        src.bundleName(ws.BundleId) ?? null,
        ws.BundleId ?? null,
        p.ComputeTypeName ?? null,
        p.RootVolumeSizeGib ?? null,
        p.UserVolumeSizeGib ?? null,
        encryption(ws),
        ws.connection?.ConnectionState ?? null,
        lastConnection(ws),
        days(ws, now),
        readAt,
        ...tagKeys.map((k) => tagOf(k)),
      ]);
    }
  }
  return {
    columns: [...INVENTORY_COLUMNS, ...tagKeys.map((k) => `${TAG_PREFIX}${k}`)],
    rows,
    tagKeys,
    withoutTags,
    tagsLoaded,
  };
}

function tagLookup(tags: readonly Tag[] | undefined): (key: string) => string | null {
  if (!tags) return () => null;
  const m = new Map(tags.map((t) => [t.Key ?? '', t.Value ?? '']));
  return (key) => m.get(key) ?? null;
}

/**
 * A text cell a spreadsheet could run as a formula: a formula lead character (= + - @, and tab or
 * carriage return, OWASP's list) after any mix of what Excel, LibreOffice or Google Sheets may trim
 * or skip first: whitespace (`\s` covers U+00A0, U+2028/U+2029, U+3000 and the BOM), zero-width
 * characters, line breaks and quotes. The lead characters include the forms that NFKC maps onto
 * them (full-width ＝＋－＠, small ﹦﹢﹣﹫, super/subscript ⁺⁼₊₌, ⩵ ⩶, ﬩), which an IME or a
 * normalising import turns into the ASCII ones. A cell that already starts with an apostrophe is
 * text to every spreadsheet. No `$` anchor: papaparse's default, `/^[=+\-@\t\r].*$/` without the
 * `s` flag, let `=HYPERLINK(…)` through whenever a line break followed it.
 */
export const FORMULA_LEAD =
  /^(?!')[\s\u200b-\u200d\u2060"'`\u2018-\u201f\u00ab\u00bb\uff02\uff07]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u207a\u207c\u208a\u208c\u2a75\u2a76\ufb29]/;

/**
 * RFC 4180 CSV (CRLF line ends, fields quoted when they must be, quotes doubled), every
 * formula-looking text cell neutralised with a leading apostrophe.
 */
export function toCsv(table: InventoryTable): string {
  return Papa.unparse(
    { fields: table.columns, data: table.rows },
    { newline: '\r\n', escapeFormulae: FORMULA_LEAD, quotes: false, header: true },
  );
}

/** A JSON array, one object per WorkSpace: the fixed columns as keys, the tags as an object (null
 *  when they were not loaded). */
export function toJson(table: InventoryTable): string {
  const fixed = INVENTORY_COLUMNS.length;
  const objects = table.rows.map((row, r) => {
    const o: Record<string, Cell | Record<string, string>> = {};
    for (let i = 0; i < fixed; i++) o[table.columns[i]] = row[i];
    // Tag keys come from the API: fromEntries makes each an own property (a key "__proto__" too,
    // which `tags[key] = v` would turn into the object's prototype, and drop from the export).
    const entries: Array<[string, string]> = [];
    for (let i = fixed; i < row.length; i++) {
      const v = row[i];
      if (typeof v === 'string') entries.push([table.tagKeys[i - fixed], v]);
    }
    const tags = Object.fromEntries(entries);
    o.Tags = table.tagsLoaded[r] ? tags : null;
    return o;
  });
  return `${JSON.stringify(objects, null, 2)}\n`;
}

// Pure validators of everything an admin types for the lifecycle commands. Each `validate*`
// returns undefined for valid input or the message the input box shows (VS Code's `validateInput`
// contract), so nothing reaches the API until the text is right. Limits follow the WorkSpaces API
// (shared/notes/workspaces-api.md): tag key 1–127 chars, value ≤ 255, ≤ 50 tags, `aws:` reserved,
// UserName 1–63 chars, AutoStop in whole hours. No `vscode` here: unit-tested in plain Node.
import type { Tag } from '@aws-sdk/client-workspaces';

export const AUTO_STOP_MIN_HOURS = 1;
export const AUTO_STOP_MAX_HOURS = 48;
export const TAG_KEY_MAX = 127;
export const TAG_VALUE_MAX = 255;
export const TAGS_MAX = 50;
export const USER_NAME_MAX = 63;
/** WorkSpaces created by one run of Create WorkSpaces (4 CreateWorkspaces calls of 25). */
export const USERS_PER_CREATE_MAX = 100;

// ---- AutoStop ------------------------------------------------------------------------------

export function validateAutoStopHours(text: string): string | undefined {
  const t = text.trim();
  if (t === '') {
    return `Enter the AutoStop time in hours, a whole number from ${AUTO_STOP_MIN_HOURS} to ${AUTO_STOP_MAX_HOURS}.`;
  }
  if (!/^\d+$/.test(t)) {
    return `"${clip(t)}" is not a whole number of hours: AutoStop is set in whole hours from ${AUTO_STOP_MIN_HOURS} to ${AUTO_STOP_MAX_HOURS}.`;
  }
  const n = Number(t);
  if (n < AUTO_STOP_MIN_HOURS || n > AUTO_STOP_MAX_HOURS) {
    return `${t} hours is out of range: AutoStop takes ${AUTO_STOP_MIN_HOURS} to ${AUTO_STOP_MAX_HOURS} hours.`;
  }
  return undefined;
}

/** The hours of a valid AutoStop text (call validateAutoStopHours first). */
export function parseAutoStopHours(text: string): number | undefined {
  return validateAutoStopHours(text) === undefined ? Number(text.trim()) : undefined;
}

// ---- Tags ----------------------------------------------------------------------------------

export function validateTagKey(key: string): string | undefined {
  if (key.length === 0) return 'A tag key cannot be empty.';
  if (key.trim().length === 0) return 'A tag key cannot be only spaces.';
  if (key.length > TAG_KEY_MAX) return `A tag key has at most ${TAG_KEY_MAX} characters (this one has ${key.length}).`;
  if (key.toLowerCase().startsWith('aws:')) return 'Tag keys starting with "aws:" are reserved for AWS.';
  if (hasControl(key)) return 'A tag key cannot contain control characters (tabs, line breaks).';
  return undefined;
}

export function validateTagValue(value: string): string | undefined {
  if (value.length > TAG_VALUE_MAX) {
    return `A tag value has at most ${TAG_VALUE_MAX} characters (this one has ${value.length}).`;
  }
  if (hasControl(value)) return 'A tag value cannot contain control characters (tabs, line breaks).';
  return undefined;
}

/** Whether a resource may carry `count` tags. */
export function validateTagCount(count: number): string | undefined {
  return count > TAGS_MAX ? `A WorkSpace can carry at most ${TAGS_MAX} tags (this would make ${count}).` : undefined;
}

/**
 * A new tag `key` for resources that already carry `existing` tags (one list per resource): the
 * key's own rules, then the 50-tag limit of each resource that does not have the key yet.
 */
export function validateNewTagKey(
  key: string,
  existing: ReadonlyArray<{ name: string; tags: readonly Tag[] }>,
): string | undefined {
  const bad = validateTagKey(key);
  if (bad) return bad;
  const full = existing.filter((r) => !r.tags.some((t) => t.Key === key) && r.tags.length + 1 > TAGS_MAX);
  if (full.length > 0) {
    return `${full
      .map((r) => r.name)
      .slice(0, 3)
      .join(
        ', ',
      )}${full.length > 3 ? ` and ${full.length - 3} more` : ''} already ${full.length === 1 ? 'has' : 'have'} ${TAGS_MAX} tags, the maximum.`;
  }
  return undefined;
}

export type ParsedTags = { ok: true; tags: Tag[] } | { ok: false; error: string };

/**
 * "Team=Finance, CostCenter=CC-1042": comma-separated Key=Value pairs (the value may be empty and
 * may contain "="; a comma always separates). Empty text is no tags.
 */
export function parseTagList(text: string): ParsedTags {
  const t = text.trim();
  if (t === '') return { ok: true, tags: [] };
  const tags: Tag[] = [];
  const seen = new Set<string>();
  for (const raw of t.split(',')) {
    const part = raw.trim();
    if (part === '') {
      return {
        ok: false,
        error: 'Empty entry: write Key=Value pairs separated by commas, e.g. Team=Finance, CostCenter=CC-1042.',
      };
    }
    const eq = part.indexOf('=');
    if (eq < 0) {
      return { ok: false, error: `"${clip(part)}" has no "=": write Key=Value (the value may be empty: Key=).` };
    }
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    const badKey = validateTagKey(key);
    if (badKey) return { ok: false, error: key === '' ? `"${clip(part)}": ${badKey}` : badKey };
    const badValue = validateTagValue(value);
    if (badValue) return { ok: false, error: `${clip(key)}: ${badValue}` };
    if (seen.has(key)) return { ok: false, error: `The key "${clip(key)}" is given twice.` };
    seen.add(key);
    tags.push({ Key: key, Value: value });
  }
  const tooMany = validateTagCount(tags.length);
  return tooMany ? { ok: false, error: tooMany } : { ok: true, tags };
}

export function validateTagList(text: string): string | undefined {
  const r = parseTagList(text);
  return r.ok ? undefined : r.error;
}

// ---- User names ----------------------------------------------------------------------------

/** Characters a directory user name (sAMAccountName) cannot contain; `@` and `.` are allowed
 *  (IAM Identity Center user names are often e-mail addresses). */
const ILLEGAL_USER_CHARS = /["/\\[\]:;|=,+*?<>]/;

export function validateUserName(name: string): string | undefined {
  if (name.length === 0) return 'A user name cannot be empty.';
  if (name.length > USER_NAME_MAX) {
    return `"${clip(name)}" is too long: a user name has at most ${USER_NAME_MAX} characters.`;
  }
  if (hasControl(name) || /\s/.test(name)) {
    return `"${clip(name)}" contains a space or control character, which a directory user name cannot have.`;
  }
  const bad = ILLEGAL_USER_CHARS.exec(name);
  if (bad) return `"${clip(name)}" contains "${bad[0]}": user names cannot contain " / \\ [ ] : ; | = , + * ? < >.`;
  if (/^\.+$/.test(name)) return `"${clip(name)}" is not a user name (only periods).`;
  if (name.endsWith('.')) return `"${clip(name)}" ends with a period, which a directory user name cannot.`;
  return undefined;
}

/** User names typed in one box, separated by commas, semicolons, spaces or line breaks. */
export function parseUserNames(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * One or more user names for Create WorkSpaces. `taken` holds the lower-cased user names that
 * already have a WorkSpace in the chosen directory (a user has at most one per directory).
 */
export function validateUserNames(text: string, taken: ReadonlySet<string> = new Set()): string | undefined {
  const names = parseUserNames(text);
  if (names.length === 0) return 'Enter at least one user name (several: separate them with commas or spaces).';
  if (names.length > USERS_PER_CREATE_MAX) {
    return `At most ${USERS_PER_CREATE_MAX} WorkSpaces per run (${names.length} user names given).`;
  }
  const seen = new Set<string>();
  for (const n of names) {
    const bad = validateUserName(n);
    if (bad) return bad;
    const k = n.toLowerCase();
    if (seen.has(k)) return `"${clip(n)}" is listed twice: a user gets one WorkSpace per directory.`;
    seen.add(k);
    if (taken.has(k)) return `${clip(n)} already has a WorkSpace in this directory.`;
  }
  return undefined;
}

// ---- Directory, bundle, KMS key ------------------------------------------------------------

export const DIRECTORY_ID = /^(d-[0-9a-f]{8,63}|wsd-[0-9a-z]{8,63})$/;
export const BUNDLE_ID = /^wsb-[0-9a-z]{8,63}$/;

export interface KnownDirectory {
  DirectoryId?: string | undefined;
  State?: string | undefined;
  WorkspaceType?: string | undefined;
}

/** A directory id typed by hand: well formed, one of `known` (this region's), and usable for
 *  personal WorkSpaces (REGISTERED, not a Pools directory). */
export function validateDirectoryId(
  text: string,
  known: readonly KnownDirectory[],
  where = 'this region',
): string | undefined {
  const id = text.trim();
  if (id === '') return 'Enter a directory ID (d-…).';
  if (!DIRECTORY_ID.test(id)) {
    return `"${clip(id)}" is not a directory ID (d- followed by 10 hex digits, e.g. d-9067a1b2c3).`;
  }
  const d = known.find((k) => k.DirectoryId === id);
  if (!d) return `Unknown directory ${id}: it is not registered with WorkSpaces in ${where}.`;
  if (d.WorkspaceType === 'POOLS') {
    return `${id} is a WorkSpaces Pools directory: personal WorkSpaces need a personal directory.`;
  }
  if (d.State !== undefined && d.State !== 'REGISTERED') {
    return `${id} is ${d.State}: WorkSpaces can be created only in a REGISTERED directory.`;
  }
  return undefined;
}

/** A bundle id typed by hand: well formed and one of `known` (Amazon's and the account's own). */
export function validateBundleId(
  text: string,
  known: ReadonlyArray<{ BundleId?: string | undefined }>,
  where = 'this region',
): string | undefined {
  const id = text.trim();
  if (id === '') return 'Enter a bundle ID (wsb-…).';
  if (!BUNDLE_ID.test(id)) {
    return `"${clip(id)}" is not a bundle ID (wsb- followed by 9 or more lower-case letters and digits).`;
  }
  if (!known.some((b) => b.BundleId === id)) {
    return `Unknown bundle ${id}: it is neither an Amazon bundle nor one of this account's bundles in ${where}.`;
  }
  return undefined;
}

const KMS_ARN =
  /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[0-9a-f-]{36}|key\/mrk-[0-9a-f]{32}|alias\/[A-Za-z0-9/_-]+)$/;
const KMS_ALIAS = /^alias\/[A-Za-z0-9/_-]{1,250}$/;
const KMS_KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;

/** A KMS key for volume encryption: key ARN, alias ARN, alias/name or key id. */
export function validateKmsKey(text: string): string | undefined {
  const k = text.trim();
  if (k === '') return 'Enter the KMS key: its ARN, alias/name or key id.';
  if (KMS_ARN.test(k) || KMS_ALIAS.test(k) || KMS_KEY_ID.test(k)) return undefined;
  return `"${clip(k)}" is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID), an alias (alias/NAME) or a key id.`;
}

// ---- Typed confirmation --------------------------------------------------------------------

/** The destructive actions make the user type `expected` (the WorkSpace id, or the count). */
export function validateTypedConfirmation(text: string, expected: string): string | undefined {
  if (text.trim() === expected) return undefined;
  return text.trim() === ''
    ? `Type ${expected} to confirm.`
    : `That is not ${expected}: type ${expected} exactly to confirm, or press Escape to cancel.`;
}

/**
 * The same check while the user is still typing: nothing to say while the text is the beginning of
 * `expected` (no red message after every keystroke), the refusal as soon as it cannot become it.
 */
export function validateTypedConfirmationSoFar(text: string, expected: string): string | undefined {
  return expected.startsWith(text.trim()) ? undefined : validateTypedConfirmation(text, expected);
}

// ---- helpers -------------------------------------------------------------------------------

function hasControl(s: string): boolean {
  return /[\u0000-\u001f\u007f]/.test(s);
}

/** Echoes user text in a message without letting a pasted novel swamp it. */
function clip(s: string, max = 40): string {
  const flat = s.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

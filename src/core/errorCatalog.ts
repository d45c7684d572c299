// The catalog of error codes WorkSpaces returns for images (ErrorDetails[] of a custom image or a
// BYOL import, core/imageErrors.ts) and pools (Errors[], core/poolErrors.ts): what each entry
// holds, and the one look-up that explains a code with a table or, for a code the table does not
// know (a newer service code), with the table's generic fallback. Pure; no vscode.

/** Which process reports the code: importing a BYOL image, creating a custom image, or both. */
export type ErrorOrigin = 'byol' | 'custom' | 'both' | 'pool' | 'workspace' | 'directory';

export interface ErrorExplanation {
  /** Short plain-language title ("Microsoft Office is installed"). */
  readonly title: string;
  /** What the code means, one or two sentences. */
  readonly meaning: string;
  /** How to fix it, as ordered steps. */
  readonly fix: readonly string[];
  /** The most relevant AWS documentation page (https, *.aws.amazon.com). */
  readonly docUrl: string;
  /** Title of that page, shown as the link text. */
  readonly docTitle: string;
  readonly origin: ErrorOrigin;
}

export interface ExplainedCode extends ErrorExplanation {
  /** The raw code as the API returned it ('' when the API gave none). */
  readonly code: string;
  /** False when the code is not in the table (a newer service code): the explanation is generic. */
  readonly known: boolean;
}

/** An entry of a table whose origin is the table's (every pool code comes from a pool). */
export type Entry = Omit<ErrorExplanation, 'origin'>;

/** The documentation page of an entry. */
export interface Doc {
  readonly docUrl: string;
  readonly docTitle: string;
}

export const doc = (docUrl: string, docTitle: string): Doc => ({ docUrl, docTitle });

/** A table whose entries all share one origin. */
export function inCatalog<K extends string>(
  origin: ErrorOrigin,
  entries: Readonly<Record<K, Entry>>,
): Readonly<Record<K, ErrorExplanation>> {
  const out = {} as Record<K, ErrorExplanation>;
  for (const key of Object.keys(entries) as K[]) out[key] = { ...entries[key], origin };
  return out;
}

/** Explains one code with `table`; an unknown code keeps its raw text with the `fallback` explanation. */
export function explain(
  table: Readonly<Record<string, ErrorExplanation>>,
  code: string | undefined,
  fallback: (code: string) => ErrorExplanation,
): ExplainedCode {
  const raw = code ?? '';
  const known = Object.prototype.hasOwnProperty.call(table, raw) ? table[raw] : undefined;
  return known ? { code: raw, known: true, ...known } : { code: raw, known: false, ...fallback(raw) };
}

/** Human label of an entry's origin. */
export function originLabel(origin: ErrorOrigin): string {
  switch (origin) {
    case 'byol':
      return 'BYOL image import';
    case 'custom':
      return 'Custom image creation';
    case 'both':
      return 'BYOL import and custom images';
    case 'pool':
      return 'WorkSpaces Pools';
    case 'workspace':
      return 'WorkSpaces Personal';
    case 'directory':
      return 'WorkSpaces directory';
  }
}

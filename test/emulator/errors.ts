/** Service errors as the real endpoint returns them: HTTP status + `{"__type", "message"}`. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const invalidParameter = (message: string): ApiError => new ApiError('InvalidParameterValuesException', message);

/** The generic model-constraint message of AWS (Coral) services. */
export function constraint(member: string, value: unknown, rule: string): ApiError {
  const shown = Array.isArray(value) ? `[${value.map(String).join(', ')}]` : String(value);
  return invalidParameter(
    `1 validation error detected: Value '${shown}' at '${lowerFirst(member)}' failed to satisfy constraint: ${rule}`,
  );
}

export function serialization(message: string): ApiError {
  return new ApiError('SerializationException', message);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

type Params = Record<string, unknown>;

export function optString(
  p: Params,
  name: string,
  opts: { min?: number; max?: number; pattern?: RegExp } = {},
): string | undefined {
  const v = p[name];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'string') {
    throw serialization(`STRING_VALUE can not be converted to ${name}`);
  }
  if (opts.min !== undefined && v.length < opts.min) {
    throw constraint(name, v, `Member must have length greater than or equal to ${opts.min}`);
  }
  if (opts.max !== undefined && v.length > opts.max) {
    throw constraint(name, v, `Member must have length less than or equal to ${opts.max}`);
  }
  if (opts.pattern && !opts.pattern.test(v)) {
    throw constraint(name, v, `Member must satisfy regular expression pattern: ${opts.pattern.source}`);
  }
  return v;
}

export function reqString(
  p: Params,
  name: string,
  opts: { min?: number; max?: number; pattern?: RegExp } = {},
): string {
  const v = optString(p, name, opts);
  if (v === undefined) {
    throw constraint(name, 'null', 'Member must not be null');
  }
  return v;
}

export function optInt(p: Params, name: string, opts: { min?: number; max?: number } = {}): number | undefined {
  const v = p[name];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw serialization(`NUMBER_VALUE can not be converted to ${name}`);
  }
  if (opts.min !== undefined && v < opts.min) {
    throw constraint(name, v, `Member must have value greater than or equal to ${opts.min}`);
  }
  if (opts.max !== undefined && v > opts.max) {
    throw constraint(name, v, `Member must have value less than or equal to ${opts.max}`);
  }
  return v;
}

export function optList<T = unknown>(
  p: Params,
  name: string,
  opts: { min?: number; max?: number } = {},
): T[] | undefined {
  const v = p[name];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (!Array.isArray(v)) {
    throw serialization(`Start of structure or map found where not expected for ${name}`);
  }
  if (opts.min !== undefined && v.length < opts.min) {
    throw constraint(name, v, `Member must have length greater than or equal to ${opts.min}`);
  }
  if (opts.max !== undefined && v.length > opts.max) {
    throw constraint(name, v, `Member must have length less than or equal to ${opts.max}`);
  }
  return v as T[];
}

export function reqList<T = unknown>(p: Params, name: string, opts: { min?: number; max?: number } = {}): T[] {
  const v = optList<T>(p, name, opts);
  if (v === undefined) {
    throw constraint(name, 'null', 'Member must not be null');
  }
  return v;
}

export function optEnum<T extends string>(p: Params, name: string, values: readonly T[]): T | undefined {
  const v = optString(p, name);
  if (v !== undefined && !values.includes(v as T)) {
    throw constraint(name, v, `Member must satisfy enum value set: [${values.join(', ')}]`);
  }
  return v as T | undefined;
}

export function optStruct(p: Params, name: string): Params | undefined {
  const v = p[name];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw serialization(`Start of list found where not expected for ${name}`);
  }
  return v as Params;
}

export function asStruct(v: unknown, name: string): Params {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw serialization(`Start of list found where not expected for ${name}`);
  }
  return v as Params;
}

export const PATTERNS = {
  workspaceId: /^ws-[0-9a-z]{8,63}$/,
  directoryId: /^(d-[0-9a-f]{8,63}$)|(wsd-[0-9a-z]{8,63}$)/,
  bundleId: /^wsb-[0-9a-z]{8,63}$/,
  imageId: /^wsi-[0-9a-z]{9,63}$/,
  poolId: /^wspool-[0-9a-z]{9}$/,
  workspaceName: /^[a-zA-Z0-9_()][a-zA-Z0-9_.()-]{1,63}$/,
} as const;

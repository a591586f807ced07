import {
  callerFieldName,
  InvalidResponseError,
  type RequestErrorInit,
  type Schema,
  type SchemaIssue,
  type SchemaTable,
  type SchemaType,
  type SpecMetadata,
  ValidationError,
} from '@switchboard/core';
import { CREATE_TYPES, type CreateType } from './model.js';
import type { ProviderListing } from './provider.js';

/** `capabilities.create` from the create types a vendor supports, as literal `true`/`false` types. */
export function createCapabilities<const Supported extends CreateType>(
  ...supported: Supported[]
): { readonly [T in CreateType]: T extends Supported ? true : false } {
  return Object.fromEntries(CREATE_TYPES.map((type) => [type, (supported as CreateType[]).includes(type)])) as {
    readonly [T in CreateType]: T extends Supported ? true : false;
  };
}

/**
 * A provider's pick list: per request schema of its spec, by name, the properties its
 * `vendorOptions` take from it (`{ CreateVapiPhoneNumber: ['name', …] }`). Declared
 * `as const satisfies VendorOptionPicks<Schemas>` (its spec's generated `components['schemas']`),
 * a schema or property those types lack does not compile.
 */
export type VendorOptionPicks<Schemas> = { readonly [Name in keyof Schemas]?: readonly (keyof Schemas[Name])[] };

/**
 * The type of the `vendorOptions` a pick list declares, from the same list `pickVendorOptions`
 * reads at run time: each picked property, optional, typed as in its schema. A list that picks
 * nothing takes no options.
 */
export type PickedVendorOptions<Schemas, Picks extends VendorOptionPicks<Schemas>> = [keyof Picks] extends [never]
  ? Record<string, never>
  : Intersection<PickedPerSchema<Schemas, Picks>>;

/** For each schema of a pick list, its picked properties, optional: a union with a member per schema. */
type PickedPerSchema<Schemas, Picks extends VendorOptionPicks<Schemas>> = {
  [Name in keyof Picks & keyof Schemas]: Partial<Pick<Schemas[Name], Extract<NonNullable<Picks[Name]>[number], keyof Schemas[Name]>>>;
}[keyof Picks & keyof Schemas];

/** `A | B` as `A & B`: a function of each member, inferred at a parameter, infers their intersection. */
type Intersection<Union> = (Union extends unknown ? (member: Union) => void : never) extends (all: infer All) => void ? All : never;

/**
 * The schema of a provider's `vendorOptions`: properties picked from its spec's request schemas
 * (`{ CreateVapiPhoneNumber: ['name', …] }`), nothing else allowed. The limits are the spec's own.
 */
export function pickVendorOptions(schemas: SchemaTable, picks: Readonly<Record<string, readonly string[]>>): { schema: Schema; schemas: SchemaTable } {
  const properties: Record<string, Schema | SchemaType> = {};
  for (const [name, keys] of Object.entries(picks)) {
    const source = schemas[name]?.properties;
    for (const key of keys) {
      const property = source?.[key];
      if (!property) throw new Error(`the spec's ${name} has no property "${key}"`);
      properties[key] = property;
    }
  }
  return { schema: { type: 'object', properties, additionalProperties: false }, schemas };
}

/** How a provider names, in the caller's terms, the fields of the request it builds. */
export interface FieldNames {
  vendor: string;
  /** Body paths that carry an input field under another name: `{ numberDesiredAreaCode: 'areaCode' }`. */
  fields?: Readonly<Record<string, string>>;
  /** Body fields that come from `vendorOptions[vendor]`. */
  vendorOptions?: readonly string[];
}

/**
 * The client's `fieldNames` call option for a body this provider builds: the client checks the
 * vendor's body against the spec, and its `ValidationError`s name the fields as the caller wrote them.
 */
export function bodyFieldNames({ vendor, fields = {}, vendorOptions = [] }: FieldNames): Record<string, string> {
  // A field the provider renames wins over a vendor option of the same name.
  return { ...Object.fromEntries(vendorOptions.map((key) => [key, `vendorOptions.${vendor}.${key}`])), ...fields };
}

/**
 * Run a client call and name the fields of its `ValidationError`s as the caller wrote them.
 * @deprecated Pass `fieldNames: bodyFieldNames(names)` in the client call's options instead: its
 * errors are then built with the caller's names, not rebuilt here.
 */
export async function inCallerTerms<T>(names: FieldNames, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!ValidationError.isInstance(error)) throw error;
    const field = callerFieldName(error.field, bodyFieldNames(names));
    throw field === error.field ? error : new ValidationError(field, error.rule, error.reason);
  }
}

/** A spec check's finding about a body this provider built, as a `ValidationError` in the caller's terms. */
export function callerError(issue: SchemaIssue, names: FieldNames): ValidationError {
  return new ValidationError(callerFieldName(issue.path || 'body', bodyFieldNames(names)), issue.rule, issue.reason);
}

/** A cursor of a vendor that pages by number: the page's number, from 1 (nine digits keep it a safe integer). */
const PAGE_CURSOR = /^[1-9]\d{0,8}$/;

/** The page number inside the caller's cursor, for a vendor that pages by number. */
export function pageNumber(cursor: string): number {
  if (!PAGE_CURSOR.test(cursor)) throw new ValidationError('cursor', 'format', 'is not a cursor this vendor gave');
  return Number(cursor);
}

/**
 * The cursor of the page after `page`, the number a vendor says it sent. A number that is not a
 * page (not a positive integer, or past the cursors `pageNumber` reads) is the vendor's fault, so
 * it is an `InvalidResponseError` now rather than a `ValidationError` of the caller's cursor later.
 */
export function nextPageCursor(page: number, field: string, where: Pick<RequestErrorInit, 'vendor' | 'operation'>): string {
  const cursor = String(page + 1);
  if (Number.isInteger(page) && page >= 1 && PAGE_CURSOR.test(cursor)) return cursor;
  throw new InvalidResponseError(200, `${field} is not a page number (an integer from 1)`, { ...where, outcomeUnknown: false });
}

/**
 * A provider's `listing`, from its generated spec metadata: the `maximum` the spec documents for
 * the page-size query parameter of the list operation (`'GET /v2/phone-number'`, `'limit'`). A
 * parameter the spec lacks fails when the provider's module loads.
 */
export function specListing(spec: Pick<SpecMetadata, 'vendor' | 'operations'>, operation: string, pageSizeParameter: string): ProviderListing {
  const parameter = spec.operations[operation]?.query?.properties?.[pageSizeParameter];
  if (!parameter) throw new Error(`the ${spec.vendor} spec's ${operation} has no query parameter ${pageSizeParameter}`);
  // A parameter given by its type alone ('integer') documents no maximum.
  return { maxPageSize: (parameter as Schema).maximum };
}

/** A field the vendor cannot take for this request. */
export function unsupportedField(vendor: string, field: string, hint: string): ValidationError {
  return new ValidationError(field, 'unsupported', `${vendor} does not take ${field} here: ${hint}`);
}

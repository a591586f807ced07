// The parts of an OpenAPI 3.0 / 3.1 document the spec tools read. A document is checked for its
// version only (./document.ts), so these say what a well-formed document holds: code that reads a
// vendor's document still tests the type of what it reads.

export interface ReferenceObject {
  $ref: string;
}

/** A schema, any keyword allowed; the ones the tools read are typed. */
export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  /** OpenAPI 3.0's way of allowing null. */
  nullable?: boolean;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: SchemaNode;
  items?: SchemaNode;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  /** A number in 3.1; in 3.0, a boolean that makes `minimum` exclusive. */
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  discriminator?: DiscriminatorObject;
  deprecated?: boolean;
  default?: unknown;
  readOnly?: boolean;
  writeOnly?: boolean;
  [keyword: string]: unknown;
}

/** 3.1 schemas may be booleans: `true` allows anything, `false` nothing. */
export type SchemaNode = SchemaObject | boolean;

export interface DiscriminatorObject {
  propertyName: string;
  mapping?: Record<string, string>;
}

export interface MediaTypeObject {
  schema?: SchemaNode;
}

export interface ParameterObject {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
  deprecated?: boolean;
  schema?: SchemaNode;
  content?: Record<string, MediaTypeObject>;
}

export interface RequestBodyObject {
  $ref?: string;
  required?: boolean;
  content?: Record<string, MediaTypeObject>;
}

export interface ResponseObject {
  $ref?: string;
  content?: Record<string, MediaTypeObject>;
}

/** The schemes one request must satisfy together, by their name in `components.securitySchemes`. */
export type SecurityRequirementObject = Record<string, string[]>;

export interface SecuritySchemeObject {
  type?: string;
  /** An `http` scheme's: `bearer`, `basic`, … */
  scheme?: string;
  /** An `apiKey` scheme's: where the key goes (`header`, `query`, `cookie`) and under which name. */
  in?: string;
  name?: string;
}

export interface OperationObject {
  operationId?: string;
  deprecated?: boolean;
  /** Alternatives, any one of which authorises the request; instead of the document's own. */
  security?: SecurityRequirementObject[];
  parameters?: ParameterObject[];
  requestBody?: RequestBodyObject;
  responses?: Record<string, ResponseObject>;
  [key: string]: unknown;
}

export interface PathItemObject {
  $ref?: string;
  parameters?: ParameterObject[];
  [key: string]: unknown;
}

export interface ServerObject {
  url: string;
  variables?: Record<string, { default?: string }>;
  /** Switchboard's name for a server after the first: the key of its named base URL. */
  'x-region'?: unknown;
}

export interface OpenApiDocument {
  openapi: string;
  servers?: ServerObject[];
  security?: SecurityRequirementObject[];
  paths?: Record<string, PathItemObject>;
  components?: { schemas?: Record<string, SchemaNode>; securitySchemes?: Record<string, SecuritySchemeObject>; [section: string]: unknown };
  [key: string]: unknown;
}

export const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

export const isReference = (value: unknown): value is ReferenceObject => isObject(value) && typeof value.$ref === 'string';

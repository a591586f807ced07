// The types of a `packages/<vendor>-types` package (`src/generated/schema.ts`): what the
// openapi-typescript CLI writes with `--default-non-nullable false`, through its API.
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import type { OpenApiDocument } from '../openapi/types.js';

/** The CLI's `--default-non-nullable false`: a `default` in a spec never makes a property required. */
const OPTIONS = { defaultNonNullable: false, silent: true };

/** The TypeScript openapi-typescript generates for a spec: its text, or the parsed document (which it edits: pass a copy). */
export async function typesOf(spec: string | OpenApiDocument): Promise<string> {
  return astToString(await openapiTS(spec as string | OpenAPI3, OPTIONS));
}

/** The text of `src/generated/schema.ts`: the types under the header the CLI writes, which says the file is generated. */
export async function typesModule(spec: string | OpenApiDocument): Promise<string> {
  return COMMENT_HEADER + (await typesOf(spec));
}

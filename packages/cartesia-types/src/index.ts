/** Types of Cartesia's agents' phone-number API: `paths` for openapi-fetch, `components` for its schemas. */
export type * from './generated/schema.js';

/** Types of the ElevenLabs Agents phone-number API: `paths` for openapi-fetch, `components` for its schemas. */
export type * from './generated/schema.js';

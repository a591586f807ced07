// Spec-shaped Vapi responses, built from the examples in specs/vapi/openapi.yaml itself: every
// provider variant the spec shows (vapi, twilio, vonage, telnyx, byo-phone-number) cycled through,
// each with its own id and number. Using the spec's examples keeps the payloads honest (field
// names, nesting, sizes) and follows the spec when it changes.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const SPEC = new URL('../../specs/vapi/openapi.yaml', import.meta.url);

/** One example PhoneNumber per provider, as the spec's response examples show them. */
export function exampleNumbers() {
  const spec = parse(readFileSync(SPEC, 'utf8'));
  const byProvider = new Map();
  const visit = (value) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    if (typeof value.provider === 'string' && typeof value.id === 'string' && typeof value.orgId === 'string') {
      if (!byProvider.has(value.provider)) byProvider.set(value.provider, value);
      return;
    }
    Object.values(value).forEach(visit);
  };
  for (const operations of Object.values(spec.paths)) {
    for (const operation of Object.values(operations)) {
      for (const response of Object.values(operation?.responses ?? {})) visit(response?.content?.['application/json']?.examples);
    }
  }
  if (byProvider.size < 5) throw new Error(`expected an example of each of the 5 providers in ${SPEC.pathname}, found ${[...byProvider.keys()]}`);
  return [...byProvider.values()];
}

/** A deterministic, unique, UUID-shaped id and E.164 number for the i-th number. */
const idOf = (i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const numberOf = (i) => `+1415${String(5_000_000 + i).padStart(7, '0')}`;

/** `count` numbers starting at index `from`, cycling through the spec's provider examples. */
export function makeNumbers(count, from = 0, examples = exampleNumbers()) {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const example = examples[i % examples.length];
    return { ...example, id: idOf(i), ...('number' in example ? { number: numberOf(i) } : {}) };
  });
}

/** What `POST /phone-number` answers for a free Vapi number (the spec's `vapiFreeNumber` example). */
export function createdNumber(examples = exampleNumbers()) {
  return examples.find((example) => example.provider === 'vapi');
}

/**
 * The promise of the generated checks, kept end to end: change a limit in a copy of a spec,
 * regenerate, and the facade enforces the new limit before any request, with no edit to provider
 * code. The copy of Vapi's provider sources sits inside its package, so it resolves the same
 * dependencies as the original.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type AnyPhoneNumberProvider, createProviderPhoneNumbers, ValidationError } from '@switchboard/phone-numbers';
import { createVapiProvider } from '@switchboard/vapi';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const COPY = `${ROOT}packages/vapi/.spec-change-${process.pid}/`;
const NAME = 'n'.repeat(35);

/** A fetch that records and answers nothing: the checks must decide before it is called. */
function recordingFetch(sent: Request[]) {
  return async (request: Request) => {
    sent.push(request);
    return new Response(JSON.stringify({ message: 'not reached' }), { status: 500, headers: { 'content-type': 'application/json' } });
  };
}

describe('a limit changed in the spec reaches the facade by regenerating alone', () => {
  let editedProvider: typeof createVapiProvider;

  beforeAll(async () => {
    mkdirSync(`${COPY}src/generated`, { recursive: true });
    const spec = readFileSync(`${ROOT}specs/vapi/openapi.yaml`, 'utf8');
    // Every `name` of Vapi's create and update bodies: "Your own label", maxLength 40 → 30.
    const edited = spec.replaceAll(
      'description: Your own label for the number.\n          maxLength: 40',
      'description: Your own label for the number.\n          maxLength: 30',
    );
    expect(edited).not.toBe(spec);
    writeFileSync(`${COPY}openapi.yaml`, edited);
    for (const file of ['client.ts', 'provider.ts']) cpSync(`${ROOT}packages/vapi/src/${file}`, `${COPY}src/${file}`);
    execFileSync(process.execPath, [`${ROOT}scripts/generate-client-metadata.mjs`, 'vapi', `${COPY}src/generated/spec.ts`, `${COPY}openapi.yaml`]);
    ({ createVapiProvider: editedProvider } = await import(`${COPY}src/provider.ts`));
  }, 30_000);
  afterAll(() => rmSync(COPY, { recursive: true, force: true }));

  test('the original spec allows a 35-character name: the request goes out', async () => {
    const sent: Request[] = [];
    const numbers = createProviderPhoneNumbers(createVapiProvider({ apiKey: 'k', fetch: recordingFetch(sent), maxRetries: 0 }));
    await expect(numbers.create({ type: 'purchase' }, { vendorOptions: { vapi: { name: NAME } } })).rejects.toMatchObject({ status: 500 });
    expect(sent).toHaveLength(1);
  });

  test('the edited spec (maxLength 30) rejects it on create and on update, before any request', async () => {
    const sent: Request[] = [];
    const numbers = createProviderPhoneNumbers(editedProvider({ apiKey: 'k', fetch: recordingFetch(sent), maxRetries: 0 }) as AnyPhoneNumberProvider);
    const onCreate = numbers.create({ type: 'purchase' }, { vendorOptions: { vapi: { name: NAME } } });
    await expect(onCreate).rejects.toBeInstanceOf(ValidationError);
    await expect(onCreate).rejects.toMatchObject({ field: 'vendorOptions.vapi.name', rule: 'max-length', reason: 'must be at most 30 characters' });
    await expect(numbers.update('3f9c2a1e-5b7d-4e2a-9c61-0d8e4b7a1f20', { name: NAME })).rejects.toMatchObject({ field: 'name', rule: 'max-length' });
    expect(sent).toHaveLength(0);
  });
});

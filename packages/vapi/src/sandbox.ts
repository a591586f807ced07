import type { SandboxContext, SandboxDescriptor } from '@switchboard/mocks';
import type { components } from '@switchboard/vapi-types';

type Schemas = components['schemas'];
type Held = Schemas['PhoneNumber'];

/** The organization of the spec's example numbers, which the sandbox starts with: new numbers join it. */
const orgOf = (context: SandboxContext) => (context.example('listPhoneNumbers') as Held[] | undefined)?.[0]?.orgId ?? context.uuid();

/**
 * Vapi for `@switchboard/mocks`' sandbox: what Vapi adds to a created number (its id, organization
 * and times; a free number for a `vapi` number without a SIP URI), and an update that sets each
 * field it sends (`null` clears one: Vapi's guides unlink an assistant with `assistantId: null`).
 */
export const sandbox = {
  vendor: 'vapi',
  key: 'id',
  operations: {
    listPhoneNumbers: { kind: 'list', paging: { style: 'none', limit: 'limit', answer: (items) => items } },
    listPhoneNumbersPaginated: {
      kind: 'list',
      paging: {
        style: 'page',
        page: 'page',
        limit: 'limit',
        answer: (results, { page, limit, total }) => ({
          results,
          metadata: { itemsPerPage: limit, totalItems: total, currentPage: page, hasNextPage: page * limit < total },
        }),
      },
    },
    getPhoneNumber: { kind: 'get' },
    createPhoneNumber: {
      kind: 'create',
      create({ body }, context) {
        const request = body as Schemas['CreatePhoneNumberRequest'];
        const now = context.now().toISOString();
        const assigned =
          request.provider === 'vapi' && request.sipUri === undefined ? { number: context.freshNumbers(1, request.numberDesiredAreaCode)[0] } : {};
        return { ...request, ...assigned, id: context.uuid(), orgId: orgOf(context), createdAt: now, updatedAt: now, status: 'active' } as Held;
      },
    },
    updatePhoneNumber: {
      kind: 'update',
      update(number, { body }, context) {
        const { provider: _sameProvider, ...changes } = body as Schemas['UpdatePhoneNumberRequest'];
        const updated: Record<string, unknown> = { ...number, updatedAt: context.now().toISOString() };
        for (const [field, value] of Object.entries(changes)) {
          if (value === null) delete updated[field];
          else updated[field] = value;
        }
        return updated as Held;
      },
    },
    deletePhoneNumber: { kind: 'delete' },
  },
  seed({ id, number, agent, name }, context) {
    const now = context.now().toISOString();
    return {
      provider: 'vapi',
      id,
      orgId: orgOf(context),
      createdAt: now,
      updatedAt: now,
      number,
      ...(agent === null ? {} : { assistantId: agent }),
      ...(name == null ? {} : { name }),
    };
  },
} satisfies SandboxDescriptor<Held>;

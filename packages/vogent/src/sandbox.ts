import type { SandboxDescriptor } from '@switchboard/mocks';
import type { components } from '@switchboard/vogent-types';

type Schemas = components['schemas'];
type Held = Schemas['PhoneNumber'];

/** What each create type makes: a PSTN number, or a SIP username named by its prefix. */
function created(request: Schemas['CreatePhoneNumberInput']): Pick<Held, 'number' | 'type'> {
  switch (request.type) {
    case 'purchase':
      return { number: request.purchase.number, type: 'PSTN' };
    case 'sip_import':
      return { number: request.sipImport.phoneNumber, type: 'PSTN' };
    case 'vogent_sip':
      return { number: request.vogentSip.sipPrefix, type: 'SIP_USERNAME' };
  }
}

/**
 * Vogent for `@switchboard/mocks`' sandbox: a created number gets an id and no agent; an update
 * links the agent it names, and the empty string unlinks it (Vogent's rule); a search offers
 * numbers with the prefix asked for that nobody holds.
 */
export const sandbox = {
  vendor: 'vogent',
  key: 'id',
  operations: {
    listPhoneNumbers: { kind: 'list', paging: { style: 'cursor', cursor: 'cursor', limit: 'limit', answer: (data, cursor) => ({ data, cursor }) } },
    getPhoneNumber: { kind: 'get' },
    createPhoneNumber: {
      kind: 'create',
      create: ({ body }, context) => ({ id: context.uuid(), ...created(body as Schemas['CreatePhoneNumberInput']), agentId: null }),
    },
    purchasePhoneNumber: {
      kind: 'create',
      create: ({ body }, context) => ({ id: context.uuid(), number: (body as Schemas['PurchaseInput']).number, type: 'PSTN', agentId: null }),
    },
    updatePhoneNumber: {
      kind: 'update',
      update(number, { body }) {
        const { agentId } = body as Schemas['UpdatePhoneNumberInput'];
        return agentId === undefined ? number : { ...number, agentId: agentId === '' ? null : agentId };
      },
    },
    deletePhoneNumber: { kind: 'delete' },
    searchAvailablePhoneNumbers: {
      kind: 'custom',
      answer({ body }, _held, context) {
        const { prefix, limit = 5 } = body as Schemas['PhoneNumberSearchInput'];
        return context.freshNumbers(limit, prefix).map((number) => ({ number }));
      },
    },
  },
  seed: ({ id, number, agent }) => ({ id, number, type: 'PSTN', agentId: agent }),
} satisfies SandboxDescriptor<Held>;

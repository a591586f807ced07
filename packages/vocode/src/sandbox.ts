import type { SandboxContext, SandboxDescriptor } from '@switchboard/mocks';
import type { components } from '@switchboard/vocode-types';

type Schemas = components['schemas'];
/** Held and listed as Vocode lists numbers: the agent and the account connection by id. */
type Held = Schemas['NormalizedPhoneNumber'];

/** The expanded objects of the spec's single-number examples, which the sandbox's answers reuse around the ids it holds. */
const exampleNumber = (context: SandboxContext, operationId: string) => context.example(operationId) as Schemas['PhoneNumber'];
const userOf = (context: SandboxContext) => exampleNumber(context, 'getNumber').user_id;
/** An agent given inline (settings instead of an id) becomes a new agent. */
const agentIdOf = (agent: unknown, context: SandboxContext) =>
  agent === undefined || agent === null ? null : typeof agent === 'string' ? agent : context.uuid();

/** A number Vocode has just added to the account: active, unlabelled, inbound unless `fields` say otherwise. */
const added = (context: SandboxContext, fields: Pick<Held, 'number'> & Partial<Held>): Held => ({
  id: context.uuid(),
  user_id: userOf(context),
  active: true,
  label: '',
  inbound_agent: null,
  outbound_only: false,
  example_context: null,
  ...fields,
});

/**
 * Vocode for `@switchboard/mocks`' sandbox: numbers are addressed by the number (digits, no `+`);
 * a bought number is a new Vonage number (Vocode's default) in the area code asked for, a linked
 * one is the caller's Twilio number; single-number answers expand the agent and the account
 * connection, as Vocode's do, from the spec's examples.
 */
export const sandbox = {
  vendor: 'vocode',
  key: 'number',
  // The spec declares only FastAPI's 422 (a malformed request); an unknown number is FastAPI's
  // plain 404, which the provider reads as not found.
  notFound: { status: 404, body: { detail: 'Not Found' } },
  operations: {
    listNumbers: {
      kind: 'list',
      paging: {
        style: 'page',
        page: 'page',
        limit: 'size',
        answer: (items, { page, limit, total }) => ({ items, page, size: limit, has_more: page * limit < total, total, total_is_estimated: false }),
      },
    },
    getNumber: { kind: 'get' },
    buyNumber: {
      kind: 'create',
      create({ body = {} }, context) {
        const request = body as Schemas['BuyPhoneNumberRequest'];
        return added(context, {
          number: context.freshNumbers(1, request.area_code)[0]!.slice(1),
          inbound_agent: agentIdOf(request.inbound_agent, context),
          telephony_provider: request.telephony_provider ?? 'vonage',
          telephony_account_connection: request.telephony_account_connection ?? null,
        });
      },
    },
    linkNumber: {
      kind: 'create',
      create({ body }, context) {
        const request = body as Schemas['LinkPhoneNumberRequest'];
        return added(context, {
          number: request.phone_number,
          inbound_agent: agentIdOf(request.inbound_agent, context),
          outbound_only: request.outbound_only ?? false,
          telephony_provider: 'twilio',
          telephony_account_connection: request.telephony_account_connection,
        });
      },
    },
    updateNumber: {
      kind: 'update',
      update(number, { body }, context) {
        const { inbound_agent, ...changes } = body as Schemas['UpdateNumberRequest'];
        return { ...number, ...changes, ...(inbound_agent === undefined ? {} : { inbound_agent: agentIdOf(inbound_agent, context) }) };
      },
    },
    cancelNumber: { kind: 'delete' },
  },
  show(number, context) {
    const agent = number.inbound_agent;
    const connection = number.telephony_account_connection;
    const exampleConnection = exampleNumber(context, 'linkNumber').telephony_account_connection;
    return {
      ...number,
      inbound_agent: typeof agent === 'string' ? { ...exampleNumber(context, 'getNumber').inbound_agent, id: agent } : null,
      telephony_account_connection: typeof connection === 'string' ? { ...exampleConnection, id: connection } : (connection ?? null),
    };
  },
  seed: ({ number, agent, name }, context) =>
    added(context, {
      number: number.replace(/^\+/, ''),
      label: name ?? '',
      inbound_agent: agent,
      telephony_provider: 'vonage',
      telephony_account_connection: null,
    }),
} satisfies SandboxDescriptor<Held>;

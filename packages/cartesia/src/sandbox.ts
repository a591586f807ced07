import type { components } from '@switchboard/cartesia-types';
import type { SandboxContext, SandboxDescriptor, SandboxTools } from '@switchboard/mocks';

type Schemas = components['schemas'];
type Held = Schemas['PhoneNumber'];
type Provider = Schemas['ProviderAccount'];

/** What the sandbox keeps besides numbers: the linked providers numbers are imported through, and agents' names. */
interface Memory {
  providers: Provider[];
  /** The sandbox holds no agents: those of the spec's examples keep their names there, any other is named by its id. */
  agentNames: Map<string, string>;
}
type Context = SandboxContext<Memory>;

/** An id in Cartesia's style: a prefix and twelve letters or digits (`pn_4cN8vB2xQ7rT`). */
const newId = (prefix: 'pn' | 'prov', context: SandboxTools) => `${prefix}_${context.uuid().replaceAll('-', '').slice(0, 12)}`;
/** Cartesia's times are UTC to the second. */
const timestamp = (context: SandboxTools) =>
  context
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
/** Cartesia shows a Twilio API key SID with all but its first six and last four characters masked. */
const masked = (sid: string) => `${sid.slice(0, 6)}${'*'.repeat(Math.max(0, sid.length - 10))}${sid.slice(-4)}`;
const agentOf = (id: string | null | undefined, { memory }: Context) => (id == null ? null : { id, name: memory.agentNames.get(id) ?? id });
/** Whether a filter parameter lets `value` through: an absent one lets everything through. */
const matches = (wanted: string | null, value: string | undefined) => wanted === null || wanted === value;
const providerIdOf = ({ provider }: Held) => ('id' in provider ? provider.id : undefined);

/** A provider as a number shows it: a Twilio account whole, a SIP trunk by its id and label only. */
const summary = (provider: Provider): Held['provider'] =>
  provider.type === 'twilio' ? provider : { type: 'sip_trunk', id: provider.id, ...(provider.label === undefined ? {} : { label: provider.label }) };

/** A number Cartesia has just added, answered by `agentId` (outbound-only without one). */
function added(context: Context, fields: Pick<Held, 'id' | 'label' | 'number' | 'provider'>, agentId: string | null | undefined): Held {
  const now = timestamp(context);
  return { ...fields, agent: agentOf(agentId, context), created_at: now, updated_at: now };
}

/** The linked provider a reference names: by id, or a Twilio account by its SID and region (`us1` unless named). */
function linked(reference: Schemas['ProviderReference'], context: Context): Provider {
  const found = context.memory.providers.find((provider) =>
    'id' in reference
      ? provider.id === reference.id
      : provider.type === 'twilio' && provider.account_sid === reference.account_sid && provider.region === (reference.region ?? 'us1'),
  );
  return found ?? context.fail('not-found');
}

const providerAt = (id: string, context: Context) => context.memory.providers.find((provider) => provider.id === id) ?? context.fail('not-found');

/** A SIP trunk's inbound side after `changes` (merge-patch; `null` credentials clear the username), with Cartesia's defaults. */
function inbound(current: Schemas['SipTrunkInboundDetails'] | undefined, changes: Schemas['SipTrunkInboundUpdate']): Schemas['SipTrunkInboundDetails'] {
  return {
    allowed_addresses: changes.allowed_addresses ?? current?.allowed_addresses ?? [],
    allowed_numbers: changes.allowed_numbers ?? current?.allowed_numbers ?? [],
    auth_username: changes.credentials === undefined ? (current?.auth_username ?? '') : (changes.credentials?.username ?? ''),
    media_encryption: changes.media_encryption ?? current?.media_encryption ?? 'allowed',
  };
}

/** A SIP trunk's outbound side after `changes`; its address and transport are set once, when outbound is added. */
function outbound(
  current: Schemas['SipTrunkOutboundDetails'] | undefined,
  changes: Schemas['SipTrunkOutboundUpdate'],
  context: Context,
): Schemas['SipTrunkOutboundDetails'] {
  const address = current?.address ?? changes.address;
  const transport = current?.transport ?? changes.transport;
  if (address === undefined || transport === undefined || (changes.address ?? address) !== address || (changes.transport ?? transport) !== transport) {
    context.fail('refused');
  }
  return {
    address,
    transport,
    destination_country: changes.destination_country === undefined ? (current?.destination_country ?? '') : (changes.destination_country ?? ''),
    media_encryption: changes.media_encryption ?? current?.media_encryption ?? 'disabled',
    auth_username: changes.credentials === undefined ? (current?.auth_username ?? '') : (changes.credentials?.username ?? ''),
  };
}

/** A new linked provider, as Cartesia shows it: without the secrets it was sent. */
function linkProvider(request: Schemas['CreateProviderRequest'], context: Context): Provider {
  const id = newId('prov', context);
  if (request.type === 'sip_trunk') {
    return {
      type: 'sip_trunk',
      id,
      label: request.label,
      ...(request.inbound === undefined ? {} : { inbound: inbound(undefined, request.inbound) }),
      ...(request.outbound === undefined ? {} : { outbound: outbound(undefined, request.outbound, context) }),
    };
  }
  const region = request.region ?? 'us1';
  // Each Twilio account and region is linked once (409): its key changes with an update instead.
  if (context.memory.providers.some((provider) => provider.type === 'twilio' && provider.account_sid === request.account_sid && provider.region === region)) {
    context.fail('refused');
  }
  const { account_sid, api_key_sid, label } = request;
  return { type: 'twilio', id, account_sid, api_key_sid: masked(api_key_sid), region, ...(label === undefined ? {} : { label }) };
}

/** A provider after an update of its type (400 for another type). */
function changedProvider(current: Provider, request: Schemas['UpdateProviderRequest'], context: Context): Provider {
  if (current.type === 'twilio') {
    if (request.type !== 'twilio') context.fail('refused');
    return { ...current, api_key_sid: masked(request.api_key_sid), region: request.region ?? current.region };
  }
  if (request.type !== 'sip_trunk') context.fail('refused');
  return {
    ...current,
    ...(request.label === undefined ? {} : { label: request.label }),
    ...(request.inbound === undefined ? {} : { inbound: inbound(current.inbound, request.inbound) }),
    ...(request.outbound === undefined ? {} : { outbound: outbound(current.outbound, request.outbound, context) }),
  };
}

/**
 * Cartesia for `@switchboard/mocks`' sandbox: numbers are addressed by their id and listed after an
 * id (`starting_after`, `ending_before`) under Cartesia's filters; a provisioned number is a new US
 * number of Cartesia's own, an imported one goes through a linked provider, which the sandbox keeps
 * too (starting from the spec's example providers); `agent_id: null` unassigns, and a number an
 * agent answers is not deleted (400). Secrets sent to link a provider are never kept.
 */
export const sandbox = {
  vendor: 'cartesia',
  key: 'id',
  unique: ['number'],
  operations: {
    listPhoneNumbers: {
      kind: 'list',
      paging: { style: 'after', after: 'starting_after', before: 'ending_before', limit: 'limit', answer: (data, more) => ({ data, has_more: more }) },
      filter(number, query) {
        const search = query.get('q')?.toLowerCase();
        return (
          matches(query.get('agent_id'), number.agent?.id) &&
          matches(query.get('provider_id'), providerIdOf(number)) &&
          matches(query.get('type'), number.provider.type) &&
          (search === undefined || [number.number, number.label, number.agent?.name].some((text) => text?.toLowerCase().includes(search)))
        );
      },
    },
    getPhoneNumber: { kind: 'get' },
    importPhoneNumber: {
      kind: 'create',
      create({ body }, context) {
        const { label, number, provider, agent_id } = body as Schemas['ImportPhoneNumberRequest'];
        return added(context, { id: newId('pn', context), label, number, provider: summary(linked(provider, context)) }, agent_id);
      },
    },
    provisionPhoneNumber: {
      kind: 'create',
      create({ body }, context) {
        const { label, agent_id } = body as Schemas['ProvisionPhoneNumberRequest'];
        const [number] = context.freshNumbers(1);
        return added(context, { id: newId('pn', context), label, number: number!, provider: { type: 'cartesia' } }, agent_id);
      },
      // Cartesia answers a provision with the common fields only.
      show: ({ provider: _cartesia, ...base }) => base,
    },
    updatePhoneNumber: {
      kind: 'update',
      update(number, { body }, context) {
        const { label, agent_id, provider } = body as Schemas['UpdatePhoneNumberRequest'];
        const target = provider === undefined ? undefined : linked(provider, context);
        // A number moves only to another provider of its type (400).
        if (target !== undefined && target.type !== number.provider.type) context.fail('refused');
        return {
          ...number,
          ...(label === undefined ? {} : { label }),
          ...(agent_id === undefined ? {} : { agent: agentOf(agent_id, context) }),
          ...(target === undefined ? {} : { provider: summary(target) }),
          updated_at: timestamp(context),
        };
      },
    },
    deletePhoneNumber: {
      kind: 'delete',
      check(number, context) {
        if (number.agent !== null) context.fail('refused');
      },
    },
    listProviders: {
      kind: 'custom',
      answer: ({ query }, _held, { memory }) =>
        memory.providers.filter(
          (provider) =>
            matches(query.get('type'), provider.type) && matches(query.get('account_sid'), provider.type === 'twilio' ? provider.account_sid : undefined),
        ),
    },
    getProvider: { kind: 'custom', answer: ({ path }, _held, context) => providerAt(path.id!, context) },
    createProvider: {
      kind: 'custom',
      answer({ body }, _held, context) {
        const provider = linkProvider(body as Schemas['CreateProviderRequest'], context);
        context.memory.providers.push(provider);
        return provider;
      },
    },
    updateProvider: {
      kind: 'custom',
      answer({ path, body }, held, context) {
        const current = providerAt(path.id!, context);
        const updated = changedProvider(current, body as Schemas['UpdateProviderRequest'], context);
        context.memory.providers.splice(context.memory.providers.indexOf(current), 1, updated);
        // Numbers show their provider as it is now.
        for (const number of held) if (providerIdOf(number) === updated.id) number.provider = summary(updated);
        return updated;
      },
    },
    deleteProvider: {
      kind: 'custom',
      answer({ path }, held, context) {
        const provider = providerAt(path.id!, context);
        // A provider that still has numbers stays (409).
        if (held.some((number) => providerIdOf(number) === provider.id)) context.fail('refused');
        context.memory.providers.splice(context.memory.providers.indexOf(provider), 1);
      },
    },
  },
  seed: ({ id, number, agent, name }, context) => added(context, { id, label: name ?? null, number, provider: { type: 'cartesia' } }, agent),
  memory: (tools) => ({
    providers: structuredClone(tools.example('listProviders') as Provider[]),
    agentNames: new Map(
      (tools.example('listPhoneNumbers') as Schemas['PhoneNumberPage']).data.flatMap(({ agent }) => (agent === null ? [] : [[agent.id, agent.name] as const])),
    ),
  }),
} satisfies SandboxDescriptor<Held, Memory>;

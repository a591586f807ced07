import type { components } from '@switchboard/elevenlabs-types';
import type { SandboxContext, SandboxDescriptor } from '@switchboard/mocks';

type Schemas = components['schemas'];
type Held = Schemas['PhoneNumber'];
type InboundConfig = Schemas['InboundSipTrunkConfig'];
type OutboundConfig = Schemas['OutboundSipTrunkConfig'];

/** An id shaped like ElevenLabs' own: `phnum_` and 20 letters and digits. */
const newId = (context: SandboxContext) => `phnum_${context.uuid().replaceAll('-', '').slice(0, 20)}`;
/** The agent a number is assigned to, as ElevenLabs shows it (the sandbox holds no agents: the id stands for the name). */
const assigned = (agentId: string | null | undefined) => (agentId == null ? null : { agent_id: agentId, agent_name: agentId });

/** What the unpaged list and the v2 list both filter by: the provider and the agent. */
function matches(number: Held, query: URLSearchParams): boolean {
  const provider = query.get('provider');
  const agent = query.get('agent_id');
  return (provider === null || number.provider === provider) && (agent === null || number.assigned_agent?.agent_id === agent);
}

/** Trunk settings as ElevenLabs answers them: its defaults filled in, the username kept, the password never. */
function inboundTrunk({ credentials, allowed_addresses, allowed_numbers, media_encryption, ...rest }: InboundConfig): Schemas['InboundSipTrunk'] {
  return {
    ...rest,
    allowed_addresses: allowed_addresses ?? [],
    allowed_numbers: allowed_numbers ?? null,
    media_encryption: media_encryption ?? 'allowed',
    has_auth_credentials: credentials != null,
    username: credentials?.username ?? null,
  };
}
function outboundTrunk({ credentials, transport, media_encryption, ...rest }: OutboundConfig): Schemas['OutboundSipTrunk'] {
  return {
    ...rest,
    transport: transport ?? 'auto',
    media_encryption: media_encryption ?? 'allowed',
    has_auth_credentials: credentials != null,
    username: credentials?.username ?? null,
    has_outbound_trunk: true,
  };
}

/**
 * ElevenLabs Agents for `@switchboard/mocks`' sandbox: an import holds the number under a new
 * `phone_number_id` and answers that id alone, keeping none of its credentials (ElevenLabs shows no
 * Twilio or Exotel credential and no SIP password, only whether trunk credentials are set and their
 * username); an update sets the fields it sends (`agent_id: null` takes the agent off) and a
 * SIP-trunk number's trunk settings. Both lists filter by provider and agent; a sandbox number's
 * SIP message log is empty, since no call is ever made.
 */
export const sandbox = {
  vendor: 'elevenlabs',
  key: 'phone_number_id',
  operations: {
    listPhoneNumbers: { kind: 'custom', answer: ({ query }, held) => held.filter((number) => matches(number, query)) },
    listPhoneNumbersPaginated: {
      kind: 'list',
      filter: matches,
      paging: {
        style: 'cursor',
        cursor: 'cursor',
        limit: 'page_size',
        answer: (phone_numbers, next) => ({ phone_numbers, next_cursor: next, has_more: next !== null }),
      },
    },
    importPhoneNumber: {
      kind: 'create',
      create({ body }, context) {
        const request = body as Schemas['ImportPhoneNumberRequest'];
        const common = {
          phone_number_id: newId(context),
          phone_number: request.phone_number,
          label: request.label,
          assigned_agent: assigned(request.agent_id),
          supports_inbound: request.supports_inbound ?? true,
          supports_outbound: request.supports_outbound ?? true,
        };
        if (request.provider !== 'sip_trunk') return { ...common, provider: request.provider };
        return {
          ...common,
          provider: 'sip_trunk',
          livekit_stack: 'standard',
          store_sip_messages: true,
          inbound_trunk: request.inbound_trunk_config == null ? null : inboundTrunk(request.inbound_trunk_config),
          outbound_trunk: request.outbound_trunk_config == null ? null : outboundTrunk(request.outbound_trunk_config),
        };
      },
      show: ({ phone_number_id }) => ({ phone_number_id }),
    },
    getPhoneNumber: { kind: 'get' },
    updatePhoneNumber: {
      kind: 'update',
      update(number, { body }) {
        const { agent_id, branch_id, environment, label, inbound_trunk_config, outbound_trunk_config, livekit_stack, store_sip_messages } =
          body as Schemas['UpdatePhoneNumberRequest'];
        const agent = agent_id === undefined ? number.assigned_agent : assigned(agent_id);
        const updated: Held = {
          ...number,
          ...(label == null ? {} : { label }),
          assigned_agent:
            agent == null ? null : { ...agent, ...(branch_id === undefined ? {} : { branch_id }), ...(environment === undefined ? {} : { environment }) },
        };
        if (updated.provider !== 'sip_trunk') return updated;
        return {
          ...updated,
          ...(inbound_trunk_config === undefined ? {} : { inbound_trunk: inbound_trunk_config === null ? null : inboundTrunk(inbound_trunk_config) }),
          ...(outbound_trunk_config === undefined ? {} : { outbound_trunk: outbound_trunk_config === null ? null : outboundTrunk(outbound_trunk_config) }),
          ...(livekit_stack == null ? {} : { livekit_stack }),
          ...(store_sip_messages == null ? {} : { store_sip_messages }),
        };
      },
    },
    deletePhoneNumber: { kind: 'delete' },
    listSipMessages: {
      kind: 'custom',
      answer({ path }, held, context) {
        if (!held.some((number) => number.phone_number_id === path.phone_number_id)) context.fail('not-found');
        return { sip_messages: [], next_cursor: null, has_more: false };
      },
    },
  },
  seed: ({ id, number, agent, name }) => ({
    provider: 'twilio',
    phone_number_id: id,
    phone_number: number,
    // Every ElevenLabs number has a label: one without a name is labelled with its number.
    label: name ?? number,
    assigned_agent: assigned(agent),
    supports_inbound: true,
    supports_outbound: true,
  }),
} satisfies SandboxDescriptor<Held>;

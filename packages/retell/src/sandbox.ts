import type { SandboxContext, SandboxDescriptor } from '@switchboard/mocks';
import type { components } from '@switchboard/retell-types';

type Schemas = components['schemas'];
type Held = Schemas['PhoneNumber'];

/** `+14155550123` as Retell writes it for people: `+1 (415) 555-0123`. */
const pretty = (number: string) => number.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '+1 ($1) $2-$3');
const modified = (context: SandboxContext) => context.now().getTime();

/**
 * Retell for `@switchboard/mocks`' sandbox: numbers are addressed by the number; a bought number
 * is the one asked for or a new one in the area code (Retell's Twilio unless `number_provider`
 * says Telnyx), an imported one is `custom` behind the caller's SIP trunk; an update sets each
 * field it sends (`inbound_agents: null` unlinks, `nickname: null` clears), and every change
 * moves `last_modification_timestamp`.
 */
export const sandbox = {
  vendor: 'retell',
  key: 'phone_number',
  operations: {
    listPhoneNumbers: {
      kind: 'list',
      paging: {
        style: 'cursor',
        cursor: 'pagination_key',
        limit: 'limit',
        answer: (items, next) => ({ items, has_more: next !== null, ...(next === null ? {} : { pagination_key: next }) }),
      },
    },
    getPhoneNumber: { kind: 'get' },
    createPhoneNumber: {
      kind: 'create',
      create({ body }, context) {
        const {
          phone_number,
          area_code,
          number_provider,
          toll_free: _tollFree,
          country_code: _country,
          transport: _transport,
          ...settings
        } = body as Schemas['CreatePhoneNumberRequest'];
        const number = phone_number ?? context.freshNumbers(1, area_code === undefined ? undefined : String(area_code))[0]!;
        return {
          ...settings,
          phone_number: number,
          phone_number_type: number_provider === 'telnyx' ? 'retell-telnyx' : 'retell-twilio',
          phone_number_pretty: pretty(number),
          ...(area_code === undefined ? {} : { area_code }),
          last_modification_timestamp: modified(context),
        };
      },
    },
    importPhoneNumber: {
      kind: 'create',
      create({ body }, context) {
        const {
          phone_number,
          termination_uri,
          sip_trunk_auth_username,
          sip_trunk_auth_password: _secret,
          ignore_e164_validation: _unchecked,
          transport,
          ...settings
        } = body as Schemas['ImportPhoneNumberRequest'];
        return {
          ...settings,
          phone_number,
          phone_number_type: 'custom',
          phone_number_pretty: pretty(phone_number),
          sip_outbound_trunk_config: {
            termination_uri,
            ...(sip_trunk_auth_username === undefined ? {} : { auth_username: sip_trunk_auth_username }),
            ...(transport == null ? {} : { transport }),
          },
          last_modification_timestamp: modified(context),
        } as Held;
      },
    },
    updatePhoneNumber: {
      kind: 'update',
      update(number, { body }, context) {
        const { termination_uri, auth_username, auth_password: _secret, transport, ...changes } = body as Schemas['UpdatePhoneNumberRequest'];
        const trunk = { termination_uri, auth_username, transport };
        const trunkChanges = Object.fromEntries(Object.entries(trunk).filter(([, value]) => value !== undefined));
        return {
          ...number,
          ...changes,
          ...(Object.keys(trunkChanges).length === 0 ? {} : { sip_outbound_trunk_config: { ...number.sip_outbound_trunk_config, ...trunkChanges } }),
          last_modification_timestamp: modified(context),
        } as Held;
      },
    },
    deletePhoneNumber: { kind: 'delete' },
  },
  seed: ({ number, agent, name }, context) => ({
    phone_number: number,
    phone_number_type: 'retell-twilio',
    phone_number_pretty: pretty(number),
    nickname: name ?? null,
    inbound_agents: agent === null ? null : [{ agent_id: agent, weight: 1 }],
    last_modification_timestamp: modified(context),
  }),
} satisfies SandboxDescriptor<Held>;

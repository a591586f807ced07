/**
 * A small in-memory `PhoneNumberProviderV1`, for the facade's own logic (validation, paging,
 * finding, redacting what a vendor echoes, the switchboard): it knows no vendor, answers from the
 * numbers it is given, and records every call the facade makes of it, with the arguments as the
 * facade passed them.
 */
import {
  type AvailableNumber,
  type Capabilities,
  CREATE_TYPES,
  type CreateType,
  type PhoneNumberProviderV1,
  type ProviderPhoneNumber,
  type ProviderPhoneNumberPage,
} from '@switchboard/phone-numbers';

/** What the fake's numbers hold as their vendor's own object. */
export interface FakeRaw {
  id: string;
  number: string;
  /** Held as a vendor echoes a credential back: the facade must redact it. */
  password?: string;
}

export type FakeProvider = PhoneNumberProviderV1<string, FakeRaw, Capabilities, { label?: string }> & {
  /** Every call the facade made, in order: the method and its arguments. */
  readonly calls: { method: string; args: unknown[] }[];
};

export interface FakeOptions {
  vendor?: string;
  idRule?: 'opaque' | 'e164';
  /** The numbers it holds (default: three PSTN numbers with opaque ids). */
  numbers?: FakeRaw[];
  /** Create types it refuses (default: none). */
  refuses?: readonly CreateType[];
  /** Whether it has `searchAvailable` and `findByNumber` (default: both). */
  searchAvailable?: boolean;
  findByNumber?: boolean;
  /**
   * The page a listing answers for a cursor (default: pages of `limit` numbers, the next offset as
   * the cursor); a numbered page may say which page is the last (`lastPage`).
   */
  page?: (cursor: string | undefined, limit: number | undefined) => FakePage | Promise<FakePage>;
  /** Replaces create (to fail as a vendor would). */
  create?: () => Promise<never>;
}

type FakePage = ProviderPhoneNumberPage<FakeProvider> & { lastPage?: number };

export const FAKE_NUMBERS: FakeRaw[] = [
  { id: 'fake-1', number: '+14155550101' },
  { id: 'fake-2', number: '+14155550102' },
  { id: 'fake-3', number: '+14155550103' },
];

/** The neutral number of a raw one. */
export function fakeNumber(vendor: string, raw: FakeRaw): ProviderPhoneNumber<FakeProvider> {
  return { vendor, id: raw.id, number: raw.number, kind: 'pstn', canReceiveCalls: null, canPlaceCalls: null, agentId: null, name: null, createdAt: null, raw };
}

export function fakeProvider(options: FakeOptions = {}): FakeProvider {
  const vendor = options.vendor ?? 'fake';
  const numbers = options.numbers ?? FAKE_NUMBERS;
  const calls: FakeProvider['calls'] = [];
  const record = (method: string, args: unknown[]) => void calls.push({ method, args });
  const toNumber = (raw: FakeRaw) => fakeNumber(vendor, raw);
  const byId = (id: string) => {
    const found = numbers.find((raw) => raw.id === id);
    if (!found) throw new Error(`fake: no number ${id}`);
    return toNumber(found);
  };
  const refused = new Set(options.refuses ?? []);
  const searchable = options.searchAvailable ?? true;

  const provider: FakeProvider = {
    specificationVersion: 'v1',
    vendor,
    capabilities: {
      list: true,
      get: true,
      update: true,
      release: true,
      searchAvailable: searchable,
      create: Object.fromEntries(CREATE_TYPES.map((type) => [type, !refused.has(type)])) as Capabilities['create'],
    },
    idRule: options.idRule ?? 'opaque',
    vendorOptions: { schema: { type: 'object', properties: { label: { type: 'string', maxLength: 10 } }, additionalProperties: false }, schemas: {} },
    secretFields: ['password'],
    calls,

    async list(query, call) {
      record('list', [query, call]);
      if (options.page) return options.page(query.cursor, query.limit);
      const offset = query.cursor === undefined ? 0 : Number(query.cursor);
      const end = offset + (query.limit ?? numbers.length);
      return { items: numbers.slice(offset, end).map(toNumber), nextCursor: end < numbers.length ? String(end) : null };
    },
    async get(id, call) {
      record('get', [id, call]);
      return byId(id);
    },
    async create(input, vendorOptions, call) {
      record('create', [input, vendorOptions, call]);
      if (options.create) return options.create();
      return toNumber({ id: 'fake-created', number: 'number' in input && input.number !== undefined ? input.number : '+14155550199' });
    },
    async update(id, changes, call) {
      record('update', [id, changes, call]);
      return byId(id);
    },
    async release(id, call) {
      record('release', [id, call]);
    },
    ...(searchable
      ? {
          async searchAvailable(query, call): Promise<AvailableNumber[]> {
            record('searchAvailable', [query, call]);
            return [{ vendor, number: '+14155550111' }];
          },
        }
      : {}),
    ...(options.findByNumber === false
      ? {}
      : {
          async findByNumber(number, call) {
            record('findByNumber', [number, call]);
            const found = numbers.find((raw) => raw.number === number);
            return found ? toNumber(found) : null;
          },
        }),
  };
  return provider;
}

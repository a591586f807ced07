import {
  type AvailableNumber,
  isVendorFailure,
  PartialFailureError,
  type PhoneNumber,
  type Switchboard,
  UnsupportedOperationError,
  type VendorFailure,
  type VendorName,
} from '@switchboard/phone-numbers';
import type { Command, FileCommand } from './args.js';
import { MockStartError } from './mocks.js';

/** What a command produced, for output.ts to print as a table or JSON. */
export type Outcome =
  /** `single`: one number asked for by id or made (a JSON object, not an array). */
  | { kind: 'numbers'; numbers: PhoneNumber[]; single: boolean; verb?: string; failures?: readonly VendorFailure[] }
  | { kind: 'available'; numbers: AvailableNumber[] }
  | { kind: 'released'; vendor: VendorName; id: string };

export async function runCommand(command: Exclude<Command, FileCommand>, switchboard: Switchboard, progress: (text: string) => void): Promise<Outcome> {
  switch (command.name) {
    case 'list': {
      const vendors = command.vendor === undefined ? switchboard.vendors : [command.vendor];
      progress(`Listing ${vendors.join(', ')}…`);
      const numbers: PhoneNumber[] = [];
      // One failing vendor does not hide the others: list what the rest have, then say what failed.
      const failures: VendorFailure[] = [];
      if (command.limit === undefined) {
        const all = command.vendor === undefined ? switchboard.listAll() : switchboard.for(command.vendor).listAll();
        try {
          for await (const number of all) numbers.push(number);
        } catch (error) {
          if (!PartialFailureError.isInstance(error)) throw error;
          failures.push(...error.failures);
        }
        // The embedded mocks failing is one problem, not one per vendor.
        const mocks = failures.find(({ error }) => error.cause instanceof MockStartError);
        if (mocks) throw mocks.error;
      } else {
        // One page per vendor: --limit bounds what is fetched, not just what is shown.
        for (const vendor of vendors) {
          try {
            numbers.push(...(await switchboard.for(vendor).list({ limit: command.limit })).items);
          } catch (error) {
            if (vendors.length === 1 || !isVendorFailure(error) || error.cause instanceof MockStartError) throw error;
            failures.push({ vendor, error });
          }
        }
      }
      return { kind: 'numbers', numbers, single: false, ...(failures.length > 0 ? { failures } : {}) };
    }
    case 'get':
      progress(`Getting the ${command.vendor} number…`);
      return one(await switchboard.for(command.vendor).get(command.id));
    case 'create': {
      const numbers = switchboard.for(command.vendor);
      const { type } = command.input;
      // The facade checks the fields first; a type the vendor lacks is the more useful message.
      if (!numbers.capabilities.create[type]) {
        throw new UnsupportedOperationError(command.vendor, `create:${type}`, `${command.vendor} cannot create a "${type}" number`);
      }
      progress(`Creating a ${command.vendor} number…`);
      return one(await numbers.create(command.input), 'created');
    }
    case 'link':
      progress(`Linking the ${command.vendor} number…`);
      return one(await switchboard.for(command.vendor).update(command.id, { agentId: command.agentId }), 'linked');
    case 'unlink':
      progress(`Unlinking the ${command.vendor} number…`);
      return one(await switchboard.for(command.vendor).update(command.id, { agentId: null }), 'unlinked');
    case 'release':
      progress(`Releasing the ${command.vendor} number…`);
      await switchboard.for(command.vendor).release(command.id);
      return { kind: 'released', vendor: command.vendor, id: command.id };
    case 'search':
      progress(`Searching ${command.vendor}…`);
      return { kind: 'available', numbers: await switchboard.for(command.vendor).searchAvailable(command.query) };
  }
}

function one(number: PhoneNumber, verb?: string): Outcome {
  return { kind: 'numbers', numbers: [number], single: true, ...(verb === undefined ? {} : { verb }) };
}

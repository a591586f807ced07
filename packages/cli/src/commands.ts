import { type AvailableNumber, type PhoneNumber, type Switchboard, UnsupportedOperationError, type VendorName } from '@switchboard/phone-numbers';
import type { Command } from './args.js';

/** What a command produced, for output.ts to print as a table or JSON. */
export type Outcome =
  /** `single`: one number asked for by id or made (a JSON object, not an array). */
  | { kind: 'numbers'; numbers: PhoneNumber[]; single: boolean; verb?: string }
  | { kind: 'available'; numbers: AvailableNumber[] }
  | { kind: 'released'; vendor: VendorName; id: string };

export async function runCommand(command: Command, switchboard: Switchboard, progress: (text: string) => void): Promise<Outcome> {
  switch (command.name) {
    case 'list': {
      const vendors = command.vendor === undefined ? switchboard.vendors : [command.vendor];
      progress(`Listing ${vendors.join(', ')}…`);
      const numbers: PhoneNumber[] = [];
      if (command.limit === undefined) {
        const all = command.vendor === undefined ? switchboard.listAll() : switchboard.for(command.vendor).listAll();
        for await (const number of all) numbers.push(number);
      } else {
        // One page per vendor: --limit bounds what is fetched, not just what is shown.
        for (const vendor of vendors) numbers.push(...(await switchboard.for(vendor).list({ limit: command.limit })).items);
      }
      return { kind: 'numbers', numbers, single: false };
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

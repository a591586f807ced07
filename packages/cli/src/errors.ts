import { SwitchboardError, UnsupportedOperationError, ValidationError, VENDOR_CAPABILITIES, type VendorName } from '@switchboard/phone-numbers';
import { CREATE_FIELD_FLAGS, type CreateField, secretVariable, UsageError, VENDORS } from './args.js';
import { ConfigError } from './environment.js';
import { MockStartError } from './mocks.js';

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The facade's field names, as the flags (or argument) the user typed them with; a secret by its variable. */
const FIELD_FLAGS: Record<string, string> = {
  ...Object.fromEntries(
    Object.entries(CREATE_FIELD_FLAGS).map(([field, { flag, secret }]) => [field, secret ? secretVariable(field as CreateField) : `--${flag}`]),
  ),
  agentId: '--agent',
  prefix: '--prefix',
  country: '--country',
  limit: '--limit',
  type: '--type',
  id: '<id>',
};

/**
 * The one line and exit status an error ends the run with. Only messages are shown, never
 * stacks or values: the facade's messages are redacted and name fields, not what was typed.
 */
export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof UsageError) return { message: `${error.message} (see switchboard --help)`, exitCode: EXIT_USAGE };
  const mockFailure = findCause(error, MockStartError);
  if (mockFailure) return { message: `could not start the embedded mocks: ${firstLine(mockFailure.message)}`, exitCode: EXIT_FAILURE };
  if (ValidationError.isInstance(error)) return { message: validationMessage(error), exitCode: EXIT_FAILURE };
  if (UnsupportedOperationError.isInstance(error)) return { message: unsupportedMessage(error), exitCode: EXIT_FAILURE };
  if (SwitchboardError.isInstance(error) || error instanceof ConfigError) return { message: error.message, exitCode: EXIT_FAILURE };
  // A bug of ours: still one line, no stack.
  return { message: error instanceof Error ? firstLine(error.message) : String(error), exitCode: EXIT_FAILURE };
}

/** SDK names inside the facade's messages (`areaCode`, `searchAvailable`), said the CLI's way. */
const SDK_NAMES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(FIELD_FLAGS).filter(([field]) => /[A-Z]/.test(field))),
  searchAvailable: 'numbers search',
};

/** `--flag: reason`, from the error's own fields; names of other fields in the reason said the CLI's way too. */
function validationMessage(error: ValidationError): string {
  const reason = error.reason.replace(/\b[a-z]+[A-Z][A-Za-z]*\b/g, (name) => SDK_NAMES[name] ?? name);
  return `${FIELD_FLAGS[error.field] ?? error.field}: ${reason}`;
}

/** Say what is supported instead, from the facade's own capabilities. */
function unsupportedMessage(error: UnsupportedOperationError): string {
  if (error.operation === 'searchAvailable') {
    const able = VENDORS.filter((vendor) => VENDOR_CAPABILITIES[vendor].searchAvailable);
    return `${error.vendor} cannot search for numbers to buy (numbers search works with: ${able.join(', ')})`;
  }
  const type = /^create:(.+)$/.exec(error.operation)?.[1];
  const create = VENDOR_CAPABILITIES[error.vendor as VendorName]?.create;
  if (type !== undefined && create) {
    const types = Object.entries(create).flatMap(([name, supported]) => (supported ? [name] : []));
    return `${error.message} (--type for ${error.vendor}: ${types.join(', ')})`;
  }
  return error.message;
}

/** `error`, or the first of its causes, that is a `type`. */
export function findCause<T extends Error>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    if (current instanceof type) return current;
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!;
}

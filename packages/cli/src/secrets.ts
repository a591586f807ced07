import type { CreatePhoneNumberInput } from '@switchboard/phone-numbers';
import { type CreateField, SECRET_FIELDS, secretVariable, stdinFlag, takesField, UsageError } from './args.js';

/** Far more than any password or token (the facade takes 512 characters); reading stops there, so memory stays bounded. */
const MAX_STDIN_BYTES = 64 * 1024;

/**
 * A create's input with its secrets: the field `--<flag>-stdin` names from standard input, and
 * every other secret field the create type takes, unless its flag gave it, from its variable when
 * that is set (an empty variable counts as unset, as for API keys).
 */
export async function withSecrets(
  input: CreatePhoneNumberInput,
  fromStdin: CreateField | undefined,
  env: NodeJS.ProcessEnv,
  stdin: NodeJS.ReadStream,
): Promise<CreatePhoneNumberInput> {
  const secrets: Partial<Record<CreateField, string>> = {};
  for (const field of SECRET_FIELDS) {
    const value = env[secretVariable(field)] ?? '';
    if (value !== '' && takesField(input.type, field) && !Object.hasOwn(input, field)) secrets[field] = value;
  }
  if (fromStdin !== undefined) secrets[fromStdin] = await readSecret(stdin, `--${stdinFlag(fromStdin)}`);
  return { ...input, ...secrets } as CreatePhoneNumberInput;
}

/** All of standard input but the line break `echo secret |` ends it with. */
async function readSecret(stdin: NodeJS.ReadStream, flag: string): Promise<string> {
  // A terminal would show the secret as it is typed.
  if (stdin.isTTY) throw new UsageError(`${flag} reads the secret from a pipe or a file (… | switchboard …), not from a terminal`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_STDIN_BYTES) throw new UsageError(`${flag}: standard input holds more than ${MAX_STDIN_BYTES} bytes`);
    chunks.push(chunk);
  }
  const secret = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (secret === '') throw new UsageError(`${flag}: standard input is empty`);
  return secret;
}

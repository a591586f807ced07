import { once } from 'node:events';
import type { VendorName } from '@switchboard/phone-numbers';
import { VENDORS } from './args.js';
import { baseUrlVariable, keyVariable } from './environment.js';
import { MockStartError, startEmbedded } from './mocks.js';

/**
 * `switchboard sandbox`: the embedded sandbox kept running until Ctrl-C (or SIGTERM), so several
 * runs of the CLI — or any client — share its numbers. Prints, on stdout, the variables that point
 * the CLI at it; any API key works (Prism checks that one is sent). Resolves with the exit status:
 * 0 once stopped, 130 (143) when interrupted while starting.
 */
export async function serveSandbox(vendor: VendorName | undefined, say: (line: string) => void): Promise<number> {
  const vendors = vendor === undefined ? [...VENDORS] : [vendor];
  const stopping = new AbortController();
  const stop = (signal: NodeJS.Signals) => stopping.abort(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    say(`Starting the sandbox of ${vendors.join(', ')}…`);
    const sandbox = await startEmbedded('sandbox', vendors, stopping.signal);
    const lines = vendors.flatMap((served) => [`export ${keyVariable(served)}=sandbox`, `export ${baseUrlVariable(served)}=${sandbox.urls[served]}`]);
    process.stdout.write(`${lines.join('\n')}\n`);
    say('The sandbox keeps its numbers until Ctrl-C. Set the variables above in another shell and run switchboard there, without --mock or --sandbox.');
    if (!stopping.signal.aborted) await once(stopping.signal, 'abort');
    await sandbox.stop();
    return 0;
  } catch (error) {
    // Ctrl-C reaches the Prism processes too: one of them dying of it is the same interruption.
    const signal = stopping.signal.aborted ? (stopping.signal.reason as NodeJS.Signals) : error instanceof MockStartError ? error.killedBy : null;
    if (signal !== 'SIGINT' && signal !== 'SIGTERM') throw error;
    say('interrupted');
    return signal === 'SIGINT' ? 130 : 143;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

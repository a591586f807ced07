// Section 5: what a consumer's type-check pays for our types. `tsc --noEmit` over a one-file
// consumer that uses the facade, over one that uses the Vapi SDK, and over one that imports
// nothing (the baseline), in interleaved rounds; a figure is the median extra time over the
// baseline. The consumers live in a temporary folder inside bench/, so bare specifiers resolve
// through bench/node_modules as a consumer's would. skipLibCheck is on, as in most apps.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BENCH_DIR } from './child.mjs';
import { atMost, entry, interleave, median, round } from './stats.mjs';

const CONSUMERS = {
  baseline: `export const n: number = 1;\n`,
  facade: `import { createPhoneNumbers } from '@switchboard/phone-numbers';
const vapi = createPhoneNumbers({ vendor: 'vapi', apiKey: 'key' });
export const first = (await vapi.list({ limit: 10 })).items[0]?.raw.provider;
export const created = await vapi.create({ type: 'purchase', areaCode: '415' }, { vendorOptions: { vapi: { name: 'Support' } } });\n`,
  'Vapi SDK': `import { VapiClient } from '@vapi-ai/server-sdk';
const vapi = new VapiClient({ token: 'key' });
export const first = (await vapi.phoneNumbers.list({ limit: 10 }))[0]?.provider;
export const created = await vapi.phoneNumbers.create({ provider: 'vapi', numberDesiredAreaCode: '415', name: 'Support' });\n`,
};
const COMPILER = { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', skipLibCheck: true, noEmit: true, types: [] };

export async function runTypecheck({ rounds = 5 } = {}) {
  const dir = join(BENCH_DIR, '.typecheck');
  const tsc = createRequire(join(BENCH_DIR, 'package.json')).resolve('typescript/bin/tsc');
  rmSync(dir, { recursive: true, force: true });
  for (const name of Object.keys(CONSUMERS)) {
    const folder = join(dir, name.replace(/\W+/g, '-'));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'consumer.mts'), CONSUMERS[name]);
    writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify({ compilerOptions: COMPILER, files: ['consumer.mts'] }));
  }
  const seconds = (name) => {
    const start = process.hrtime.bigint();
    // A type error is a broken benchmark, not a slow one: execFileSync throws on a non-zero exit.
    execFileSync(process.execPath, [tsc, '-p', join(dir, name.replace(/\W+/g, '-'))], { stdio: 'pipe' });
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  try {
    const samples = await interleave(Object.keys(CONSUMERS), async (name) => seconds(name), { rounds, warmup: 1 });
    const extra = (name) => median(samples[name].map((value, i) => value - samples.baseline[i]));
    const detail = { baselineSeconds: round(median(samples.baseline)), rounds };
    return [
      entry('type-check: facade consumer, extra over an empty one', extra('facade'), 's', atMost(0.25), detail),
      entry('type-check: Vapi SDK consumer, extra over an empty one', extra('Vapi SDK'), 's', null, detail),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Section 2 as results.json entries (the measuring is in bundle.mjs, shared with the test).
import { BUDGET, BUDGETED_CONSUMER, GOAL, measureBundles } from './bundle.mjs';
import { atMost, entry } from './stats.mjs';

const kb = (bytes) => bytes / 1000;
const detail = (b) => ({
  minBytes: b.minBytes,
  gzBytes: b.gzBytes,
  ...(b.externals.length ? { externals: b.externals } : {}),
  largestInputs: b.inputs.slice(0, 8).map(({ path, bytes }) => `${path} ${bytes}`),
});

export async function runBundle() {
  const bundles = await measureBundles();
  const sdk = bundles['Vapi SDK, phone-numbers client only'];
  const all = bundles['facade, all three vendors'];
  const entries = [];
  const oneVendor = ['facade, one vendor (vapi)', 'facade, vapi entry point'];
  for (const name of oneVendor) {
    const b = bundles[name];
    const budgeted = name === BUDGETED_CONSUMER ? ` [CI ceiling ${BUDGET.minKb} / ${BUDGET.gzKb} kB: bench/test/bundle-size.test.ts]` : '';
    entries.push(
      entry(`bundle: ${name}, minified${budgeted}`, kb(b.minBytes), 'kB', atMost(GOAL.minKb), detail(b)),
      entry(`bundle: ${name}, gzipped`, kb(b.gzBytes), 'kB', atMost(GOAL.gzKb)),
      { ...entry(`bundle: ${name}, libphonenumber in the bundle`, b.libphonenumber ? 1 : 0, 'found', atMost(0)), goal: 'none' },
      entry(`bundle: ${name} ÷ Vapi SDK phone-numbers client (gzipped)`, b.gzBytes / sdk.gzBytes, '×', null),
    );
  }
  const one = bundles['facade, one vendor (vapi)'];
  entries.push(
    entry('bundle: facade, all three vendors, minified', kb(all.minBytes), 'kB', null, detail(all)),
    entry('bundle: facade, all three vendors, gzipped', kb(all.gzBytes), 'kB', null),
    entry('bundle: createPhoneNumbers one vendor ÷ all three (minified)', one.minBytes / all.minBytes, '×', null, {
      ...(one.minBytes / all.minBytes > 0.9 ? { note: 'near 1: createPhoneNumbers ships every adapter, whichever vendor is used' } : {}),
    }),
    entry('bundle: Vapi SDK phone-numbers client only, minified', kb(sdk.minBytes), 'kB', null, detail(sdk)),
    entry('bundle: Vapi SDK phone-numbers client only, gzipped', kb(sdk.gzBytes), 'kB', null),
  );
  return entries;
}

// Section 2 as results.json entries (the measuring is in bundle.mjs, shared with the test).
import { BUDGET, BUDGETED_CONSUMER, GOAL, measureBundles, ONE_VENDOR_CONSUMERS, otherVendorInputs } from './bundle.mjs';
import { atMost, entry } from './stats.mjs';
import { VENDORS } from './vendors.mjs';

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
  const all = bundles['facade, every vendor'];
  const entries = [];
  for (const name of ONE_VENDOR_CONSUMERS) {
    const b = bundles[name];
    // The ceiling goes in the detail, not the name: names are what a Before column matches by.
    const ceiling = name === BUDGETED_CONSUMER ? { note: `CI ceiling ${BUDGET.minKb} / ${BUDGET.gzKb} kB (bench/test/bundle-size.test.ts)` } : {};
    const others = otherVendorInputs(b, 'vapi');
    entries.push(
      entry(`bundle: ${name}, minified`, kb(b.minBytes), 'kB', atMost(GOAL.minKb), { ...detail(b), ...ceiling }),
      entry(`bundle: ${name}, gzipped`, kb(b.gzBytes), 'kB', atMost(GOAL.gzKb)),
      { ...entry(`bundle: ${name}, other vendors' code in the bundle`, others.length, 'files', atMost(0), others.length ? { others } : {}), goal: 'none' },
      { ...entry(`bundle: ${name}, libphonenumber in the bundle`, b.libphonenumber ? 1 : 0, 'found', atMost(0)), goal: 'none' },
      entry(`bundle: ${name} ÷ Vapi SDK phone-numbers client (gzipped)`, b.gzBytes / sdk.gzBytes, '×', null),
    );
  }
  const byName = bundles['facade, one vendor by name (createPhoneNumbers)'];
  entries.push(
    entry('bundle: facade, one vendor by name (createPhoneNumbers), minified', kb(byName.minBytes), 'kB', null, {
      ...detail(byName),
      note: 'createPhoneNumbers({ vendor }) resolves the name through the registry, so every vendor ships: one-vendor apps use createProviderPhoneNumbers',
    }),
    entry(`bundle: facade, every vendor (${VENDORS.length}), minified`, kb(all.minBytes), 'kB', null, detail(all)),
    entry(`bundle: facade, every vendor (${VENDORS.length}), gzipped`, kb(all.gzBytes), 'kB', null),
    entry('bundle: Vapi SDK phone-numbers client only, minified', kb(sdk.minBytes), 'kB', null, detail(sdk)),
    entry('bundle: Vapi SDK phone-numbers client only, gzipped', kb(sdk.gzBytes), 'kB', null),
  );
  return entries;
}

// An internal team's script: start the Prism mocks shipped in @switchboard/mocks, then list every
// vendor's numbers through the facade, each vendor's client pointed at its mock.
import { startMocks } from '@switchboard/mocks';
import { createSwitchboard, VENDOR_NAMES } from '@switchboard/phone-numbers';

const mocks = await startMocks(VENDOR_NAMES);
try {
  const switchboard = createSwitchboard(Object.fromEntries(VENDOR_NAMES.map((vendor) => [vendor, { apiKey: 'mock-key', baseUrl: mocks.urls[vendor] }])));
  const numbers = [];
  for await (const { vendor, number } of switchboard.listAll()) numbers.push({ vendor, number });
  console.log(JSON.stringify(numbers));
} finally {
  await mocks.stop();
}

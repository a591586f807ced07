// A CommonJS consumer: the packages are ESM only, which require() loads from Node 20.19 on.
const { createPhoneNumbers, VENDOR_NAMES } = require('@switchboard/phone-numbers');
const { createVapiClient } = require('@switchboard/vapi');

const numbers = createPhoneNumbers({ vendor: 'vapi', apiKey: 'key' });
const client = createVapiClient({ apiKey: 'key' });
console.log(
  JSON.stringify({
    vendors: VENDOR_NAMES,
    facadeVendor: numbers.vendor,
    clientMethods: ['GET', 'POST', 'PATCH', 'DELETE'].filter((method) => typeof client[method] === 'function'),
  }),
);

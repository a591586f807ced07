export { FACADE_TEST_KEY, type FacadeOptions, facadeOptions, type LooseFacade } from './facade-clients.js';
export {
  type Fault,
  type FaultName,
  type FaultProgram,
  type FaultRequest,
  type FaultServer,
  type FaultServerOptions,
  type FloodProgress,
  startFaultServer,
} from './fault-server.js';
export { type LoopbackHandler, type LoopbackServer, type RecordedRequest, sendJson, serveJson, startLoopbackServer } from './loopback.js';
export { recordSdkRequests, type SdkRecorder, type SentRequest } from './official-sdk.js';
export { PROVIDER_TEST_KEY, type ProviderTestbed, providerTestbed } from './provider-testbed.js';
export { createTypesOf, onlyRequest, type Prefer, pathPattern, type Recorder, recorder, type SeenRequest, supportedCreateTypes } from './recorder.js';
export { declaredErrors, expectedErrorName, operationOf, type SpecOperation, specExample, specOperations } from './spec.js';
export { type HeldNumberSeed, type StatefulVendorServer, startStatefulVendor } from './stateful-vendor.js';
export { TRANSPORTS, type Transport, type TransportOptions } from './transports.js';
export { prismUrl, specPath, VENDORS } from './vendors.js';

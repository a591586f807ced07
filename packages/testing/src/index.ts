export { startLoopbackServer, sendJson, type LoopbackHandler, type LoopbackServer, type RecordedRequest } from './loopback.js';
export { declaredErrors, expectedErrorName, specOperations, type SpecOperation } from './spec.js';
export { prismUrl, specPath, VENDORS } from './vendors.js';
export { startFaultServer, type Fault, type FaultName, type FaultProgram, type FaultRequest, type FaultServer, type FaultServerOptions } from './fault-server.js';

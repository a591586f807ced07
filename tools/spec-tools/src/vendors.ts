// The repo's one way to find vendors (a folder of specs/ holding an openapi.yaml), in a specs
// folder the tools are given: the working tree's, or a test's copy.
export { vendorsIn } from '../../../scripts/vendors.mjs';

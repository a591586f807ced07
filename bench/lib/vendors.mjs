// The vendors the benchmarks cover: every vendor of the repo, as scripts/vendors.mjs finds them.
import { vendors } from '../../scripts/vendors.mjs';

export const VENDORS = vendors();

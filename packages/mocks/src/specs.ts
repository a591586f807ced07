/** The spec shipped with this package for a vendor (copied from the repo's `specs/` at build). */
export function specFile(vendor: string): string {
  return new URL(`./specs/${vendor}.yaml`, import.meta.url).pathname;
}

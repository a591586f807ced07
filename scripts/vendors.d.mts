/** The repository's root folder, as a file URL. */
export declare const repoRoot: URL;
/** The vendors of a specs folder: its folders that hold an openapi.yaml, sorted; none when there is no such folder. */
export declare function vendorsIn(specsDir: string): string[];
/** The vendors of this repo. */
export declare function vendors(): string[];
/** The spec of one vendor, as a file path. */
export declare function specPath(vendor: string): string;

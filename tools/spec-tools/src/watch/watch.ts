// The drift watch of one vendor: fetch the OpenAPI document it publishes (the `source` of its
// drift.yaml), compare our spec with it as `specs:drift --check` does, and say which of four
// results it is:
//   clean        every difference reviewed, no stale entry;
//   drift        an unreviewed difference or a stale entry (`result` is the drift report's);
//   unreachable  the document could not be fetched (an HTTP status, a network error, no answer in
//                time, too large) or is not a readable OpenAPI document: nothing was compared;
//   not-watched  there is no document to fetch (`reason` says why).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CannotRun } from '../cannot-run.js';
import { loadDriftFile } from '../drift/drift-file.js';
import { type DriftResult, formatText } from '../drift/report.js';
import { display, runDrift } from '../drift/run.js';
import { isObject } from '../openapi/types.js';

/** The document could not be downloaded; the message says why, for the summary and the issue. */
export class Unreachable extends Error {}

const MIB = 1024 * 1024;

export interface DownloadLimits {
  maxBytes: number;
  timeoutMs: number;
}

/** Defaults: Vapi's document is 3.25 MB; a minute covers a slow mirror, not a hung one. */
export const DOWNLOAD_LIMITS: DownloadLimits = { maxBytes: 32 * MIB, timeoutMs: 60_000 };

export type WatchResult =
  | { vendor: string; status: 'not-watched'; reason: string; url?: undefined }
  | { vendor: string; status: 'unreachable'; url: string; reason: string }
  | { vendor: string; status: 'clean' | 'drift'; url: string; result: DriftResult; report: string };

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no complete answer within ${timeoutMs} ms`;
  const cause = error instanceof Error && isObject(error.cause) ? error.cause : undefined;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : undefined) ?? String(error);
  return `network error ${detail}`;
}

/**
 * The text at `url`, read up to `maxBytes`; throws Unreachable on a status other than 2xx, a
 * network error, a timeout (the whole download, body included) or a larger document.
 */
export async function downloadDocument(url: string, { maxBytes, timeoutMs }: DownloadLimits = DOWNLOAD_LIMITS): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json, application/yaml;q=0.9, */*;q=0.5' } });
  } catch (error) {
    throw new Unreachable(describeFetchError(error, timeoutMs));
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Unreachable(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  const tooLarge = `larger than the limit of ${maxBytes % MIB === 0 ? `${maxBytes / MIB} MiB` : `${maxBytes} bytes`}`;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      // Leaving the loop cancels the stream: the download stops at the limit, whatever content-length said.
      if (size > maxBytes) throw new Unreachable(tooLarge);
      chunks.push(chunk);
    }
  } catch (error) {
    throw error instanceof Unreachable ? error : new Unreachable(describeFetchError(error, timeoutMs));
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface WatchOptions {
  /** The folder of vendor specs. */
  specsDir: string;
  /** Replaces the drift.yaml's source. */
  url?: string;
  /** Where the downloaded document and the drift report are kept. */
  outDir: string;
  limits?: DownloadLimits;
}

/**
 * Watches one vendor of `specsDir` (`<specsDir>/<vendor>/openapi.yaml` and the drift.yaml beside
 * it). The downloaded document is kept in `outDir` as `<vendor>.theirs.json|yaml` (what was
 * compared), and the drift report as `<vendor>.drift.txt`. A malformed drift.yaml or a missing
 * spec throws CannotRun: that is the repo's problem, not the vendor's.
 */
export async function watchVendor(vendor: string, { specsDir, url: override, outDir, limits = DOWNLOAD_LIMITS }: WatchOptions): Promise<WatchResult> {
  const spec = join(specsDir, vendor, 'openapi.yaml');
  const driftFile = join(specsDir, vendor, 'drift.yaml');
  if (!existsSync(spec)) throw new CannotRun(`no spec for vendor ${vendor} (${display(spec)})`);
  const { source } = loadDriftFile(driftFile);
  const url = override ?? (source && 'url' in source ? source.url : undefined);
  if (url === undefined) {
    const reason = source && 'notWatched' in source ? source.notWatched : `${display(driftFile)} names no source document`;
    return { vendor, status: 'not-watched', reason };
  }

  let text: string;
  try {
    text = await downloadDocument(url, limits);
  } catch (error) {
    if (error instanceof Unreachable) return { vendor, status: 'unreachable', url, reason: error.message };
    throw error;
  }
  const theirs = join(outDir, `${vendor}.theirs.${text.trimStart().startsWith('{') ? 'json' : 'yaml'}`);
  writeFileSync(theirs, text);

  let result: DriftResult;
  try {
    result = await runDrift({ ours: spec, reviewed: driftFile, against: display(theirs) });
  } catch (error) {
    // Our spec and drift.yaml were read above; what fails here is their document.
    if (error instanceof CannotRun) return { vendor, status: 'unreachable', url, reason: `downloaded, but unreadable: ${error.message}` };
    throw error;
  }
  result.vendor = vendor;
  // The report names the document by the URL it came from, not by its downloaded copy.
  result.theirs.source = url;
  const report = formatText(result, { check: true });
  writeFileSync(join(outDir, `${vendor}.drift.txt`), `${report}\n`);
  return { vendor, status: result.ok ? 'clean' : 'drift', url, result, report };
}

// The whole drift comparison of one spec against a vendor's document, as `specs:drift` and the
// drift watch run it.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CannotRun } from '../cannot-run.js';
import { isUrl, loadOpenApi } from '../openapi/document.js';
import { REPO_ROOT } from '../paths.js';
import { compareDocuments } from './compare.js';
import { applyReviewed, loadDriftFile } from './drift-file.js';
import { type DriftResult, summarise } from './report.js';

export interface DriftOptions {
  /** Reads specs/<vendor>/openapi.yaml of this repository, unless `ours` is given. */
  vendor?: string;
  /** Their document: a file or an http(s) URL. */
  against: string;
  /** Our spec. */
  ours?: string;
  /** The drift.yaml; the one beside our spec by default. */
  reviewed?: string;
}

/** A path as the report shows it: relative to the working directory when inside it. */
export function display(file: string): string {
  if (isUrl(file)) return file;
  const rel = relative(process.cwd(), resolve(file));
  return rel && !rel.startsWith('..') ? rel : resolve(file);
}

/** Our spec: the one given, or the vendor's. */
function oursFileOf({ vendor, ours }: DriftOptions): string {
  if (ours) return ours;
  if (!vendor) throw new CannotRun('name a vendor, or give our spec');
  return join(REPO_ROOT, 'specs', vendor, 'openapi.yaml');
}

/** Runs the whole comparison; returns what --json prints. */
export async function runDrift(options: DriftOptions): Promise<DriftResult> {
  const { vendor, against, ours, reviewed } = options;
  const oursFile = oursFileOf(options);
  if (!existsSync(oursFile)) throw new CannotRun(ours ? `no spec at ${ours}` : `no spec for vendor ${vendor} (specs/${vendor}/openapi.yaml)`);
  const reviewedFile = reviewed ?? join(dirname(oursFile), 'drift.yaml');
  const entries = loadDriftFile(reviewedFile).reviewed;
  const [oursDoc, theirsDoc] = await Promise.all([loadOpenApi(oursFile), loadOpenApi(against)]);
  const { operations } = compareDocuments(oursDoc, theirsDoc);
  const stale = applyReviewed(operations, entries);
  const summary = summarise(operations, stale);
  const warnings = [
    ...[...oursDoc.unresolved].map((ref) => `ours: $ref ${ref} points at nothing; what is behind it is not compared`),
    ...[...theirsDoc.unresolved].map((ref) => `theirs: $ref ${ref} points at nothing; what is behind it is not compared`),
  ];
  return {
    vendor: vendor ?? display(oursFile),
    ours: { source: display(oursFile), version: oursDoc.version },
    theirs: { source: display(against), version: theirsDoc.version },
    reviewedFile: display(reviewedFile),
    ok: summary.unreviewed === 0 && summary.stale === 0,
    summary,
    warnings,
    operations,
    stale,
  };
}

#!/usr/bin/env node
// Holds our hand-written spec against the vendor's own published OpenAPI document
// (`pnpm specs:drift --vendor <v> --against <file or URL>`).
//
// Only the operations of our spec are compared, matched by method and path (see
// scripts/drift/operations.mjs); parameters, request bodies and success responses are compared
// field by field and every difference is classified ours-rejects / ours-accepts / docs (see
// scripts/drift/compare.mjs). Reviewed, intended differences are listed with a reason in
// specs/<vendor>/drift.yaml (see scripts/drift/review.mjs).
//
//   node scripts/spec-drift.mjs --vendor <v> --against <file|url> [--json] [--check]
//                               [--ours <spec file>] [--reviewed <drift.yaml>]
//
// Exit codes: 0 report printed (with --check: every difference reviewed, no stale entry),
// 1 --check failed, 2 could not run (bad usage, unreadable document, malformed drift.yaml).
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareDocuments } from './drift/compare.mjs';
import { CannotRun, loadDocument } from './drift/load.mjs';
import { formatJson, formatText, summarise } from './drift/report.mjs';
import { applyReviewed, loadReviewed } from './drift/review.mjs';

const USAGE = 'usage: spec-drift --vendor <vendor> --against <file|url> [--json] [--check] [--ours <spec>] [--reviewed <drift.yaml>]';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function parseArgs(argv) {
  const args = { vendor: undefined, against: undefined, ours: undefined, reviewed: undefined, json: false, check: false };
  const valued = { '--vendor': 'vendor', '--against': 'against', '--ours': 'ours', '--reviewed': 'reviewed' };
  for (let i = 0; i < argv.length; i++) {
    const equals = argv[i].startsWith('--') ? argv[i].indexOf('=') : -1;
    const [flag, inline] = equals > 0 ? [argv[i].slice(0, equals), argv[i].slice(equals + 1)] : [argv[i], undefined];
    if (flag === '--json') args.json = true;
    else if (flag === '--check') args.check = true;
    else if (valued[flag]) {
      const value = inline ?? argv[++i];
      if (!value || value.startsWith('--')) throw new CannotRun(`${flag} needs a value; ${USAGE}`);
      args[valued[flag]] = value;
    } else throw new CannotRun(`unknown argument ${argv[i]}; ${USAGE}`);
  }
  if (!args.against) throw new CannotRun(`missing --against <file|url>; ${USAGE}`);
  if (!args.vendor && !args.ours) throw new CannotRun(`missing --vendor <vendor>; ${USAGE}`);
  if (args.vendor && !/^[a-z0-9-]+$/.test(args.vendor)) throw new CannotRun(`--vendor must be a folder name of specs/, got ${args.vendor}`);
  return args;
}

/** A path as the report shows it: relative to the working directory when inside it. */
function display(file) {
  if (/^https?:\/\//i.test(file)) return file;
  const rel = relative(process.cwd(), resolve(file));
  return rel && !rel.startsWith('..') ? rel : resolve(file);
}

/**
 * Runs the whole comparison; returns the result object that --json prints.
 * @param {{ vendor?: string, against: string, ours?: string, reviewed?: string }} options
 *   `ours` defaults to specs/<vendor>/openapi.yaml, `reviewed` to the drift.yaml beside it.
 */
export async function runDrift({ vendor, against, ours, reviewed }) {
  const oursFile = ours ?? join(ROOT, 'specs', vendor, 'openapi.yaml');
  if (!existsSync(oursFile)) throw new CannotRun(ours ? `no spec at ${ours}` : `no spec for vendor ${vendor} (specs/${vendor}/openapi.yaml)`);
  const reviewedFile = reviewed ?? join(dirname(oursFile), 'drift.yaml');
  const entries = loadReviewed(reviewedFile);
  const [oursDoc, theirsDoc] = await Promise.all([loadDocument(oursFile), loadDocument(against)]);
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

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const result = await runDrift(args);
  console.log(args.json ? formatJson(result) : formatText(result, { check: args.check }));
  return args.check && !result.ok ? 1 : 0;
}

// Run as a script (not when a test imports runDrift).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = await main();
  } catch (error) {
    // Exit 1 means "the check found drift", so a crash must not exit 1 too.
    console.error(error instanceof CannotRun ? `specs:drift: ${error.message}` : error);
    process.exitCode = 2;
  }
}

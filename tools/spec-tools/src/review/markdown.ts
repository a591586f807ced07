// The markdown of `pnpm specs:review`: a GitHub job summary and a sticky pull-request comment,
// found again by its hidden marker. Tables are capped so a comment stays under GitHub's size
// limit; the JSON format holds everything.
import { KINDS } from '../diff/engine.js';
import { type ChangedVendorReview, plural, type Review, type ReviewedOperation } from './review.js';
import type { MemberChanges } from './types.js';

const MARKER = '<!-- switchboard-spec-review -->';
/** Rows a table shows before it says how many more there are. */
const MAX_ROWS = 40;

/** Text for a table cell: markdown and HTML characters escaped, on one line. */
const text = (value: string) => value.replace(/[\\`*_<>[\]|]/g, '\\$&').replace(/\s*\n\s*/g, ' ');
/** Our own messages, whose code spans (`pnpm changeset`) stay code. */
const prose = (value: string) => value.replace(/[\\*_<>[\]|]/g, '\\$&').replace(/\s*\n\s*/g, ' ');
/** A code span for a table cell (a pipe must be escaped even there). */
const code = (value: string) => {
  const escaped = value.replaceAll('|', '\\|');
  return escaped.includes('`') ? `\`\` ${escaped} \`\`` : `\`${escaped}\``;
};

export function formatMarkdown(review: Review): string {
  const changed = review.vendors.filter((v): v is ChangedVendorReview => v.changed);
  const unchanged = review.vendors.filter((v) => !v.changed).map((v) => v.vendor);
  const lines = [
    MARKER,
    '## Spec review',
    '',
    `**${review.ok ? '✅ Pass' : '❌ Fail'}** — ${text(review.verdict.replace(/^(pass|fail): /, ''))}`,
    '',
    `Compared with ${code(review.base)} (${code(review.baseCommit.slice(0, 12))}). ` +
      (review.changesets.length > 0 ? `Changesets added since: ${review.changesets.map((c) => code(c.file)).join(', ')}.` : 'No changeset added since.'),
  ];
  if (changed.length > 0) {
    lines.push('', '| vendor | changes | breaking | changesets | lint | facade methods touched |', '|---|---|---|---|---|---|');
    for (const v of changed) {
      const lint = v.lint
        ? v.lint.errors + v.lint.warnings === 0
          ? 'clean'
          : `${plural(v.lint.errors, 'error')}, ${plural(v.lint.warnings, 'warning')}`
        : '—';
      lines.push(
        `| ${v.problems.length > 0 ? '❌' : '✅'} ${v.vendor} | ${v.changes.length} | ${v.counts.breaking} | ${v.changesets.covered ? 'covered' : '**missing**'} | ${lint} | ${v.facade.map(code).join(', ') || '—'} |`,
      );
    }
  }
  if (unchanged.length > 0) lines.push('', `No spec changes: ${unchanged.join(', ')}.`);
  for (const v of changed) lines.push('', ...vendorSection(v, review.base));
  return `${lines.join('\n')}\n`;
}

function vendorSection(v: ChangedVendorReview, base: string): string[] {
  return [
    `### ${v.problems.length > 0 ? '❌' : '✅'} ${v.vendor}`,
    ...(v.failures.length > 0 ? ['', ...v.failures.map((failure) => `- ${prose(failure)}`)] : []),
    '',
    ...changesSection(v),
    '',
    ...changesetsSection(v, base),
    '',
    ...lintSection(v),
    '',
    ...typesSection(v),
  ];
}

function changesSection({ changes, counts }: ChangedVendorReview): string[] {
  const summary = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  const operation = (op: ReviewedOperation) => `${code(`${op.method} ${op.path}`)}${op.operationId ? ` ${code(op.operationId)}` : ''}`;
  // Most serious first, so a capped table still shows every breaking change.
  const ordered = [...changes].sort((a, b) => KINDS.indexOf(a.type) - KINDS.indexOf(b.type));
  const rows = ordered.map((change) => {
    const facade = [...new Set(change.operations.flatMap((op) => op.facade))];
    return `| ${change.type} | ${text(change.description)} | ${change.operations.map(operation).join('<br>') || '—'} | ${facade.map(code).join(', ') || '—'} |`;
  });
  return [`**Changes** (${summary})`, '', '| class | change | operations | facade |', '|---|---|---|---|', ...capped(rows, 'change')];
}

function changesetsSection({ changesets }: ChangedVendorReview, base: string): string[] {
  const need =
    changesets.needs === 'major'
      ? `a breaking change needs a major bump of ${changesets.packages.map(code).join(' and ')}`
      : `a change needs a bump of ${changesets.packages.map(code).join(' or ')}`;
  const heading = `**Changesets added since ${code(base)}** — ${need}: ${changesets.covered ? 'covered' : '**not covered**'}.`;
  if (changesets.files.length === 0) return [heading, '', 'None bumps these packages.'];
  const bumps = (file: { bumps: Record<string, string> }) =>
    Object.entries(file.bumps)
      .map(([pkg, bump]) => `${code(pkg)}: ${bump}`)
      .join(', ');
  return [heading, '', '| changeset | bumps |', '|---|---|', ...changesets.files.map((file) => `| ${code(file.file)} | ${bumps(file)} |`)];
}

function lintSection({ vendor, lint }: ChangedVendorReview): string[] {
  if (!lint) return ['**Lint** — not run: the spec was deleted.'];
  if (lint.problems.length === 0) return [`**Lint** (${code(`specs/${vendor}/openapi.yaml`)}) — clean.`];
  const where = (p: (typeof lint.problems)[number]) =>
    code(`${p.file}${p.line === undefined ? '' : `:${p.line}:${p.column}`}`) + (p.pointer ? ` ${code(p.pointer)}` : '');
  const rows = lint.problems.map((p) => `| ${p.severity} | ${code(p.rule)} | ${where(p)} | ${text(p.message)} |`);
  return [
    `**Lint** (${code(`specs/${vendor}/openapi.yaml`)}) — ${plural(lint.errors, 'error')}, ${plural(lint.warnings, 'warning')}.`,
    '',
    '| severity | rule | where | message |',
    '|---|---|---|---|',
    ...capped(rows, 'problem'),
  ];
}

function typesSection({ types }: ChangedVendorReview): string[] {
  const heading = `**Generated types** (${code(types.package)})`;
  if (types.error) return [`${heading} — cannot be generated (see above).`];
  const kinds: (keyof MemberChanges)[] = ['added', 'removed', 'changed', 'documented'];
  if (kinds.every((kind) => types.schemas[kind].length === 0 && types.operations[kind].length === 0)) return [`${heading} — unchanged.`];
  const cell = (names: string[]) => names.join('<br>') || '—';
  const operation = (op: { name: string; method: string; path: string }) =>
    op.name === `${op.method} ${op.path}` ? code(op.name) : `${code(op.name)} (${code(`${op.method} ${op.path}`)})`;
  return [
    heading,
    '',
    '| | added | removed | changed | docs only |',
    '|---|---|---|---|---|',
    `| schemas (${code('components["schemas"]')}) | ${kinds.map((kind) => cell(types.schemas[kind].map(code))).join(' | ')} |`,
    `| operations | ${kinds.map((kind) => cell(types.operations[kind].map(operation))).join(' | ')} |`,
  ];
}

/** The first rows, and a last one saying how many were left out. */
function capped(rows: string[], noun: string): string[] {
  if (rows.length <= MAX_ROWS) return rows;
  return [...rows.slice(0, MAX_ROWS), `| … | ${plural(rows.length - MAX_ROWS, noun)} more (see \`--format json\`) | | |`];
}

// What the drift watch writes for people: the run's summary (for $GITHUB_STEP_SUMMARY) and the
// body of each vendor's issue, in GitHub-flavoured Markdown.
import type { WatchResult } from './watch.js';

/** Starts the summary, so a reader (or a script) can tell it from other step summaries. */
export const SUMMARY_MARKER = '<!-- switchboard-drift-watch -->';

/** The title of a vendor's issue: the watch finds its open issue by this title and the `drift` label. */
export const issueTitle = (vendor: string): string => `Drift: ${vendor}`;

export const ISSUE_LABEL = 'drift';

/** A vendor's result once compared. */
export type ComparedResult = Extract<WatchResult, { status: 'clean' | 'drift' }>;
export type UnreachableResult = Extract<WatchResult, { status: 'unreachable' }>;

/** An issue the watch opened, updated or closed. */
export interface IssueNote {
  number: number;
  url: string;
  action: 'opened' | 'updated' | 'closed';
}

/** When the run was and where its page is (in GitHub Actions). */
export interface RunContext {
  checkedAt: string;
  runUrl?: string;
}

// GitHub refuses issue and comment bodies over 65,536 characters; the full report is in the artifact.
const BODY_LIMIT = 60_000;
// Differences listed one per line in the summary and an issue; the rest are counted.
const LISTED = 50;

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** Inline code that survives backticks inside the text (Markdown picks a longer fence). */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${longest ? ' ' : ''}${text}${longest ? ' ' : ''}${fence}`;
}

/** A table cell: no line breaks, and `|` escaped (GitHub honours the escape inside code spans too). */
const cell = (text: string) => text.replace(/\s*\n\s*/g, ' ').replaceAll('|', '\\|');

/** Prose from a file or an error, shown as written: `<page>` is not an HTML tag to drop. */
const prose = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function counts(result: ComparedResult): string {
  const { unreviewed, stale, reviewed } = result.result.summary;
  if (result.status === 'clean') return `${plural(reviewed, 'reviewed difference')}, none unreviewed`;
  return [unreviewed ? plural(unreviewed, 'unreviewed difference') : '', stale ? plural(stale, 'stale entry', 'stale entries') : ''].filter(Boolean).join(', ');
}

/** The result and details columns of a vendor's row in the summary table. */
function resultColumns(result: WatchResult): [string, string] {
  if (result.status === 'not-watched') return [`not watched: ${prose(result.reason)}`, ''];
  if (result.status === 'unreachable') return ['unreachable', `could not be fetched or read: ${prose(result.reason)}`];
  return [result.status, counts(result)];
}

function listDifferences(result: ComparedResult): string[] {
  const lines: string[] = [];
  const unreviewed = result.result.operations.flatMap((op) => op.differences).filter((d) => !d.reviewed);
  for (const d of unreviewed.slice(0, LISTED)) lines.push(`- **${d.class}** ${code(`${d.path}: ${d.message}`)} (${d.kind})`);
  if (unreviewed.length > LISTED) lines.push(`- … and ${unreviewed.length - LISTED} more (the full report lists them)`);
  const { stale } = result.result;
  if (stale.length) {
    lines.push('', `Stale entries in ${code(result.result.reviewedFile)} (they match no difference any more):`, '');
    for (const entry of stale.slice(0, LISTED)) lines.push(`- ${code(entry.path)} (${entry.kind})`);
    if (stale.length > LISTED) lines.push(`- … and ${stale.length - LISTED} more`);
  }
  return lines;
}

function issueNote(issue: IssueNote | undefined): string {
  if (!issue) return '';
  return ` · [issue #${issue.number}](${issue.url}) ${issue.action}`;
}

/**
 * The run's summary: a table of every vendor's result, then the unreviewed differences of each
 * vendor that drifted. `issues` maps a vendor to the issue the run opened, updated or closed;
 * `problem` is what stopped the issue updates, if anything did.
 */
export function summaryMarkdown(results: WatchResult[], { issues = new Map(), problem }: { issues?: Map<string, IssueNote>; problem?: string } = {}): string {
  const lines = [SUMMARY_MARKER, '## Drift watch: our specs against the vendors’ published OpenAPI documents', ''];
  lines.push('| vendor | result | document | details |', '|---|---|---|---|');
  for (const result of results) {
    const document = result.url ? code(result.url) : '—';
    const [status, details] = resultColumns(result);
    lines.push(`| ${cell(result.vendor)} | ${cell(status)} | ${cell(document)} | ${cell(details)}${issueNote(issues.get(result.vendor))} |`);
  }
  if (problem) lines.push('', `**The vendors’ issues could not be updated:** ${prose(problem)}`);
  for (const result of results) {
    if (result.status === 'drift') lines.push('', `### ${result.vendor}: ${counts(result)}`, '', ...listDifferences(result));
  }
  const failed = results.filter((r) => r.status === 'drift' || r.status === 'unreachable').length;
  lines.push(
    '',
    failed
      ? `${plural(failed, 'vendor')} need${failed === 1 ? 's' : ''} a look: review each difference (fix the spec, or list it with its reason in the vendor's drift.yaml), or fix the document's source.`
      : 'Every watched vendor is clean.',
  );
  return `${lines.join('\n')}\n`;
}

/** Keeps the text under the body limit, cutting whole lines and saying so. */
function fit(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  return `${cut.slice(0, cut.lastIndexOf('\n'))}\n… (cut to fit an issue; the workflow run's artifact has the whole report)`;
}

/** The body of a vendor's issue while it drifts or cannot be checked; replaced by every run. */
export function issueBody(result: ComparedResult | UnreachableResult, { checkedAt, runUrl }: RunContext): string {
  const checked = `Checked ${checkedAt}${runUrl ? ` by [this run](${runUrl})` : ''}.`;
  const spec = code(`specs/${result.vendor}/openapi.yaml`);
  const driftFile = code(`specs/${result.vendor}/drift.yaml`);
  if (result.status === 'unreachable') {
    return [
      `The drift watch could not check ${result.vendor}: its published document ${code(result.url)} could not be fetched or read (${prose(result.reason)}).`,
      '',
      `Nothing was compared, so a change on the vendor's side may be hiding behind this. If the document moved, update the \`source\` in ${driftFile}.`,
      '',
      checked,
      '',
      'This issue is updated by every run of the drift watch and closed once the vendor is clean.',
    ].join('\n');
  }
  const head = [
    `The drift watch found ${counts(result)} between ${spec} and ${result.vendor}'s published document ${code(result.url)}.`,
    '',
    checked,
    '',
    ...listDifferences(result),
    '',
    `Review each one: fix ${spec} where the vendor is right, or list the difference with its reason under \`reviewed:\` in ${driftFile}; remove stale entries. ` +
      'This issue is updated by every run of the drift watch and closed once the vendor is clean.',
    '',
    '<details><summary>The drift report</summary>',
    '',
    '```text',
  ].join('\n');
  const tail = '\n```\n\n</details>';
  return `${head}\n${fit(result.report, BODY_LIMIT - head.length - tail.length)}${tail}`;
}

/** The comment left on a vendor's issue when the watch closes it. */
export function cleanComment(result: ComparedResult, { checkedAt, runUrl }: RunContext): string {
  return `Clean again: ${counts(result)} against ${code(result.url)}. Checked ${checkedAt}${runUrl ? ` by [this run](${runUrl})` : ''}; closing.`;
}

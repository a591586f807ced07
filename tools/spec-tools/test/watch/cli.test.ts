// The drift watch (`switchboard-spec-tools watch`, `pnpm specs:watch`), run as the real bin over a
// specs folder of three vendors made for these tests: acme and initech fetch their documents from
// a loopback server standing in for the vendors (serving the drift fixtures), globex is not
// watched. A second loopback server stands in for GitHub's REST API, keeping the issues it is
// sent, so the tests read what the watch opened, updated and closed.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoopbackServer, type RecordedRequest, sendJson, startLoopbackServer } from '@switchboard/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { fixture as anyFixture, assertFreshBuild, BIN, REPO } from '../bin.js';

const fixture = (name: string) => anyFixture(`drift/${name}`);
const TIMEOUT = 30_000;

const REPOSITORY = 'switchboard/specs-test';
// A token the output is searched for: it must never appear in it.
const TOKEN = 'ghs_drift-watch-test-token-0123456789';

// paths.ours.yaml against paths.theirs.yaml differs in one way, reviewed in each drift.yaml below.
const THEIRS = readFileSync(fixture('paths.theirs.yaml'), 'utf8');
// The vendor narrows the number it answers with: an unreviewed difference appears.
const NARROWED = THEIRS.replace('properties: { number: { type: string } }', 'properties: { number: { type: string, maxLength: 3 } }');
const NEW_DIFFERENCE = 'GET /numbers/{id} response 200 body .number: maxLength none vs 3';
const REVIEWED = `reviewed:
- path: GET /numbers/legacy
  kind: operation
  reason: Still served, only left out of their document.
`;

interface Issue {
  number: number;
  title: string;
  body: string;
  labels: { name: string }[];
  state: 'open' | 'closed';
  state_reason?: string;
  html_url: string;
  comments: string[];
}

/** What the vendor server answers on a path: a document, a status, or nothing at all. */
type Answer = { body: string; status?: number; chunked?: boolean } | 'hang';

let work = '';
let specs = '';
let vendor: LoopbackServer;
let github: LoopbackServer;
const answers = new Map<string, Answer>();
let issues: Issue[] = [];

function answerVendor(request: RecordedRequest, response: ServerResponse): void {
  const answer = answers.get(request.url);
  if (answer === undefined) return void response.writeHead(404).end('not found');
  if (answer === 'hang') return; // never answered; close() ends the socket
  if (!answer.chunked) {
    response.writeHead(answer.status ?? 200, { 'content-type': 'application/yaml', 'content-length': Buffer.byteLength(answer.body) });
    return void response.end(answer.body);
  }
  // No content-length: the size shows only while reading.
  response.writeHead(answer.status ?? 200, { 'content-type': 'application/yaml' });
  for (let i = 0; i < answer.body.length; i += 1024) response.write(answer.body.slice(i, i + 1024));
  response.end();
}

/** Enough of GitHub's issues API for the watch: list, create, update, comment. Returns the status and the JSON body. */
function githubAnswer(request: RecordedRequest): [number, unknown] {
  if (request.headers.authorization !== `Bearer ${TOKEN}`) return [401, { message: 'Bad credentials' }];
  const url = new URL(request.url, 'http://github.test');
  const body = request.body ? JSON.parse(request.body) : {};
  const base = `/repos/${REPOSITORY}/issues`;
  if (url.pathname === base && request.method === 'GET') {
    const label = url.searchParams.get('labels');
    const state = url.searchParams.get('state');
    return [200, issues.filter((issue) => issue.state === state && issue.labels.some((l) => l.name === label))];
  }
  if (url.pathname === base && request.method === 'POST') {
    const number = issues.length + 1;
    const issue: Issue = {
      number,
      title: body.title,
      body: body.body,
      labels: (body.labels ?? []).map((name: string) => ({ name })),
      state: 'open',
      html_url: `https://github.test/${REPOSITORY}/issues/${number}`,
      comments: [],
    };
    issues.push(issue);
    return [201, issue];
  }
  const match = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)(\/comments)?$/.exec(url.pathname);
  const issue = match && issues.find((i) => i.number === Number(match[1]));
  if (!issue) return [404, { message: 'Not Found' }];
  if (match[2] && request.method === 'POST') {
    issue.comments.push(body.body);
    return [201, { body: body.body }];
  }
  if (!match[2] && request.method === 'PATCH') {
    Object.assign(issue, body);
    return [200, issue];
  }
  return [405, { message: 'Method not allowed' }];
}

/** One vendor folder of the test specs: the paths fixture as our spec, and its drift.yaml. */
function addVendor(name: string, source: string): void {
  mkdirSync(join(specs, name), { recursive: true });
  copyFileSync(fixture('paths.ours.yaml'), join(specs, name, 'openapi.yaml'));
  writeFileSync(join(specs, name, 'drift.yaml'), `source:\n${source}\n${REVIEWED}`);
}

beforeAll(async () => {
  assertFreshBuild();
  work = mkdtempSync(join(tmpdir(), 'drift-watch-'));
  specs = join(work, 'specs');
  vendor = await startLoopbackServer(answerVendor);
  github = await startLoopbackServer((request, response) => sendJson(response, ...githubAnswer(request)));
  addVendor('acme', `  url: ${vendor.url}/acme/openapi.yaml`);
  addVendor('initech', `  url: ${vendor.url}/initech/openapi.yaml`);
  addVendor('globex', '  notWatched: >-\n    Globex shows its reference as <pages> only,\n    one operation per page.');
});

afterAll(async () => {
  await Promise.all([vendor?.close(), github?.close()]);
  rmSync(work, { recursive: true, force: true });
});

beforeEach(() => {
  answers.clear();
  answers.set('/acme/openapi.yaml', { body: THEIRS });
  answers.set('/initech/openapi.yaml', { body: THEIRS });
  issues = [];
  vendor.requests.length = 0;
  github.requests.length = 0;
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** What the run appended to $GITHUB_STEP_SUMMARY. */
  summary: string;
  /** The --out folder. */
  out: string;
}

let runs = 0;

/** Runs the watch over the test specs, with GitHub's variables pointing at the loopback API (unless `github: false`). */
function watch(args: string[] = [], { github: withGitHub = true, token = TOKEN } = {}): Promise<Run> {
  runs += 1;
  const out = join(work, `out-${runs}`);
  const summaryFile = join(work, `summary-${runs}.md`);
  // The machine's own GitHub variables (in GitHub Actions) must not reach the real API.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GITHUB_')));
  Object.assign(env, { GITHUB_STEP_SUMMARY: summaryFile });
  if (withGitHub) {
    Object.assign(env, {
      GITHUB_TOKEN: token,
      GITHUB_REPOSITORY: REPOSITORY,
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: 'https://github.test',
      GITHUB_RUN_ID: '42',
    });
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'watch', '--specs', specs, '--out', out, ...args],
      { cwd: REPO, env, timeout: TIMEOUT - 5_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr, summary: existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : '', out });
      },
    );
  });
}

/** The summary table's row of one vendor. */
const row = (run: Run, name: string) => run.summary.split('\n').find((line) => line.startsWith(`| ${name} |`)) ?? '';

const writes = () => github.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`);

describe('specs:watch', () => {
  test(
    'every watched vendor clean: exit 0, no issue opened, the not-watched vendor listed with its reason',
    async () => {
      const run = await watch();
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(row(run, 'acme')).toContain('| clean |');
      expect(row(run, 'acme')).toContain('1 reviewed difference, none unreviewed');
      expect(row(run, 'initech')).toContain('| clean |');
      // The reason is shown as written: `<pages>` is escaped, not dropped as an HTML tag.
      expect(row(run, 'globex')).toContain('| not watched: Globex shows its reference as &lt;pages&gt; only, one operation per page. |');
      expect(run.summary).toContain('Every watched vendor is clean.');
      // The summary on stdout and in --out is the one written for the step summary.
      expect(run.stdout).toBe(run.summary);
      expect(readFileSync(join(run.out, 'summary.md'), 'utf8')).toBe(run.summary);
      expect(github.requests.map((r) => r.method)).toEqual(['GET']);
      expect(issues).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    'an unreviewed difference opens an issue with it; the next run updates that issue; clean again comments and closes it',
    async () => {
      answers.set('/acme/openapi.yaml', { body: NARROWED });
      const first = await watch();
      expect(first.code).toBe(1);
      expect(row(first, 'acme')).toContain('| drift |');
      expect(row(first, 'acme')).toContain('1 unreviewed difference');
      expect(row(first, 'acme')).toContain(`[issue #1](https://github.test/${REPOSITORY}/issues/1) opened`);
      expect(first.summary).toContain(`- **ours-accepts** \`${NEW_DIFFERENCE}\` (maxLength)`);
      expect(writes()).toEqual([`POST /repos/${REPOSITORY}/issues`]);
      expect(issues).toHaveLength(1);
      const [issue] = issues;
      expect(issue).toMatchObject({ title: 'Drift: acme', state: 'open', labels: [{ name: 'drift' }] });
      expect(issue!.body).toContain(`- **ours-accepts** \`${NEW_DIFFERENCE}\` (maxLength)`);
      expect(issue!.body).toContain(`${vendor.url}/acme/openapi.yaml`);
      expect(issue!.body).toContain(`by [this run](https://github.test/${REPOSITORY}/actions/runs/42)`);
      // The whole report, with the reviewed difference marked as such.
      expect(issue!.body).toContain('[reviewed] GET /numbers/legacy: operation not in theirs');
      // What was compared stays with the run: the downloaded document and the report.
      expect(readFileSync(join(first.out, 'acme.theirs.yaml'), 'utf8')).toBe(NARROWED);
      expect(readFileSync(join(first.out, 'acme.drift.txt'), 'utf8')).toContain('specs:drift --check: FAILED (1 unreviewed difference, 0 stale entries)');

      github.requests.length = 0;
      answers.set('/acme/openapi.yaml', { body: NARROWED.replace('maxLength: 3', 'maxLength: 4') });
      const second = await watch();
      expect(second.code).toBe(1);
      expect(writes()).toEqual([`PATCH /repos/${REPOSITORY}/issues/1`]);
      expect(issues).toHaveLength(1);
      expect(issues[0]!.body).toContain('GET /numbers/{id} response 200 body .number: maxLength none vs 4');
      expect(issues[0]!.body).not.toContain('maxLength none vs 3');
      expect(row(second, 'acme')).toContain('[issue #1](https://github.test/switchboard/specs-test/issues/1) updated');

      github.requests.length = 0;
      answers.set('/acme/openapi.yaml', { body: THEIRS });
      const third = await watch();
      expect(third.code).toBe(0);
      expect(writes()).toEqual([`POST /repos/${REPOSITORY}/issues/1/comments`, `PATCH /repos/${REPOSITORY}/issues/1`]);
      expect(issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
      expect(issues[0]!.comments).toHaveLength(1);
      expect(issues[0]!.comments[0]).toContain(`Clean again: 1 reviewed difference, none unreviewed against \`${vendor.url}/acme/openapi.yaml\`.`);
      expect(row(third, 'acme')).toContain('issue #1](https://github.test/switchboard/specs-test/issues/1) closed');

      for (const run of [first, second, third]) expect(`${run.stdout}${run.stderr}${run.summary}`).not.toContain(TOKEN);
    },
    TIMEOUT,
  );

  test(
    'a stale drift.yaml entry is drift too: the difference it excused is gone',
    async () => {
      // Their document now lists the legacy operation, so the reviewed entry excuses nothing.
      answers.set('/initech/openapi.yaml', { body: THEIRS.replace('  /v1/calls:', '  /v1/numbers/legacy:') });
      const run = await watch(['--vendor', 'initech']);
      expect(run.code).toBe(1);
      expect(row(run, 'initech')).toContain('| drift |');
      expect(row(run, 'initech')).toContain('1 stale entry');
      expect(issues[0]!.body).toContain('- `GET /numbers/legacy` (operation)');
    },
    TIMEOUT,
  );

  test(
    'a document that cannot be fetched or read is unreachable: exit 1, and its issue says why',
    async () => {
      const closed = await startLoopbackServer(() => {});
      const refused = `${closed.url}/openapi.yaml`;
      await closed.close();
      answers.set('/gone', { body: 'server error', status: 500 });
      answers.set('/hang', 'hang');
      answers.set('/large', { body: THEIRS });
      answers.set('/large-chunked', { body: THEIRS.repeat(4), chunked: true });
      answers.set('/html', { body: '<!doctype html><title>Moved</title>' });
      const cases: [string[], string][] = [
        [['--source', `initech=${vendor.url}/missing`], 'HTTP 404'],
        [['--source', `initech=${vendor.url}/gone`], 'HTTP 500'],
        [['--source', `initech=${refused}`], 'network error ECONNREFUSED'],
        [['--source', `initech=${vendor.url}/hang`, '--timeout-ms', '300'], 'no complete answer within 300 ms'],
        [['--source', `initech=${vendor.url}/large`, '--max-bytes', '200'], 'larger than the limit of 200 bytes'],
        [['--source', `initech=${vendor.url}/large-chunked`, '--max-bytes', String(THEIRS.length * 2)], `larger than the limit of ${THEIRS.length * 2} bytes`],
        [['--source', `initech=${vendor.url}/html`], 'is not an OpenAPI 3.0 or 3.1 document'],
      ];
      for (const [args, reason] of cases) {
        const run = await watch(['--vendor', 'initech', ...args]);
        expect(run.code, reason).toBe(1);
        expect(row(run, 'initech'), reason).toContain('| unreachable |');
        expect(row(run, 'initech'), reason).toContain(reason);
        expect(issues, reason).toHaveLength(1);
        expect(issues[0]!.title).toBe('Drift: initech');
        expect(issues[0]!.body, reason).toContain('could not be fetched or read');
        expect(issues[0]!.body, reason).toContain(reason);
      }
      // One issue throughout, updated by each run.
      expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    },
    TIMEOUT,
  );

  test(
    'without GitHub variables no issue is touched; the summary is still written and the exit code still says drift',
    async () => {
      answers.set('/acme/openapi.yaml', { body: NARROWED });
      const run = await watch(['--vendor', 'acme'], { github: false });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('no issue is opened, updated or closed');
      expect(row(run, 'acme')).toContain('| drift |');
      expect(github.requests).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    'issues the API refuses: exit 2, the status in the summary, and the token nowhere',
    async () => {
      const wrong = 'ghs_not-the-right-token-9876543210';
      answers.set('/acme/openapi.yaml', { body: NARROWED });
      const run = await watch(['--vendor', 'acme'], { token: wrong });
      expect(run.code).toBe(2);
      expect(run.summary).toContain(`The vendors’ issues could not be updated:** GET ${github.url}/repos/${REPOSITORY}/issues: HTTP 401 (Bad credentials)`);
      expect(row(run, 'acme')).toContain('| drift |');
      expect(`${run.stdout}${run.stderr}${run.summary}`).not.toContain(wrong);
    },
    TIMEOUT,
  );

  test(
    'bad usage and a malformed drift.yaml exit 2 before any download',
    async () => {
      const unknown = await watch(['--vendor', 'nobody']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('no vendor nobody');
      const badSource = await watch(['--source', 'acme=ftp://example.test/openapi.yaml']);
      expect(badSource.code).toBe(2);
      expect(badSource.stderr).toContain('--source must be <vendor>=<http(s) URL>');

      mkdirSync(join(specs, 'zeta'));
      copyFileSync(fixture('paths.ours.yaml'), join(specs, 'zeta', 'openapi.yaml'));
      writeFileSync(join(specs, 'zeta', 'drift.yaml'), 'source:\n  url: https://example.test/a.json\n  notWatched: Both at once.\n');
      try {
        const malformed = await watch(['--vendor', 'zeta']);
        expect(malformed.code).toBe(2);
        expect(malformed.stderr).toContain('source needs exactly one of url and notWatched');
      } finally {
        rmSync(join(specs, 'zeta'), { recursive: true });
      }
      expect(vendor.requests).toEqual([]);
      expect(github.requests).toEqual([]);
    },
    TIMEOUT,
  );
});

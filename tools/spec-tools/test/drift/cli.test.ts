// `switchboard-spec-tools drift` (`pnpm specs:drift`) as a real child process: exit codes, the text
// report, --json, --check, drift.yaml entries and URLs. The comparison itself: ./compare.test.ts.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, test } from 'vitest';
import { fixture as anyFixture, assertFreshBuild, BIN, REPO, scratchFolder } from '../bin.js';

const fixture = (name: string) => anyFixture(`drift/${name}`);
const TIMEOUT = 20_000;

/** Runs the bin as a child process (asynchronously, so a server in this process can answer it). */
function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'drift', ...args], { cwd: REPO, timeout: TIMEOUT - 2_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

beforeAll(assertFreshBuild);
const reviewedFile = scratchFolder('spec-drift-').write;

describe('the CLI', () => {
  test(
    'prints a text report grouped per operation, folding the same difference across variants',
    async () => {
      const { code, stdout } = await cli('--ours', fixture('variants.ours.yaml'), '--against', fixture('variants.theirs.yaml'));
      expect(code).toBe(0);
      expect(stdout).toContain('POST /pets  (theirs: POST /pets)');
      expect(stdout).toContain('ours-rejects  POST /pets request body <kind=*>.name: maxLength 10 vs 20  (maxLength, 2×: kind=cat|dog)');
      expect(stdout).toContain('2 of 2 operations matched; 7 differences: 6 ours-rejects, 1 ours-accepts, 0 docs');
    },
    TIMEOUT,
  );

  test(
    '--json: every difference with its id, path, kind, class and message, and the counts',
    async () => {
      const { code, stdout } = await cli('--ours', fixture('fields.ours.yaml'), '--against', fixture('fields.theirs.yaml'), '--json');
      expect(code).toBe(0);
      const result = JSON.parse(stdout);
      expect(Object.keys(result)).toEqual(['vendor', 'ours', 'theirs', 'reviewedFile', 'ok', 'summary', 'warnings', 'operations', 'stale']);
      expect(result.ours).toEqual({ source: 'tools/spec-tools/test/fixtures/drift/fields.ours.yaml', version: '3.1.0' });
      expect(result.theirs.version).toBe('3.0.3');
      expect(result.summary).toEqual({
        operations: 1,
        matched: 1,
        differences: 10,
        'ours-rejects': 7,
        'ours-accepts': 3,
        docs: 0,
        reviewed: 0,
        unreviewed: 10,
        stale: 0,
      });
      expect(result.ok).toBe(false);
      const [operation] = result.operations;
      expect(operation).toMatchObject({ operation: 'POST /orders', theirs: 'POST /orders' });
      expect(operation.differences).toContainEqual({
        id: 'POST /orders request body .b: required vs optional',
        path: 'POST /orders request body .b',
        kind: 'required',
        class: 'ours-rejects',
        message: 'required vs optional',
      });
    },
    TIMEOUT,
  );

  test(
    '--check fails on unreviewed differences, passes once drift.yaml lists them all (with globs)',
    async () => {
      const args = ['--ours', fixture('variants.ours.yaml'), '--against', fixture('variants.theirs.yaml'), '--check'];
      const unreviewed = await cli(...args, '--reviewed', reviewedFile('empty.yaml', '# nothing reviewed yet\nreviewed: []\n'));
      expect(unreviewed.code).toBe(1);
      expect(unreviewed.stdout).toContain('specs:drift --check: FAILED (7 unreviewed differences, 0 stale entries)');

      const reviewed = reviewedFile(
        'all.yaml',
        [
          'reviewed:',
          "- path: 'POST /pets request body <kind=*>.name'",
          '  kind: maxLength',
          '  reason: Our clients cap pet names at 10 characters.',
          "- path: 'POST /pets request body <kind=dog>.bark'",
          '  kind: enum',
          '  reason: Silent dogs are not supported yet.',
          "- path: 'POST /pets request body <kind=*>'",
          '  kind: missing',
          '  reason: Fish are out of scope.',
          "- path: 'POST /pets request body <kind=bird>'",
          '  kind: extra',
          '  reason: Birds are documented elsewhere.',
          "- path: 'POST /contacts request body .contact<object>.phone'",
          '  kind: maxLength',
          '  reason: E.164 numbers have at most 15 digits.',
          "- path: 'POST /contacts request body .then'",
          '  kind: type',
          '  reason: We send a list of steps; their document shows one.',
          '',
        ].join('\n'),
      );
      const passed = await cli(...args, '--reviewed', reviewed);
      expect(passed.code).toBe(0);
      expect(passed.stdout).toContain('specs:drift --check: passed (7 reviewed differences)');
      expect(passed.stdout).toContain('[reviewed] POST /pets request body <kind=dog>.bark: enum lacks silent');
      expect(passed.stdout).toContain('reason: Silent dogs are not supported yet.');
    },
    TIMEOUT,
  );

  test(
    'a reviewed entry that matches nothing is stale: reported always, and --check fails',
    async () => {
      const file = reviewedFile(
        'stale.yaml',
        [
          'reviewed:',
          '- path: GET /numbers/legacy',
          '  kind: operation',
          '  reason: Still served, only undocumented.',
          '- path: GET /numbers/{id} response 200 body .number',
          '  kind: pattern',
          '  reason: An old difference, since fixed.',
          '',
        ].join('\n'),
      );
      const args = ['--ours', fixture('paths.ours.yaml'), '--against', fixture('paths.theirs.yaml'), '--reviewed', file];
      const report = await cli(...args);
      expect(report.code).toBe(0);
      expect(report.stdout).toContain('GET /numbers/{id} response 200 body .number  (pattern)');
      const check = await cli(...args, '--check', '--json');
      expect(check.code).toBe(1);
      const result = JSON.parse(check.stdout);
      expect(result.summary).toMatchObject({ reviewed: 1, unreviewed: 0, stale: 1 });
      expect(result.stale).toEqual([{ path: 'GET /numbers/{id} response 200 body .number', kind: 'pattern', reason: 'An old difference, since fixed.' }]);
    },
    TIMEOUT,
  );

  test(
    'a drift.yaml entry without a reason, bad arguments and unreadable documents exit 2',
    async () => {
      const noReason = reviewedFile('no-reason.yaml', "reviewed:\n- path: 'GET /numbers/legacy'\n  kind: operation\n  reason: ''\n");
      const bad = await cli('--ours', fixture('paths.ours.yaml'), '--against', fixture('paths.theirs.yaml'), '--reviewed', noReason);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('reviewed entry 1 needs a non-empty reason');
      expect((await cli('--vendor', 'vapi')).code).toBe(2);
      const missing = await cli('--vendor', 'no-such-vendor', '--against', fixture('paths.theirs.yaml'));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('no spec for vendor no-such-vendor');
      const notOpenApi = await cli('--ours', fixture('paths.ours.yaml'), '--against', fixture('nonexistent.yaml'));
      expect(notOpenApi.code).toBe(2);
    },
    TIMEOUT,
  );

  test(
    '--vendor reads specs/<vendor>/openapi.yaml and the drift.yaml beside it',
    async () => {
      const { code, stdout } = await cli('--vendor', 'vapi', '--against', fixture('paths.theirs.yaml'), '--json');
      expect(code).toBe(0);
      const result = JSON.parse(stdout);
      expect(result).toMatchObject({ vendor: 'vapi', ours: { source: 'specs/vapi/openapi.yaml' }, reviewedFile: 'specs/vapi/drift.yaml' });
      // None of Vapi's paths is in this document: every operation is reported missing from theirs.
      expect(result.summary.matched).toBe(0);
      expect(result.operations.every((op: { differences: { kind: string }[] }) => op.differences.map((d) => d.kind).join() === 'operation')).toBe(true);
    },
    TIMEOUT,
  );

  test(
    '--against takes an http URL',
    async () => {
      const server: Server = createServer((_, response) => {
        response.setHeader('content-type', 'application/yaml');
        response.end(`openapi: 3.0.3
info: { title: theirs, version: '1' }
paths:
  /v1/numbers/{numberId}:
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object, properties: { number: { type: string, maxLength: 3 } } } } } }
`);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const { code, stdout } = await cli('--ours', fixture('paths.ours.yaml'), '--against', `http://127.0.0.1:${port}/openapi.yaml`);
        expect(code).toBe(0);
        expect(stdout).toContain('ours-accepts  GET /numbers/{id} response 200 body .number: maxLength none vs 3  (maxLength)');
      } finally {
        server.close();
      }
    },
    TIMEOUT,
  );
});

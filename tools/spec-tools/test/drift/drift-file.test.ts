// `specs/<vendor>/drift.yaml` (src/drift/drift-file.ts): where the vendor's document is, and the
// reviewed differences; every vendor of this repo has a valid one.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadDriftFile } from '../../src/drift/drift-file.js';
import { vendorsIn } from '../../src/vendors.js';
import { REPO, scratchFolder } from '../bin.js';

const reviewedFile = scratchFolder('drift-file-').write;

describe('drift.yaml', () => {
  const load = (name: string, text: string) => () => loadDriftFile(reviewedFile(name, text));

  test('a source (a URL, or why there is none) and the reviewed entries', () => {
    expect(load('url.yaml', 'source:\n  url: https://example.test/openapi.json\nreviewed: []\n')()).toEqual({
      source: { url: 'https://example.test/openapi.json' },
      reviewed: [],
    });
    expect(load('none.yaml', "source:\n  notWatched: '  Only rendered pages. '\n")()).toEqual({ source: { notWatched: 'Only rendered pages.' }, reviewed: [] });
  });

  test('the old bare list, a source with both or neither, a URL that is not http(s) and unknown keys are refused', () => {
    expect(load('list.yaml', '- path: GET /a\n  kind: operation\n  reason: Old format.\n')).toThrow('must be a mapping { source, reviewed }');
    expect(load('both.yaml', 'source:\n  url: https://example.test/a.json\n  notWatched: Both.\n')).toThrow('source needs exactly one of url and notWatched');
    expect(load('neither.yaml', 'source: {}\n')).toThrow('source needs exactly one of url and notWatched');
    expect(load('ftp.yaml', 'source:\n  url: ftp://example.test/a.json\n')).toThrow('source url must be an http(s) URL');
    expect(load('empty-reason.yaml', "source:\n  notWatched: ' '\n")).toThrow('notWatched needs a non-empty reason');
    expect(load('extra.yaml', 'source:\n  url: https://example.test/a.json\nreviewd: []\n')).toThrow('has unknown keys: reviewd');
  });

  test('each vendor has one, valid, naming its source', () => {
    const files = vendorsIn(join(REPO, 'specs')).map((vendor) => join(REPO, 'specs', vendor, 'drift.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      // Loading checks every entry; the drift watch fetches the URL, or lists the vendor as not watched with the reason.
      const { source } = loadDriftFile(file);
      expect(source && ('url' in source ? source.url : source.notWatched), file).toBeTruthy();
    }
  });
});

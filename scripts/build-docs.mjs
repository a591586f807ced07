#!/usr/bin/env node
// `pnpm specs:docs`: one self-contained HTML reference per vendor spec under docs/ (Redocly
// build-docs with the Redoc bundle inlined, so the pages open offline), plus an index page.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { vendors as listVendors, repoRoot as root } from './vendors.mjs';

const docs = new URL('docs/', root);
const vendors = listVendors();

mkdirSync(docs, { recursive: true });
for (const vendor of vendors) {
  const title = `${vendor[0].toUpperCase()}${vendor.slice(1)} phone numbers API`;
  execFileSync(
    new URL('node_modules/.bin/redocly', root).pathname,
    ['build-docs', `specs/${vendor}/openapi.yaml`, '--inlineBundle', '--title', title, '-o', `docs/${vendor}.html`],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  console.log(`docs/${vendor}.html`);
}
const links = vendors.map((vendor) => `<li><a href="${vendor}.html">${vendor}</a></li>`).join('\n    ');
writeFileSync(
  new URL('index.html', docs),
  `<!doctype html>\n<html lang="en">\n<meta charset="utf-8">\n<title>Switchboard API references</title>\n<h1>Switchboard API references</h1>\n<ul>\n    ${links}\n</ul>\n</html>\n`,
);
console.log('docs/index.html');

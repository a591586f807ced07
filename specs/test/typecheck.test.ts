import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';

const REPO = new URL('../../', import.meta.url).pathname;

const output = (command: string, args: string[]) => execFileSync(command, args, { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

// turbo's dry run plans the task and hashes its inputs; nothing here runs the type-check itself.
const plan = JSON.parse(output(`${REPO}node_modules/.bin/turbo`, ['run', 'typecheck', '--dry=json'])) as {
  tasks: { taskId: string; inputs: Record<string, string> }[];
};

test('`turbo run typecheck` is one task: the root tsconfig.json, every package in one program', () => {
  expect(plan.tasks.map((task) => task.taskId)).toEqual(['//#typecheck']);
});

// A file the program reads that is not an input would let turbo replay a pass after it changed.
test("the typecheck's inputs hold every file the root tsconfig.json includes, its configs, every manifest and the lockfile", () => {
  const { files } = JSON.parse(output(`${REPO}node_modules/.bin/tsc`, ['-p', 'tsconfig.json', '--showConfig'])) as { files: string[] };
  const included = files.map((file) => file.replace(/^\.\//, ''));
  const everyKind = ['packages/core/src/', 'packages/vapi/test/', 'tools/vendor-kit/test/', 'bench/test/', 'specs/test/'];
  expect(everyKind.filter((dir) => !included.some((file) => file.startsWith(dir)))).toEqual([]);
  const manifests = output('git', ['ls-files', '--', '*package.json']).split('\n').filter(Boolean);
  const inputs = new Set(Object.keys(plan.tasks[0]?.inputs ?? {}));
  const read = [...included, ...manifests, 'tsconfig.json', 'tsconfig.base.json', 'pnpm-lock.yaml'];
  expect(read.filter((file) => !inputs.has(file))).toEqual([]);
});

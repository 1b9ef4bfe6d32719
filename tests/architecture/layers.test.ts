// The import rules of docs/architecture.md, checked on the source: layers point one way, workflow
// code stays inside the sandbox's reach, and benches and scripts never lean on the test suite.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIFECYCLE_KINDS } from '../../lifecycles/registry';
import * as bundleEntry from '../../worker/workflows';

const ROOT = path.resolve(__dirname, '../..');
const sources = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx'], {
  cwd: ROOT,
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => f && !f.startsWith('generated/'));

/** Every file another file imports, as repository paths (relative imports only). */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) =>
    path.normalize(path.join(path.dirname(file), m[1]!)),
  );
}

/** Files under `from` that import anything under one of `forbidden`. */
function violations(from: string[], forbidden: string[]): string[] {
  const inside = (file: string, dirs: string[]) => dirs.some((d) => file === d || file.startsWith(`${d}/`));
  return sources
    .filter((f) => inside(f, from))
    .flatMap((f) =>
      importsOf(f)
        .filter((i) => inside(i, forbidden))
        .map((i) => `${f} -> ${i}`),
    );
}

// Workflow code runs in the deterministic sandbox: no Node, no database, no client.
const WORKFLOW_CODE = sources.filter(
  (f) =>
    /^(lifecycles|jobs)\/.*\/(workflow|rules|contract|verification)\.ts$/.test(f) ||
    /^lifecycles\/shared\/(holds|visibility|projection|searchAttributes|activityOptions|contract)\.ts$/.test(f),
);

describe('layers', () => {
  it('nothing below the HTTP layer imports it', () => {
    // The test kit stands above the app it starts, beside the benches.
    expect(
      violations(
        ['policy', 'lifecycles', 'jobs', 'console', 'worker', 'ops', 'scripts', 'ledger', 'temporal', 'config', 'observability', 'db'],
        ['api'],
      ),
    ).toEqual([]);
  });

  it('the lifecycle kinds know nothing of the console, the jobs, the worker or the operator commands', () => {
    expect(violations(['lifecycles', 'policy'], ['console', 'jobs', 'worker', 'ops', 'scripts', 'testkit'])).toEqual([]);
  });

  it('the console and the jobs never import the worker or the operator commands', () => {
    expect(violations(['console', 'jobs'], ['worker', 'ops', 'scripts', 'testkit'])).toEqual([]);
  });

  it('benches, scripts and the test kit never import the test suite', () => {
    expect(violations(['bench', 'scripts', 'testkit', 'ops'], ['tests'])).toEqual([]);
  });

  it('workflow code imports only workflow code, the policy, and activity types', () => {
    expect(WORKFLOW_CODE.length).toBeGreaterThan(10);
    const allowed = (file: string, imported: string) => {
      if (WORKFLOW_CODE.includes(`${imported}.ts`) || imported.startsWith('policy/')) return true;
      // Activity modules are named for their types only (`import type`), which the bundler drops.
      const line = readFileSync(path.join(ROOT, file), 'utf8')
        .split('\n')
        .find((l) => l.includes(`'${path.relative(path.dirname(file), imported).replace(/^(?!\.)/, './')}'`));
      return !!line && /^import type /.test(line);
    };
    const bad = WORKFLOW_CODE.flatMap((f) =>
      importsOf(f)
        .filter((i) => !allowed(f, i))
        .map((i) => `${f} -> ${i}`),
    );
    expect(bad).toEqual([]);
  });

  it("the console's shared record types import no server code", () => {
    const imported = importsOf('console/records.ts');
    expect(imported.every((i) => /^lifecycles\/(shared\/contract|operations)$/.test(i))).toBe(true);
    for (const line of readFileSync(path.join(ROOT, 'console/records.ts'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('import ')))
      expect(line).toMatch(/^import type /);
  });
});

describe('the registry', () => {
  it("has every kind's workflow in the worker's bundle entry", () => {
    for (const { kind } of Object.values(LIFECYCLE_KINDS)) {
      expect((bundleEntry as Record<string, unknown>)[kind.workflow.name], kind.name).toBe(kind.workflow);
    }
  });
});

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, specFiles } from './spec-files';

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string }[];
}

const openapi = specFiles().filter((f) => f.kind === 'openapi');

describe('OpenAPI specs pass Redocly lint (recommended rules)', () => {
  it('finds all six OpenAPI documents', () => {
    expect(openapi.map((f) => f.api)).toEqual(['_admin', 'aws-batch', 'bigchange', 'fabric', 'itential']);
  });

  it.each(openapi.map((f) => [f.path]))('%s has no lint errors', (path) => {
    const output = execFileSync(
      join(ROOT, 'node_modules', '.bin', 'redocly'),
      ['lint', path, '--format=json'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    const report = JSON.parse(output) as LintReport;
    const errors = report.problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId}: ${p.message}`);
    expect(errors).toEqual([]);
  });
});

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registry } from '../../mocks/index';
import { checkPact } from '../../src/verify/check-pact';

const PACTS = join(__dirname, '..', '..', 'contracts', 'pacts');
const awsPact = join(PACTS, 'batch-job-dashboard-aws-batch.json');

interface Interaction {
  description: string;
  response: { status: number; body?: { content?: unknown } };
  request: { body?: { content?: unknown } };
}

function edited(change: (interactions: Interaction[]) => void): string {
  const pact = JSON.parse(readFileSync(awsPact, 'utf8')) as { interactions: Interaction[] };
  change(pact.interactions);
  const file = join(mkdtempSync(join(tmpdir(), 'jobmock-check-')), 'pact.json');
  writeFileSync(file, JSON.stringify(pact));
  return file;
}

const find = (interactions: Interaction[], description: string) =>
  interactions.find((i) => i.description === description)!;

describe('jobmock check-pact', () => {
  it.each(readdirSync(PACTS).filter((f) => f.endsWith('.json')))(
    'passes every interaction of the committed pact %s',
    (file) => {
      const { checks } = checkPact(join(PACTS, file), registry);
      expect(checks.length).toBeGreaterThan(5);
      expect(checks.filter((c) => c.problems.length)).toEqual([]);
    },
  );

  it.each([
    [
      'a status the operation does not declare',
      'a request to cancel a PENDING job',
      (i: Interaction) => (i.response.status = 202),
      /status 202 is not declared/,
    ],
    [
      'a response body the schema forbids',
      'a request to describe a job that was cancelled',
      (i: Interaction) =>
        ((i.response.body!.content as { jobs: { status: string }[] }).jobs[0]!.status = 'CANCELLED'),
      /body\/jobs\/0\/status/,
    ],
    [
      'success for a request the spec rejects',
      'a request to cancel with an empty reason',
      (i: Interaction) => {
        i.response.status = 200;
        i.response.body = { content: {} };
      },
      /the spec rejects it/,
    ],
  ])('names the interaction when a pact contradicts the spec: %s', (_what, description, change, problem) => {
    const file = edited((interactions) => change(find(interactions, description)));
    const failing = checkPact(file, registry).checks.filter((c) => c.problems.length);
    expect(failing.map((c) => c.description)).toEqual([description]);
    expect(failing[0]!.problems.join('\n')).toMatch(problem);
  });
});

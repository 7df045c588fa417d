import type { ConformReport } from '../../../src/conform/conform';
import { conformJUnit, conformSummary } from '../../../src/conform/conform-report';

const evidence = {
  request: 'POST /v1/canceljob {"jobId":"j"}',
  reply: '200 application/json {}',
  expected: 'FAILED',
};
const report: ConformReport = {
  api: 'aws-batch',
  baseUrl: 'https://provider.example',
  jobmock: false,
  checks: [
    {
      name: 'job 1: cancel in SUBMITTED',
      outcome: 'passed',
      summary: 'HTTP 200',
      findings: [],
      evidence: [evidence],
    },
    {
      name: 'job 1: the cancel ends in FAILED',
      outcome: 'failed',
      summary: '',
      findings: [{ kind: 'cancel', message: 'job j is still SUBMITTED', evidence }],
      evidence: [evidence],
    },
    {
      name: 'job 2: create a job',
      outcome: 'skipped',
      summary: '--max-jobs 1 leaves no job for it',
      findings: [],
      evidence: [],
    },
  ],
  profile: {
    profile: 'upstream',
    cases: [
      {
        name: 'unknown id',
        verdict: 'upstream',
        by: 'answer',
        documented: 'HTTP 400',
        upstream: 'HTTP 200',
        provider: 'HTTP 200',
      },
    ],
  },
  requests: 7,
  jobsCreated: 1,
  seconds: 1.25,
};

describe('the conform report', () => {
  it('shows each check, the findings and evidence of a failure, the profile and the totals', () => {
    expect(conformSummary(report).split('\n')).toEqual([
      '',
      'jobmock conform aws-batch at https://provider.example (a provider; 7 requests, 1 job created, 1.3 s)',
      '  PASS  job 1: cancel in SUBMITTED — HTTP 200',
      '  FAIL  job 1: the cancel ends in FAILED',
      '          cancel: job j is still SUBMITTED',
      '            request   POST /v1/canceljob {"jobId":"j"}',
      '            reply     200 application/json {}',
      '            expected  FAILED',
      '  SKIP  job 2: create a job — --max-jobs 1 leaves no job for it',
      'profile: upstream',
      '  unknown id: upstream — documented HTTP 400, upstream HTTP 200, this provider HTTP 200',
      '1 passed, 1 failed, 1 skipped',
    ]);
  });

  it('is JUnit XML with a testcase per check, a failure with its findings, a skip with its reason', () => {
    const xml = conformJUnit(report);
    expect(xml).toMatch(
      /<testsuites name="jobmock conform" tests="3" failures="1" skipped="1" time="1.250">/,
    );
    expect(xml).toContain('<testcase classname="aws-batch" name="job 1: cancel in SUBMITTED"></testcase>');
    expect(xml).toContain('<failure message="cancel: job j is still SUBMITTED">');
    expect(xml).toContain('request   POST /v1/canceljob {&quot;jobId&quot;:&quot;j&quot;}');
    expect(xml).toContain('<skipped message="--max-jobs 1 leaves no job for it">');
  });
});

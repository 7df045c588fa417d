import type { JUnitCase } from '../verify/junit-report';
import { junitReport } from '../verify/junit-report';
import type { CheckResult, Evidence } from './check';
import type { ConformReport, ProfileReport } from './conform';

const MARK = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;

/** The lines that explain a failed check: each finding (`kind: message`) with the exchange that shows it. */
export function failureLines(check: CheckResult): string[] {
  return check.findings.flatMap((f) => [
    `${f.kind}: ${f.message}`,
    ...(f.evidence ? evidenceLines(f.evidence) : []),
  ]);
}

function evidenceLines(evidence: Evidence): string[] {
  return [
    `  request   ${evidence.request}`,
    `  reply     ${evidence.reply}`,
    ...(evidence.expected ? [`  expected  ${evidence.expected}`] : []),
  ];
}

/** One line per check (with the findings and evidence of each failure), the profile, then the totals. */
export function conformSummary(report: ConformReport): string {
  const target = report.jobmock ? 'a jobmock server' : 'a provider';
  const lines = [
    '',
    `jobmock conform ${report.api} at ${report.baseUrl} (${target}; ${counted(report.requests, 'request')}, ` +
      `${counted(report.jobsCreated, 'job')} created, ${report.seconds.toFixed(1)} s)`,
  ];
  for (const check of report.checks) {
    lines.push(`  ${MARK[check.outcome]}  ${check.name}${check.summary ? ` — ${check.summary}` : ''}`);
    if (check.outcome === 'failed') for (const line of failureLines(check)) lines.push(`          ${line}`);
  }
  lines.push(profileLine(report.profile));
  const count = (outcome: CheckResult['outcome']) =>
    report.checks.filter((c) => c.outcome === outcome).length;
  lines.push(`${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`);
  return lines.join('\n');
}

function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `profile: upstream — unknown id: documented HTTP 400, upstream HTTP 200, this provider HTTP 200`. */
export function profileLine(profile: ProfileReport): string {
  if (profile.profile === 'indistinct')
    return 'profile: documented and upstream answer alike in every case checked';
  const cases = profile.cases.map((c) => {
    const by = c.by === 'answer' ? '' : ` (told apart by ${c.by})`;
    return `${c.name}: ${c.verdict}${by} — documented ${c.documented}, upstream ${c.upstream}, this provider ${c.provider}`;
  });
  return [`profile: ${profile.profile}`, ...cases.map((c) => `  ${c}`)].join('\n');
}

/** The report as JUnit XML: one testcase per check. */
export function conformJUnit(report: ConformReport): string {
  const cases: JUnitCase[] = report.checks.map((check) => ({
    description: check.name,
    outcome: check.outcome,
    details:
      check.outcome === 'failed' ? failureLines(check) : check.outcome === 'skipped' ? [check.summary] : [],
  }));
  return junitReport(report.api, cases, report.seconds, 'jobmock conform');
}

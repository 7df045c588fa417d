/** One test case of a JUnit report: an interaction (verify), a check (conform). */
export interface JUnitCase {
  readonly description: string;
  readonly outcome: 'passed' | 'failed' | 'skipped';
  /** What differed (failed), or why it was skipped; the first line is the message. */
  readonly details: readonly string[];
}

/**
 * A JUnit XML report (the format CI servers read): one testsuite per API, one testcase per interaction or
 * check, `<failure>` with the differences, `<skipped>` with the reason. `tool` names the run.
 */
export function junitReport(
  suite: string,
  cases: readonly JUnitCase[],
  seconds: number,
  tool = 'jobmock verify',
): string {
  const count = (o: JUnitCase['outcome']) => cases.filter((x) => x.outcome === o).length;
  const lines = cases.map((o) => {
    const open = `    <testcase classname="${xml(suite)}" name="${xml(o.description)}">`;
    if (o.outcome === 'passed') return `${open}</testcase>`;
    const tag = o.outcome === 'failed' ? 'failure' : 'skipped';
    return `${open}\n      <${tag} message="${xml(o.details[0] ?? o.outcome)}">${xml(o.details.join('\n'))}</${tag}>\n    </testcase>`;
  });
  const totals = `tests="${cases.length}" failures="${count('failed')}" skipped="${count('skipped')}" time="${seconds.toFixed(3)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(tool)}" ${totals}>`,
    `  <testsuite name="${xml(suite)}" ${totals}>`,
    ...lines,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function xml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

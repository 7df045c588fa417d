import type { InteractionOutcome } from './verify-pact';

/**
 * A JUnit XML report (the format CI servers read): one testsuite per API, one testcase per interaction,
 * `<failure>` with the differences, `<skipped>` with the reason.
 */
export function junitReport(suite: string, outcomes: readonly InteractionOutcome[], seconds: number): string {
  const count = (o: InteractionOutcome['outcome']) => outcomes.filter((x) => x.outcome === o).length;
  const cases = outcomes.map((o) => {
    const open = `    <testcase classname="${xml(suite)}" name="${xml(o.description)}">`;
    if (o.outcome === 'passed') return `${open}</testcase>`;
    const tag = o.outcome === 'failed' ? 'failure' : 'skipped';
    return `${open}\n      <${tag} message="${xml(o.details[0] ?? o.outcome)}">${xml(o.details.join('\n'))}</${tag}>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="jobmock verify" tests="${outcomes.length}" failures="${count('failed')}" skipped="${count('skipped')}" time="${seconds.toFixed(3)}">`,
    `  <testsuite name="${xml(suite)}" tests="${outcomes.length}" failures="${count('failed')}" skipped="${count('skipped')}" time="${seconds.toFixed(3)}">`,
    ...cases,
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

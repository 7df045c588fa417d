import { callRecord } from '../../../src/journal/call-record';
import type { CallRecord } from '../../../src/journal/call-record';
import { redactedBodyText } from '../../../src/journal/journal-entry';
import { logLine } from '../../../src/journal/log-line';

const AT = Date.UTC(2026, 0, 2, 3, 4, 5, 678);

function record(extra: Partial<CallRecord> = {}) {
  return callRecord(
    {
      seq: 0,
      bytes: 0,
      requestCut: undefined,
      replyCut: undefined,
      at: AT,
      virtualAt: AT + 60_000,
      session: 'ci-7',
      api: 'aws-batch',
      operation: 'CancelJob',
      admin: false,
      call: undefined,
      method: 'POST',
      path: '/aws-batch/v1/canceljob',
      query: { token: 'query-secret-value' },
      headers: { authorization: 'Bearer header-secret-value' },
      requestBody: '{"password":"body-secret-value"}',
      status: 200,
      replyHeaders: {},
      replyBody: { access_token: 'reply-secret-value' },
      durationMs: 1.234,
      error: undefined,
      findings: undefined,
      violations: undefined,
      fault: undefined,
      transitions: [{ api: 'aws-batch', jobId: 'job-3', from: 'RUNNABLE', to: 'FAILED', cause: 'call' }],
      jobIds: ['job-3'],
      hints: undefined,
      ...extra,
    },
    redactedBodyText,
  );
}

describe('logLine', () => {
  it('pretty: time, session, API, operation, status, ms, and the job with its transition', () => {
    const line = logLine(record(), 'pretty');
    expect(line).toMatch(/^\d\d:\d\d:05\.678 ci-7 aws-batch CancelJob 200 1\.2ms job job-3 RUNNABLE→FAILED$/);
  });

  it('pretty: an unmatched call with its hint, an injected fault, an admin call', () => {
    expect(
      logLine(
        record({ operation: undefined, transitions: [], jobIds: [], hints: ['Did you mean X?'] }),
        'pretty',
      ),
    ).toMatch(/ ci-7 aws-batch unmatched 200 1\.2ms hint: Did you mean X\?$/);
    expect(logLine(record({ fault: { source: 'fault', error: { status: 500 } } }), 'pretty')).toContain(
      'fault injected error=500',
    );
    const chaos = { source: 'chaos', latencyMs: 20.4, network: { kind: 'empty-reply' } } as const;
    expect(logLine(record({ fault: chaos }), 'pretty')).toContain(
      'fault chaos latency=20ms network=empty-reply',
    );
    expect(logLine(record({ admin: true, operation: 'createJob', transitions: [] }), 'pretty')).toContain(
      ' admin createJob ',
    );
  });

  it('json: one object per line with the same facts', () => {
    const line = logLine(record({ hints: ['h'] }), 'json');
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      time: '2026-01-02T03:04:05.678Z',
      virtualTime: '2026-01-02T03:05:05.678Z',
      session: 'ci-7',
      api: 'aws-batch',
      operation: 'CancelJob',
      method: 'POST',
      path: '/aws-batch/v1/canceljob',
      status: 200,
      ms: 1.2,
      jobId: 'job-3',
      transitions: [{ jobId: 'job-3', from: 'RUNNABLE', to: 'FAILED', cause: 'call' }],
      hints: ['h'],
    });
  });

  it('holds no credential of the call', () => {
    for (const format of ['pretty', 'json'] as const) expect(logLine(record(), format)).not.toMatch(/secret/);
  });
});

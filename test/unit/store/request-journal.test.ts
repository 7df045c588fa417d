import type { CallRecord } from '../../../src/journal/call-record';
import { callRecord } from '../../../src/journal/call-record';
import { redactedBodyText } from '../../../src/journal/journal-entry';
import { MemoryStore } from '../../../src/store/memory-store';

function record(session: string, extra: Partial<CallRecord> = {}): CallRecord {
  return callRecord(
    {
      seq: 0,
      bytes: 0,
      requestCut: undefined,
      replyCut: undefined,
      at: Date.now(),
      virtualAt: undefined,
      session,
      api: 'aws-batch',
      operation: 'CancelJob',
      admin: false,
      call: undefined,
      method: 'POST',
      path: '/aws-batch/v1/canceljob',
      query: {},
      headers: { 'content-type': 'application/json' },
      requestBody: '{"jobId":"j-1","reason":"r"}',
      status: 200,
      replyHeaders: {},
      replyBody: {},
      durationMs: 0.5,
      error: undefined,
      findings: undefined,
      violations: undefined,
      fault: undefined,
      transitions: [],
      jobIds: ['j-1'],
      hints: undefined,
      ...extra,
    },
    redactedBodyText,
  );
}

function storeWith(limits: ConstructorParameters<typeof MemoryStore>[0] = {}) {
  const store = new MemoryStore({ clock: 'manual', ...limits });
  store.transact('s', () => undefined, 'create');
  return store;
}

describe('the request journal of the memory store', () => {
  it('numbers the calls of a session from 1, dates them in virtual time, and returns them oldest first', () => {
    const store = storeWith();
    const now = store.transact('s', (tx) => tx.advanceClock(5_000), 'create');
    for (const operation of ['SubmitJob', 'CancelJob', 'DescribeJobs'])
      store.appendRequest('s', record('s', { operation }));
    const entries = store.requests('s', {});
    expect(entries.map((e) => [e.seq, e.operation, e.virtualAt])).toEqual([
      [1, 'SubmitJob', now],
      [2, 'CancelJob', now],
      [3, 'DescribeJobs', now],
    ]);
    store.close();
  });

  it('keeps the last journalEntries calls (a ring buffer) and the newest `limit` that match', () => {
    const store = storeWith({ limits: { journalEntries: 3 } });
    for (let i = 1; i <= 7; i++) store.appendRequest('s', record('s', { status: i % 2 ? 200 : 409 }));
    expect(store.requests('s', {}).map((e) => e.seq)).toEqual([5, 6, 7]);
    expect(store.requests('s', { limit: 2 }).map((e) => e.seq)).toEqual([6, 7]);
    expect(store.requests('s', { status: '4xx' }).map((e) => e.seq)).toEqual([6]);
    expect(store.requests('s', { after: 5 }).map((e) => e.seq)).toEqual([6, 7]);
    store.close();
  });

  it('filters by API, operation, job and time, and leaves admin calls out unless asked for', () => {
    const store = storeWith();
    store.appendRequest('s', record('s', { operation: 'SubmitJob', jobIds: ['j-2'], at: 1_000 }));
    store.appendRequest('s', record('s', { api: 'kbase', operation: 'JobBrowserBFF.cancel_job', at: 2_000 }));
    store.appendRequest('s', record('s', { operation: undefined, jobIds: [], at: 3_000 }));
    store.appendRequest('s', record('s', { admin: true, operation: 'createJob', at: 4_000 }));
    const seqs = (filter: Parameters<MemoryStore['requests']>[1]) =>
      store.requests('s', filter).map((e) => e.seq);
    expect(seqs({ api: 'aws-batch' })).toEqual([1, 3]);
    expect(seqs({ operation: 'unmatched' })).toEqual([3]);
    expect(seqs({ jobId: 'j-1' })).toEqual([2]);
    expect(seqs({ since: 2_500 })).toEqual([3]);
    expect(seqs({ admin: true })).toEqual([1, 2, 3, 4]);
    store.close();
  });

  it('counts what it keeps in the session, and a reset or a clear gives it back', () => {
    const store = storeWith();
    const before = store.sessions()[0]!.bytes;
    store.appendRequest('s', record('s'));
    const after = store.sessions()[0]!.bytes;
    expect(after).toBeGreaterThan(before + 300);
    store.transact('s', (tx) => tx.reset(), 'create');
    expect(store.requests('s', {})).toEqual([]);
    expect(store.sessions()[0]!.bytes).toBe(0);
    store.appendRequest('s', record('s'));
    store.clearRequests('s');
    expect(store.requests('s', {})).toEqual([]);
    expect(store.stats().bytes).toBe(0);
    store.close();
  });

  it('makes room in a full session budget from its oldest calls, and never fails a call for them', () => {
    const store = storeWith({ limits: { maxSessionBytes: 20_000 } });
    for (let i = 0; i < 200; i++) store.appendRequest('s', record('s', { requestBody: 'x'.repeat(1_000) }));
    const kept = store.requests('s', {});
    expect(kept.length).toBeGreaterThan(5);
    expect(kept.length).toBeLessThan(30);
    expect(kept[kept.length - 1]!.seq).toBe(200);
    expect(store.sessions()[0]!.bytes).toBeLessThanOrEqual(20_000);
    // The session's jobs take the journal's room when they need it.
    const created = store.transact(
      's',
      (tx) => {
        const table = tx.jobs('aws-batch', {
          states: ['A'],
          initial: 'A',
          terminal: [],
          transitions: {},
          cancellable: [],
          cancelTo: 'A',
          timeline: {},
        });
        for (let i = 0; i < 50; i++)
          table.add({
            id: `job-${i}`,
            state: 'A',
            held: true,
            owner: undefined,
            history: [],
            data: { pad: 'y'.repeat(200) },
          });
        return table.size;
      },
      'create',
    );
    expect(created).toBe(50);
    expect(store.requests('s', {}).length).toBeLessThan(kept.length);
    store.close();
  });

  it('cuts a large body to 4 KiB, redacted before it is cut', () => {
    const store = storeWith();
    const body = JSON.stringify({ password: 'a-long-password', pad: 'z'.repeat(10_000) });
    store.appendRequest('s', record('s', { requestBody: body }));
    const [entry] = store.requests('s', {});
    expect(typeof entry!.request.body).toBe('string');
    expect((entry!.request.body as string).length).toBe(4096);
    expect(entry!.request.truncated).toBeGreaterThan(5_000);
    expect(entry!.request.body).toContain('"password":"[redacted]"');
    expect(JSON.stringify(entry)).not.toContain('a-long-password');
    store.close();
  });

  it('keeps no call for a session that does not exist, except the default session, made for it', () => {
    const store = new MemoryStore({ clock: 'manual' });
    store.appendRequest('never-made', record('never-made'));
    expect(store.sessionNames()).toEqual([]);
    store.appendRequest('default', record('default'));
    expect(store.sessionNames()).toEqual(['default']);
    expect(store.requests('default', {})).toHaveLength(1);
    store.close();
  });
});

import type { Exchange } from '../../../src/conform/api-client';
import { matchProfile } from '../../../src/conform/profile-match';

/** An exchange with just what matching reads: the answer and the parsed body. */
const reply = (outcome: string, body?: unknown): Exchange =>
  ({
    review: { outcome, failed: outcome !== 'HTTP 200', operation: 'cancel', violations: [] },
    body,
  }) as unknown as Exchange;

describe('matchProfile', () => {
  const byStatus = {
    documented: reply('HTTP 400', { message: 'not found' }),
    upstream: reply('HTTP 200', {}),
  };
  const byMessage = {
    documented: reply('error 10', {
      error: { code: 10, message: 'could not be found', data: { job_id: 'j' } },
    }),
    upstream: reply('error 10', { error: { code: 10, message: 'does not exist', data: { job_id: 'j' } } }),
  };

  it.each([
    [
      'the documented answer',
      byStatus,
      reply('HTTP 400', { message: 'other words' }),
      'documented',
      'answer',
    ],
    ['the upstream answer', byStatus, reply('HTTP 200', {}), 'upstream', 'answer'],
    ['an answer of neither', byStatus, reply('HTTP 404', {}), 'neither', 'answer'],
    [
      'the upstream value where only a member tells them apart',
      byMessage,
      reply('error 10', { error: { code: 10, message: 'does not exist', data: { job_id: 'other' } } }),
      'upstream',
      'error.message',
    ],
    [
      'a value of neither',
      byMessage,
      reply('error 10', { error: { code: 10, message: 'gone' } }),
      'neither',
      'error.message',
    ],
    ['another answer where the answers agree', byMessage, reply('error 20', {}), 'neither', 'error.message'],
  ])('tells %s', (_what, model, provider, verdict, by) => {
    expect(matchProfile(provider, model)).toEqual({ verdict, by });
  });

  it('does not tell the profiles apart by times, whose values and presence follow the clock and the history', () => {
    const model = {
      documented: reply('HTTP 200', { status: 'Completed', endTimeUtc: '2026-12-01T10:00:00.000Z' }),
      upstream: reply('HTTP 200', { status: 'Cancelled' }),
    };
    const provider = reply('HTTP 200', { status: 'Completed', endTimeUtc: '2026-12-01T14:46:04.486Z' });
    expect(matchProfile(provider, model)).toEqual({ verdict: 'documented', by: 'status' });
    const timesOnly = {
      documented: reply('HTTP 200', { status: 'Cancelled', startTimeUtc: '2026-12-01T10:00:00Z' }),
      upstream: reply('HTTP 200', { status: 'Cancelled' }),
    };
    expect(matchProfile(reply('HTTP 200', { status: 'Cancelled' }), timesOnly)).toEqual({
      verdict: 'agree',
      by: '',
    });
  });

  it('finds the profiles alike when answer and body agree, whatever the provider says', () => {
    const same = { documented: reply('HTTP 204'), upstream: reply('HTTP 204') };
    expect(matchProfile(reply('HTTP 500', { message: 'x' }), same)).toEqual({ verdict: 'agree', by: '' });
  });
});

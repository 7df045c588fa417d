import { HINT_HEADER } from '../../../src/engine/hints';
import { startServer } from '../../support/server-harness';
import { signBatchRequest } from '../../support/sigv4-signer';

type Server = Awaited<ReturnType<typeof startServer>>;

/**
 * Hints for the mistakes clients commonly make, in the x-jobmock-hint header (and the journal): the API's own
 * reply stays exactly what it would be without the hint.
 */
describe('hints', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const rpc = (method: string) => ({ jsonrpc: '2.0', id: 1, method, params: { job_id: 'x', timeout: 1 } });

  it('KBase: a token sent with Bearer', async () => {
    const withBearer = await post('/kbase', rpc('JobBrowserBFF.cancel_job'), {
      authorization: 'Bearer user-token',
    });
    const unknown = await post('/kbase', rpc('JobBrowserBFF.cancel_job'), { authorization: 'not-a-token' });
    expect(withBearer.headers.get(HINT_HEADER)).toBe(
      'KBase takes the bare token in Authorization, without "Bearer " before it (Authorization: <token>)',
    );
    expect(unknown.headers.get(HINT_HEADER)).toBeNull();
    expect(await withBearer.json()).toEqual(await unknown.json());
  });

  it('AWS Batch: a signature made for another Host names --client-host', async () => {
    const port = new URL(server.url).port;
    const body = { jobId: 'j-1', reason: 'r' };
    const headers = await signBatchRequest('/aws-batch/v1/canceljob', body, { host: `localhost:${port}` });
    const reply = await post('/aws-batch/v1/canceljob', body, headers);
    expect(reply.status).toBe(403);
    expect(reply.headers.get(HINT_HEADER)).toBe(
      `The request was signed for Host localhost:${port} but arrived with Host 127.0.0.1:${port}: if a proxy in front rewrites Host, start jobmock with --client-host localhost:${port}`,
    );
    const wrongSecret = await signBatchRequest('/aws-batch/v1/canceljob', body, {
      host: `127.0.0.1:${port}`,
      secret: 'not-the-secret',
    });
    expect((await post('/aws-batch/v1/canceljob', body, wrongSecret)).headers.get(HINT_HEADER)).toBeNull();
  });

  it('Itential: a call from another origin that came without the token cookie', async () => {
    const login = await post('/itential/login', { user: { username: 'admin', password: 'admin' } });
    expect(login.status).toBe(200);
    const crossOrigin = await post(
      '/itential/workflow_engine/cancelJob',
      { job_id: '65a000000000000000000001' },
      { origin: 'http://localhost:3000' },
    );
    expect(crossOrigin.status).toBe(401);
    expect(crossOrigin.headers.get(HINT_HEADER)).toMatch(
      /^No token cookie came with this call from http:\/\/localhost:3000: .*credentials: 'include'/,
    );
    const sameOrigin = await post('/itential/workflow_engine/cancelJob', {
      job_id: '65a000000000000000000001',
    });
    expect(sameOrigin.headers.get(HINT_HEADER)).toMatch(/though this session has logged in/);
  });

  it.each([
    ['/aws-batch/v1/cancel-job', { jobId: 'j' }, 'Did you mean POST /aws-batch/v1/canceljob (CancelJob)?'],
    [
      '/v1/canceljob',
      { jobId: 'j' },
      'Every API is served under /<id>: did you mean /aws-batch/v1/canceljob?',
    ],
    ['/aws_batch/v1/canceljob', { jobId: 'j' }, 'No API is served at /aws_batch: did you mean /aws-batch?'],
  ])('POST %s: the operation or the API meant', async (path, body, hint) => {
    expect((await post(path, body)).headers.get(HINT_HEADER)).toBe(hint);
  });

  it('KBase: the method meant, for a method it does not have', async () => {
    const reply = await post('/kbase', rpc('cancel_job'), { authorization: 'user-token' });
    expect(((await reply.json()) as { error: { code: number } }).error.code).toBe(-32601);
    expect(reply.headers.get(HINT_HEADER)).toBe('Did you mean JobBrowserBFF.cancel_job?');
  });

  it('keeps the hints in the journal', async () => {
    const reply = await fetch(`${server.url}/__admin/requests?operation=unmatched`);
    const { requests } = (await reply.json()) as { requests: { hints?: string[] }[] };
    expect(requests.flatMap((r) => r.hints ?? [])).toEqual(
      expect.arrayContaining([
        'Did you mean JobBrowserBFF.cancel_job?',
        'No API is served at /aws_batch: did you mean /aws-batch?',
      ]),
    );
  });
});

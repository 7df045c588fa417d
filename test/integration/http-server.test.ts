import { startServer } from '../support/server-harness';
import { signBatchRequest } from '../support/sigv4-signer';

type Server = Awaited<ReturnType<typeof startServer>>;

describe("jobmock serve over HTTP: bad input gets the API's own error", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  async function signedPost(path: string, rawBody: string, contentType = 'application/json') {
    const headers = await signBatchRequest(`/aws-batch${path}`, rawBody, {
      host: server.url.slice(7),
      raw: true,
      contentType,
    });
    return fetch(`${server.url}/aws-batch${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': contentType },
      body: rawBody,
    });
  }

  it("a body over 1 MiB → 413 in AWS's format, and the server keeps serving", async () => {
    const reply = await fetch(`${server.url}/aws-batch/v1/canceljob`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jobId: 'x', reason: 'r'.repeat(1024 * 1024 + 10) }),
    });
    expect(reply.status).toBe(413);
    expect(reply.headers.get('x-amzn-errortype')).toBe('ClientException');
    expect((await fetch(`${server.url}/__admin/health`)).status).toBe(200);
  });

  it('malformed JSON → 400 ClientException', async () => {
    const reply = await signedPost('/v1/canceljob', '{"jobId":');
    expect(reply.status).toBe(400);
    expect(reply.headers.get('x-amzn-errortype')).toBe('ClientException');
    expect(((await reply.json()) as { message: string }).message).toMatch(/not valid JSON/);
  });

  it('reports every validation issue at once', async () => {
    const reply = await signedPost('/v1/canceljob', JSON.stringify({ jobId: 7 }));
    const { message } = (await reply.json()) as { message: string };
    expect(reply.status).toBe(400);
    expect(message).toMatch(/jobId/);
    expect(message).toMatch(/reason/);
  });

  it('a wrong content type → 400 ClientException', async () => {
    const reply = await signedPost('/v1/canceljob', 'jobId=x', 'text/plain');
    expect(reply.status).toBe(400);
    expect(reply.headers.get('x-amzn-errortype')).toBe('ClientException');
  });

  it("unknown paths and methods → the API's own error; unknown prefixes → jobmock's 404", async () => {
    const unknownPath = await signedPost('/v1/nothing', '{}');
    expect(unknownPath.status).toBe(404);
    expect(unknownPath.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    const unknownApi = await fetch(`${server.url}/not-an-api/x`);
    expect(unknownApi.status).toBe(404);
    expect(((await unknownApi.json()) as { error: { code: string } }).error.code).toBe('UnknownApi');
  });
});

import { printQueueApi } from '../support/own-api';
import { startServer } from '../support/server-harness';

type Server = Awaited<ReturnType<typeof startServer>>;

/** The server's own behaviour, on an API that is not jobmock's (test/fixtures/apis/print-queue). */
const api = printQueueApi();

describe("jobmock serve over HTTP: bad input gets the API's own error", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ apis: [api] });
  }, 120_000);
  afterAll(() => server.close());

  function post(path: string, rawBody: string, contentType = 'application/json') {
    return fetch(`${server.url}/print-queue${path}`, {
      method: 'POST',
      headers: { 'x-api-key': 'demo-key', 'content-type': contentType },
      body: rawBody,
    });
  }

  async function errorOf(reply: Response): Promise<{ code: string; message: string }> {
    return ((await reply.json()) as { error: { code: string; message: string } }).error;
  }

  it("a body over 1 MiB → 413 in the API's format, and the server keeps serving", async () => {
    const reply = await post('/jobs', JSON.stringify({ document: 'd'.repeat(1024 * 1024 + 10) }));
    expect(reply.status).toBe(413);
    expect((await errorOf(reply)).code).toBe('PayloadTooLarge');
    expect((await fetch(`${server.url}/__admin/health`)).status).toBe(200);
  });

  it("malformed JSON → the API's 400", async () => {
    const reply = await post('/jobs', '{"document":');
    expect(reply.status).toBe(400);
    expect((await errorOf(reply)).message).toMatch(/not valid JSON/);
  });

  it('reports every validation issue at once', async () => {
    const reply = await post('/jobs', JSON.stringify({ document: 7, copies: 0, colour: 'red' }));
    const { message } = await errorOf(reply);
    expect(reply.status).toBe(400);
    expect(message).toMatch(/document/);
    expect(message).toMatch(/copies/);
    expect(message).toMatch(/colour/);
  });

  it("a content type the operation does not take → the API's 415", async () => {
    const reply = await post('/jobs', 'document=x', 'text/plain');
    expect(reply.status).toBe(415);
    expect((await errorOf(reply)).code).toBe('UnsupportedMediaType');
  });

  it("unknown paths → the API's own error; unknown prefixes → jobmock's 404", async () => {
    const unknownPath = await post('/nothing', '{}');
    expect(unknownPath.status).toBe(404);
    expect((await errorOf(unknownPath)).code).toBe('RouteNotFound');
    const unknownApi = await fetch(`${server.url}/not-an-api/x`);
    expect(unknownApi.status).toBe(404);
    expect(((await unknownApi.json()) as { error: { code: string } }).error.code).toBe('UnknownApi');
  });
});

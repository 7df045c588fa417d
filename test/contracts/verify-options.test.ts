import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsBatch } from '../../mocks/aws-batch';
import { bigchange } from '../../mocks/bigchange';
import { registry } from '../../mocks/index';
import { demoSeed } from '../../src/engine/seed-entry';
import { createMockService } from '../../src/mock-service';
import { listen } from '../../src/server/http-server';
import { defaultPactFile } from '../../src/verify/pact-files';
import type { VerifyOptions } from '../../src/verify/verify-pact';
import { verifyPact, VerifyUsageError } from '../../src/verify/verify-pact';

jest.setTimeout(60_000);

interface Recorded {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** An http server that records every request and answers with `answer` (200 `{}` unless told). */
async function recorder(
  answer: (r: Recorded) => { status: number; body?: unknown } | 'hang' = () => ({ status: 200 }),
) {
  const seen: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const recorded = { url: req.url ?? '/', headers: req.headers, body };
      seen.push(recorded);
      const reply = answer(recorded);
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const base = (overrides: Partial<VerifyOptions>): VerifyOptions => ({
  api: bigchange,
  baseUrl: 'http://127.0.0.1:9',
  pactFile: defaultPactFile('bigchange'),
  states: { mode: 'none' },
  specCheck: false,
  headers: {},
  demoAuth: true,
  ...overrides,
});

/** Values a BigChange provider's states would return. */
const BIGCHANGE_VALUES = { token: 'token-from-the-state', customerId: 4321, jobId: 77 };

describe('provider states of a provider that is not jobmock', () => {
  it('are required: without --states-url or --no-states the error says so', async () => {
    const provider = await recorder();
    try {
      const run = verifyPact(base({ baseUrl: provider.url, states: { mode: 'auto' } }));
      await expect(run).rejects.toThrow(VerifyUsageError);
      await expect(run).rejects.toThrow(/not a jobmock server.*--states-url <url>.*--no-states/);
      expect(provider.seen.map((r) => r.url)).toEqual(['/__admin/health']);
    } finally {
      await provider.close();
    }
  });

  it('a states URL that answers 500 fails each interaction naming the URL, status and body, calling it once', async () => {
    const provider = await recorder();
    const states = await recorder(() => ({ status: 500, body: { error: 'database is down' } }));
    try {
      const outcomes = await verifyPact(
        base({ baseUrl: provider.url, states: { mode: 'url', url: `${states.url}/states` } }),
      );
      expect(outcomes.every((o) => o.outcome === 'failed')).toBe(true);
      expect(outcomes[0]!.details).toEqual([
        `state "a token with scopes {scopes}" (setup): POST ${states.url}/states answered 500: {"error":"database is down"}`,
      ]);
      // One call per interaction (its first state), never retried, and no request reached the provider.
      expect(states.seen).toHaveLength(outcomes.length);
      expect(provider.seen).toEqual([]);
    } finally {
      await Promise.all([provider.close(), states.close()]);
    }
  });

  it('a states URL that does not answer fails the interaction after the states timeout, naming the URL', async () => {
    const provider = await recorder();
    const states = await recorder(() => 'hang');
    try {
      const outcomes = await verifyPact(
        base({ baseUrl: provider.url, states: { mode: 'url', url: states.url }, statesTimeoutMs: 300 }),
      );
      expect(outcomes[0]!.details[0]).toBe(
        `state "a token with scopes {scopes}" (setup): POST ${states.url} failed: no answer within 300 ms`,
      );
      expect(outcomes.every((o) => o.outcome === 'failed')).toBe(true);
    } finally {
      await Promise.all([provider.close(), states.close()]);
    }
  });

  it('an unreachable states URL fails the interaction naming the URL and the error', async () => {
    const provider = await recorder();
    const closed = await recorder();
    await closed.close();
    try {
      const outcomes = await verifyPact(
        base({ baseUrl: provider.url, states: { mode: 'url', url: closed.url } }),
      );
      expect(outcomes[0]!.details[0]).toMatch(
        new RegExp(
          `^state "a token with scopes \\{scopes\\}" \\(setup\\): POST ${closed.url} failed: .*ECONNREFUSED`,
        ),
      );
    } finally {
      await provider.close();
    }
  });

  it('a state that returns none of the values the pact injects fails the interaction, naming them', async () => {
    const provider = await recorder();
    const states = await recorder(() => ({ status: 200, body: {} }));
    try {
      const outcomes = await verifyPact(
        base({ baseUrl: provider.url, states: { mode: 'url', url: states.url } }),
      );
      const cancel = outcomes.find((o) => o.description === 'a request to cancel a job in new')!;
      expect(cancel.details[0]).toMatch(
        /^the provider states returned no customerId, jobId, token, which the interaction uses;/,
      );
      expect(provider.seen).toEqual([]);
    } finally {
      await Promise.all([provider.close(), states.close()]);
    }
  });

  it('an interaction without provider states makes no state call; the others get their states', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobmock-pact-'));
    const pact = JSON.parse(
      JSON.stringify({
        consumer: { name: 'c' },
        provider: { name: 'aws-batch' },
        interactions: [
          {
            type: 'Synchronous/HTTP',
            description: 'stateless',
            request: { method: 'POST', path: '/v1/a' },
            response: { status: 200 },
          },
          {
            type: 'Synchronous/HTTP',
            description: 'with a state',
            providerStates: [{ name: 'a job in state {state}', params: { state: 'RUNNABLE' } }],
            request: { method: 'POST', path: '/v1/b' },
            response: { status: 200 },
          },
        ],
        metadata: { pactSpecification: { version: '4.0' } },
      }),
    );
    const file = join(dir, 'pact.json');
    writeFileSync(file, JSON.stringify(pact));
    const provider = await recorder();
    const states = await recorder(() => ({ status: 200, body: { jobId: 'j' } }));
    try {
      const outcomes = await verifyPact(
        base({
          api: awsBatch,
          baseUrl: provider.url,
          pactFile: file,
          states: { mode: 'url', url: states.url },
          demoAuth: false,
        }),
      );
      expect(outcomes.map((o) => o.outcome)).toEqual(['passed', 'passed']);
      expect(states.seen.map((r) => JSON.parse(r.body) as object)).toEqual([
        { state: 'a job in state {state}', params: { state: 'RUNNABLE' }, action: 'setup' },
        { state: 'a job in state {state}', params: { state: 'RUNNABLE' }, action: 'teardown' },
      ]);
    } finally {
      await Promise.all([provider.close(), states.close()]);
    }
  });

  it('--no-states runs only the interactions without provider states and reports the others as skipped', async () => {
    const provider = await recorder();
    try {
      const outcomes = await verifyPact(base({ baseUrl: provider.url, states: { mode: 'none' } }));
      expect(new Set(outcomes.map((o) => o.outcome))).toEqual(new Set(['skipped']));
      expect(provider.seen).toEqual([]);
    } finally {
      await provider.close();
    }
  });
});

describe('real credentials', () => {
  it('replace the pact’s only on requests that carry valid credentials; deliberate ones keep theirs', async () => {
    const provider = await recorder();
    const states = await recorder(() => ({ status: 200, body: BIGCHANGE_VALUES }));
    try {
      await verifyPact(
        base({
          baseUrl: provider.url,
          states: { mode: 'url', url: states.url },
          credentials: { token: 'the-real-token' },
          headers: { Authorization: 'Bearer from-a-header', 'X-Gateway-Key': 'k1' },
        }),
      );
      const authOf = (fragment: string) =>
        provider.seen.filter((r) => r.url.includes(fragment)).map((r) => r.headers.authorization);
      const all = provider.seen.map((r) => r.headers.authorization);
      // 22 interactions: the invalid-token one keeps its literal token, the read-only one its state's token.
      expect(all.filter((a) => a === 'Bearer the-real-token')).toHaveLength(all.length - 2);
      expect(all).toContain('Bearer not-a-valid-token');
      expect(all).toContain(`Bearer ${BIGCHANGE_VALUES.token}`);
      expect(authOf('/v1/jobs/77/')).toContain('Bearer the-real-token');
      expect(provider.seen.every((r) => r.headers['x-gateway-key'] === 'k1')).toBe(true);
    } finally {
      await Promise.all([provider.close(), states.close()]);
    }
  });

  it('AWS: SigV4 with the given key and region on every request but the deliberately unknown key', async () => {
    const provider = await recorder();
    const states = await recorder(() => ({ status: 200, body: { jobId: 'job-7' } }));
    try {
      await verifyPact(
        base({
          api: awsBatch,
          pactFile: defaultPactFile('aws-batch'),
          baseUrl: provider.url,
          states: { mode: 'url', url: states.url },
          credentials: {
            aws: {
              credentials: async () => ({
                accessKeyId: 'AKIAREAL',
                secretAccessKey: 's',
                sessionToken: 'tok',
              }),
              region: 'ap-southeast-2',
            },
          },
        }),
      );
      const auth = provider.seen.map((r) => String(r.headers.authorization));
      expect(
        auth.filter((a) =>
          /^AWS4-HMAC-SHA256 Credential=AKIAREAL\/\d{8}\/ap-southeast-2\/batch\/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token,/.test(
            a,
          ),
        ),
      ).toHaveLength(auth.length - 1);
      expect(auth.filter((a) => a.includes('Credential=unknown-key/'))).toHaveLength(1);
      expect(provider.seen.filter((r) => r.headers['x-amz-security-token'] === 'tok')).toHaveLength(
        auth.length - 1,
      );
    } finally {
      await Promise.all([provider.close(), states.close()]);
    }
  });

  it('AWS without any credentials stops before the run, saying what to set', async () => {
    const provider = await recorder();
    const states = await recorder();
    try {
      const run = verifyPact(
        base({
          api: awsBatch,
          baseUrl: provider.url,
          states: { mode: 'url', url: states.url },
          credentials: {
            aws: {
              credentials: () => Promise.reject(new Error('Could not load credentials')),
              region: 'us-east-1',
            },
          },
        }),
      );
      await expect(run).rejects.toThrow(
        /SigV4.*AWS_ACCESS_KEY_ID.*--aws-profile.*Could not load credentials/,
      );
      expect(states.seen).toEqual([]);
    } finally {
      await Promise.all([provider.close(), states.close()]);
    }
  });
});

describe('against a shared jobmock server', () => {
  it('verifies in a session of its own and leaves the default session (and no other) behind', async () => {
    const service = createMockService({ apis: registry, clock: 'manual', seed: demoSeed(registry) });
    const server = await listen(service, { port: 0 });
    try {
      const jobsOfDefault = () =>
        service.engine.transact('default', (tx) => service.engine.context(tx, 'kbase').jobs.size) as number;
      const before = jobsOfDefault();
      const outcomes = await verifyPact(
        base({
          api: registry.find((a) => a.id === 'kbase')!,
          pactFile: defaultPactFile('kbase'),
          baseUrl: `${server.url}/kbase`,
          states: { mode: 'auto' },
        }),
      );
      expect(outcomes.every((o) => o.outcome === 'passed')).toBe(true);
      expect(await service.store.sessionNames()).toEqual(['default']);
      expect(jobsOfDefault()).toBe(before);
    } finally {
      await server.close();
    }
  });
});

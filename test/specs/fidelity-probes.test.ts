import { registry } from '../../mocks/index';
import type { AnyApiDefinition, Profile } from '../../src/api';
import type { Probe, ProbeExpectation } from '../fidelity/facts';
import { registryFacts } from '../fidelity/registry-facts';
import { withDemoCredentials } from '../support/demo-client';
import { adminClient, startServer } from '../support/server-harness';

type Server = Awaited<ReturnType<typeof startServer>>;

const PROFILES: readonly Profile[] = ['documented', 'upstream'];

/** A job id in the API's own format that no probe makes. */
const UNKNOWN_SEQUENCE = 999_999;

/** The probe's request with `{job}` replaced by the job's id. */
function requestFor(probe: Probe, jobId: string) {
  const fill = (text: string) => text.replaceAll('{job}', jobId);
  const { method, path, headers = {}, body, rawBody } = probe.request;
  return {
    method,
    path: fill(path),
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, fill(v)])),
    body: body === undefined ? undefined : (JSON.parse(fill(JSON.stringify(body))) as unknown),
    rawBody: rawBody === undefined ? undefined : fill(rawBody),
  };
}

let sessions = 0;

/** Sends a probe to the server in a session of its own, returning what the checks look at. */
async function send(server: Server, api: AnyApiDefinition, probe: Probe) {
  const session = `probe-${++sessions}`;
  const admin = adminClient(server.url, session);
  const made = probe.job === undefined ? undefined : await admin.createJob(api.id, probe.job);
  if (made && made.status !== 201) throw new Error(`${probe.claim}: no ${probe.job} job (${made.status})`);
  const jobId = made ? String(made.body!.id) : api.newId(UNKNOWN_SEQUENCE);
  const filled = requestFor(probe, jobId);
  const request = { ...filled, headers: { ...filled.headers, 'x-jobmock-session': session } };
  const baseUrl = `${server.url}/${api.id}`;
  const sent = await withDemoCredentials(api, baseUrl, request);
  const init = request.rawBody === undefined ? sent : { ...sent, body: request.rawBody };
  const reply = await fetch(baseUrl + request.path, init);
  const text = await reply.text();
  let body: unknown = text === '' ? undefined : text;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    // a body that is not JSON stays text
  }
  const job = await admin.getJob(api.id, jobId);
  return {
    status: reply.status,
    headers: Object.fromEntries(reply.headers.entries()),
    body,
    jobState: job.status === 404 ? null : (job.body!.state as string),
  };
}

/** Checks a reply against what the probe expects of it in one profile. */
function check(got: Awaited<ReturnType<typeof send>>, want: ProbeExpectation): void {
  expect(got.headers['x-jobmock-violations']).toBeUndefined();
  expect(got.status).toBe(want.status);
  for (const [name, value] of Object.entries(want.headers ?? {}))
    expect([name, got.headers[name] ?? null]).toEqual([name, value]);
  if (want.bodyEquals !== undefined) expect(got.body).toEqual(want.bodyEquals);
  if (want.body !== undefined) {
    if (want.body !== null && typeof want.body === 'object') expect(got.body).toMatchObject(want.body);
    else expect(got.body).toEqual(want.body);
  }
  if (want.jobState !== undefined) expect(got.jobState).toBe(want.jobState);
}

const probed = registryFacts().filter((f) => f.probes?.length);

/**
 * The behaviours each facts file records (`probes`), checked against the mock over HTTP in both profiles, with
 * the demo credentials and strict mode: a fix of a fidelity gap stays fixed.
 */
describe.each(PROFILES)('fidelity probes, %s profile', (profile) => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ profile });
  });
  afterAll(() => server.close());

  describe.each(probed.map((f) => [f.api, f] as const))('%s', (id, facts) => {
    const api = registry.find((a) => a.id === id)!;
    it.each(facts.probes!.map((p) => [p.claim, p] as const))('%s', async (_claim, probe) => {
      check(await send(server, api, probe), probe[profile]);
    });
  });
});

describe('fidelity probes', () => {
  it('are checked for the four APIs whose fixes they guard', () => {
    expect(probed.map((f) => f.api)).toEqual(
      expect.arrayContaining(['bigchange', 'fabric', 'itential', 'kbase']),
    );
  });
});

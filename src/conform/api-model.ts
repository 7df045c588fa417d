import type { AnyApiDefinition, ClientRequest, Profile } from '../api';
import { demoSeed } from '../engine/seed-entry';
import { SESSION_HEADER } from '../engine/session-name';
import type { MockService } from '../mock-service';
import { createMockService } from '../mock-service';
import { protocolOf } from '../protocols';
import type { RunningServer } from '../server/http-server';
import { listen } from '../server/http-server';
import { specDocument } from '../spec/load-spec';
import { unknownCredentials } from '../verify/client-credentials';
import { credentialSchemeOf } from '../verify/credential-scheme';
import { send } from '../verify/http-client';
import { providerAuthorizer } from '../verify/provider-authorizer';
import type { CredentialUse, Exchange } from './api-client';
import { ApiClient } from './api-client';

/**
 * Seeds the service with the API's demo data when its demo seed makes any (AWS Batch's demo queue and
 * definition, which the API's own calls name), and else with nothing: the seed's demo jobs would take ids
 * that the provider's own jobs may have (its first job is often the model's first demo job), and the model
 * could not hold them.
 */
async function seedDemoData(service: MockService, api: AnyApiDefinition): Promise<void> {
  const seed = demoSeed([api]);
  service.engine.setSeed(seed);
  const madeData = await service.engine.transact(
    'conform-model-seed',
    (tx) => !tx.data(api.id).entries().next().done,
  );
  if (!madeData) service.engine.setSeed([]);
}

/** The two behaviours jobmock models for every API (`--profile`). */
export const PROFILES: readonly Profile[] = ['documented', 'upstream'];

/** How the API answers one request, in each profile. */
export type ModelAnswer = Readonly<Record<Profile, Exchange>>;

/** How the API answers one request in each profile, and the state the held job is in afterwards in each. */
export interface ModelResult {
  readonly answer: ModelAnswer;
  /** Undefined without a held job, or in a profile where the request left no such job. */
  readonly jobAfter: Readonly<Record<Profile, string | undefined>>;
}

/** A job the model holds before it answers: this id, in this state (held there). */
export interface ModelJob {
  readonly id: string;
  readonly state: string;
}

interface ServedProfile {
  readonly server: RunningServer;
  readonly client: ApiClient;
  close(): void;
}

/**
 * jobmock's own mock of the API, in both profiles, as the oracle of a conformance run: it answers the requests
 * sent to the provider, in the situation the provider's job was seen in (a job held in that state, with the same
 * id; no job at all; the same missing or unknown credentials), so the run knows how the API answers them, and
 * where the documented and the upstream behaviour differ. It runs on loopback servers of its own, with a manual
 * clock that both profiles start each situation at, the same instant (the next second of the wall clock, so
 * signed requests stay in their validity window), so the profiles' answers differ only where the profiles do.
 */
export class ApiModel {
  private situations = 0;

  private constructor(
    private readonly api: AnyApiDefinition,
    private readonly served: Readonly<Record<Profile, ServedProfile>>,
  ) {}

  static async start(api: AnyApiDefinition): Promise<ApiModel> {
    const protocol = protocolOf(api, specDocument(api));
    const unknown = unknownCredentials(credentialSchemeOf(api));
    const valid = await providerAuthorizer(api, { jobmock: true, demoAuth: true });
    const served = await Promise.all(
      PROFILES.map(async (profile): Promise<[Profile, ServedProfile]> => {
        const service = createMockService({ apis: [api], only: api.id, profile, clock: 'manual' });
        await seedDemoData(service, api);
        service.engine.warm(); // compiled now, not while the provider's job waits for an answer
        const server = await listen(service, { port: 0 });
        const client = new ApiClient({ baseUrl: server.url, protocol, valid, unknown });
        return [profile, { server, client, close: () => service.close() }];
      }),
    );
    return new ApiModel(api, Object.fromEntries(served) as Record<Profile, ServedProfile>);
  }

  /**
   * How the API answers `request`, in each profile, with `job` held first (or no job), and the state the job is in
   * afterwards; undefined when the model cannot hold that job (an id the API would never make).
   */
  async answer(
    request: ClientRequest,
    credentials: CredentialUse,
    job?: ModelJob,
  ): Promise<ModelResult | undefined> {
    const session = { [SESSION_HEADER]: `conform-model-${++this.situations}` };
    const startsAt = Math.ceil(Date.now() / 1000) * 1000 + 1000;
    const answers = await Promise.all(
      PROFILES.map(async (profile) => {
        const { server, client } = this.served[profile];
        if (!(await this.setUp(server.url, session, startsAt, job))) return undefined;
        const exchange = await client.send(request, credentials, session);
        const after = job && (await this.stateOf(server.url, session, job.id));
        return { profile, exchange, after };
      }),
    );
    if (!answers.every((a) => a !== undefined)) return undefined;
    const of = <T>(pick: (a: (typeof answers)[number] & object) => T) =>
      Object.fromEntries(answers.map((a) => [a.profile, pick(a)])) as Record<Profile, T>;
    return { answer: of((a) => a.exchange), jobAfter: of((a) => a.after) };
  }

  async close(): Promise<void> {
    await Promise.all(
      PROFILES.map(async (profile) => {
        await this.served[profile].server.close();
        this.served[profile].close();
      }),
    );
  }

  /** The state the session's job is in (undefined when it has none by that id). */
  private async stateOf(url: string, session: Record<string, string>, id: string) {
    const path = `/__admin/jobs/${encodeURIComponent(this.api.id)}/${encodeURIComponent(id)}`;
    const reply = await send(new URL(path, url), { method: 'GET', headers: session });
    return reply.status === 200 ? (JSON.parse(reply.body) as { state: string }).state : undefined;
  }

  /** Starts the session's clock at `startsAt`, then holds the job; false when the admin API refuses it. */
  private async setUp(
    url: string,
    session: Record<string, string>,
    startsAt: number,
    job: ModelJob | undefined,
  ) {
    const admin = (method: string, path: string, body?: unknown) =>
      send(new URL(`/__admin${path}`, url), {
        method,
        headers: { ...session, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const clock = JSON.parse((await admin('GET', '/clock')).body) as { now: number };
    await admin('POST', '/clock', { advanceMs: Math.max(0, startsAt - clock.now) });
    if (!job) return true;
    const held = await admin('POST', '/jobs', { api: this.api.id, state: job.state, id: job.id, held: true });
    return held.status === 201;
  }
}

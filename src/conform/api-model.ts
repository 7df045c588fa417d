import type { AnyApiDefinition, ClientRequest, Profile } from '../api';
import { SESSION_HEADER } from '../engine/session-name';
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

/** The two behaviours jobmock models for every API (`--profile`). */
export const PROFILES: readonly Profile[] = ['documented', 'upstream'];

/** How the API answers one request, in each profile. */
export type ModelAnswer = Readonly<Record<Profile, Exchange>>;

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
 * clock that every situation starts at the same instant, so the profiles' answers differ only where the profiles do.
 */
export class ApiModel {
  private situations = 0;

  private constructor(
    private readonly api: AnyApiDefinition,
    private readonly served: Readonly<Record<Profile, ServedProfile>>,
    /** The virtual time every situation starts at, in both profiles. */
    private readonly startsAt: number,
  ) {}

  static async start(api: AnyApiDefinition): Promise<ApiModel> {
    const protocol = protocolOf(api, specDocument(api));
    const unknown = unknownCredentials(credentialSchemeOf(api));
    const valid = await providerAuthorizer(api, { jobmock: true, demoAuth: true });
    const served = await Promise.all(
      PROFILES.map(async (profile): Promise<[Profile, ServedProfile]> => {
        const service = createMockService({ apis: [api], only: api.id, profile, clock: 'manual' });
        service.engine.warm(); // compiled now, not while the provider's job waits for an answer
        const server = await listen(service, { port: 0 });
        const client = new ApiClient({ baseUrl: server.url, protocol, valid, unknown });
        return [profile, { server, client, close: () => service.close() }];
      }),
    );
    const startsAt = Math.ceil(Date.now() / 1000) * 1000 + 3_600_000;
    return new ApiModel(api, Object.fromEntries(served) as Record<Profile, ServedProfile>, startsAt);
  }

  /**
   * How the API answers `request`, in each profile, with `job` held first (or no job); undefined when the model
   * cannot hold that job (an id the API would never make).
   */
  async answer(
    request: ClientRequest,
    credentials: CredentialUse,
    job?: ModelJob,
  ): Promise<ModelAnswer | undefined> {
    const session = { [SESSION_HEADER]: `conform-model-${++this.situations}` };
    const answers = await Promise.all(
      PROFILES.map(async (profile) => {
        const { server, client } = this.served[profile];
        if (!(await this.setUp(server.url, session, job))) return undefined;
        return [profile, await client.send(request, credentials, session)] as const;
      }),
    );
    return answers.every((a) => a !== undefined) ? (Object.fromEntries(answers) as ModelAnswer) : undefined;
  }

  async close(): Promise<void> {
    await Promise.all(
      PROFILES.map(async (profile) => {
        await this.served[profile].server.close();
        this.served[profile].close();
      }),
    );
  }

  /** Starts the session's clock at `startsAt`, then holds the job; false when the admin API refuses it. */
  private async setUp(url: string, session: Record<string, string>, job: ModelJob | undefined) {
    const admin = (method: string, path: string, body?: unknown) =>
      send(new URL(`/__admin${path}`, url), {
        method,
        headers: { ...session, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const clock = JSON.parse((await admin('GET', '/clock')).body) as { now: number };
    await admin('POST', '/clock', { advanceMs: Math.max(0, this.startsAt - clock.now) });
    if (!job) return true;
    const held = await admin('POST', '/jobs', { api: this.api.id, state: job.state, id: job.id, held: true });
    return held.status === 201;
  }
}

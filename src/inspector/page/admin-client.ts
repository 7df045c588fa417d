import type { components } from '../../../specs/_admin/types.gen';

export type Schemas = components['schemas'];
export type Job = Schemas['AdminJob'];
export type ApiInfo = Schemas['ApiInfo'];
export type Entry = Schemas['RequestEntry'];
export type Clock = Schemas['ClockState'];
export type Fault = Schemas['Fault'];
export type Session = Schemas['SessionList']['sessions'][number];

const TOKEN_KEY = 'jobmock-admin-token';

/** The admin API said no for want of the admin token (or a wrong one). */
export class NeedsToken extends Error {}

/** A refusal of the admin API, with its `{error: {code, message}}`. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The admin API, as this page calls it: on the page's own origin, on one session, with the admin token the
 * user entered once (kept for this tab in sessionStorage, never shown).
 */
export class AdminClient {
  session = 'default';

  get hasToken(): boolean {
    return sessionStorage.getItem(TOKEN_KEY) !== null;
  }

  setToken(token: string): void {
    sessionStorage.setItem(TOKEN_KEY, token);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { 'x-jobmock-session': this.session };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const reply = await fetch(`/__admin${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (reply.status === 401) throw new NeedsToken('The admin API needs the admin token');
    const text = await reply.text();
    const value = text ? (JSON.parse(text) as unknown) : undefined;
    if (!reply.ok) {
      const error = (value as { error?: { message?: string } } | undefined)?.error;
      throw new AdminError(reply.status, error?.message ?? `${method} ${path}: ${reply.status}`);
    }
    return value as T;
  }

  apis = () => this.call<Schemas['ApiList']>('GET', '/apis').then((r) => r.apis);
  sessions = () => this.call<Schemas['SessionList']>('GET', '/sessions').then((r) => r.sessions);
  jobs = (api: string) =>
    this.call<Schemas['JobList']>('GET', `/jobs?api=${encodeURIComponent(api)}&limit=1000`).then(
      (r) => r.jobs,
    );
  clock = () => this.call<Clock>('GET', '/clock');
  changeClock = (change: Schemas['ClockChange']) => this.call<Clock>('POST', '/clock', change);
  faults = () => this.call<Schemas['FaultList']>('GET', '/faults').then((r) => r.faults);
  addFault = (fault: Fault) => this.call<Schemas['FaultList']>('POST', '/faults', fault);
  clearFaults = () => this.call<void>('DELETE', '/faults');
  createJob = (job: Schemas['JobRequest']) => this.call<Job>('POST', '/jobs', job);
  hold = (api: string, id: string, held: boolean) =>
    this.call<Job>('PATCH', `/jobs/${encodeURIComponent(api)}/${encodeURIComponent(id)}`, { held });
  reset = () => this.call<void>('POST', '/reset');
  requests = (after: number) =>
    this.call<Schemas['RequestList']>('GET', `/requests?admin=true&limit=500&after=${after}`).then(
      (r) => r.requests,
    );
  newestRequest = () =>
    this.call<Schemas['RequestList']>('GET', '/requests?admin=true&limit=1').then((r) => r.requests[0]);
}

import { createRequire } from 'node:module';
import fc from 'fast-check';
import type { AnyApiDefinition } from '../../../src/api';
import { parseJson } from '../../../src/core/body';
import { fault } from '../../../src/core/fault';
import type { MockReply } from '../../../src/core/wire';
import { SESSION_HEADER } from '../../../src/engine/session-name';
import { VIOLATIONS_HEADER } from '../../../src/engine/violations';
import type { IncomingCall } from '../../../src/engine/incoming-call';
import { splitUrl } from '../../../src/engine/incoming-call';
import type { MockService } from '../../../src/mock-service';
import { createMockService } from '../../../src/mock-service';
import type { OpenApiDocument } from '../../../src/openapi/openapi-document';
import type { OperationSpec } from '../../../src/openapi/operation';
import { readEnvelope } from '../../../src/openrpc/json-rpc-envelope';
import type { OpenRpcDocument } from '../../../src/openrpc/openrpc-document';
import { MAX_BATCH } from '../../../src/openrpc/openrpc-protocol';
import type { Transaction } from '../../../src/store/store';
import type { Job } from '../../../src/core/job';
import { then } from '../../../src/admin/maybe-async';
import { testStore } from '../../support/test-store';
import { compiledSpec } from '../../conformance/spec-of';
import { demoSeed } from '../../../src/engine/seed-entry';
import { anyMethod, nastyContentType, nastyJson, nastyRawBody, nastyString } from './nasty-values';
import type { KnownValues } from './schema-arbitrary';
import { ID_NAME, SchemaArbitraries } from './schema-arbitrary';

/** The session every generated call runs in; it is reset (to the demo seed) before each call. */
export const TRAFFIC_SESSION = 'traffic';
const HOST = '127.0.0.1:4010';

/** How many generated calls per API: 10,000 by default, more with JOBMOCK_TRAFFIC_RUNS. */
export const TRAFFIC_RUNS = Number(process.env.JOBMOCK_TRAFFIC_RUNS ?? 10_000);

/** One mutation that breaks a valid call; plain data, so a shrunk counterexample reads (and saves) as is. */
export type Mutation =
  | { readonly at: 'path-param'; readonly index: number; readonly value: string }
  | { readonly at: 'raw-path'; readonly path: string }
  | { readonly at: 'method'; readonly method: string }
  | { readonly at: 'query-extra'; readonly name: string; readonly value: string }
  | { readonly at: 'query-wrong'; readonly index: number; readonly value: string }
  | { readonly at: 'query-drop'; readonly index: number }
  | { readonly at: 'query-repeat'; readonly index: number }
  | { readonly at: 'header-drop'; readonly index: number }
  | { readonly at: 'header-wrong'; readonly index: number; readonly value: string }
  | { readonly at: 'header-extra'; readonly name: string; readonly value: string }
  | { readonly at: 'content-type'; readonly value: string | undefined }
  | { readonly at: 'body-raw'; readonly raw: string }
  | { readonly at: 'body-replace'; readonly value: unknown }
  | { readonly at: 'body-drop'; readonly node: number; readonly key: number }
  | { readonly at: 'body-set'; readonly node: number; readonly key: number; readonly value: unknown }
  | { readonly at: 'body-extra'; readonly node: number; readonly name: string; readonly value: unknown }
  | { readonly at: 'auth'; readonly how: 'none' | 'garbled' };

/** A generated call before it is rendered: built from one operation (or JSON-RPC method) of the spec. */
export interface TrafficCase {
  readonly operation: string;
  readonly method: string;
  readonly template: string;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: readonly (readonly [string, string])[];
  readonly headers: Readonly<Record<string, string>>;
  readonly body: { readonly json: unknown } | undefined;
  readonly contentType: string | undefined;
  readonly mutations: readonly Mutation[];
  /** A fault injected (through the admin API) before the call. */
  readonly inject?: { readonly operation: string; readonly status: number } | undefined;
}

export interface TrafficOutcome {
  readonly call: IncomingCall;
  readonly reply: MockReply;
  readonly problems: string[];
}

/** What a run counted, per API. */
export interface TrafficStats {
  calls: number;
  valid: number;
  validOk: number;
  broken: number;
  byStatus: Record<string, number>;
}

const PROTO_NAMES = ['__proto__', 'constructor', 'prototype'];

/**
 * Generated traffic for one API of the registry: valid calls built from its spec, calls broken in every
 * part, and the Schemathesis-style checks of each reply against the spec.
 *
 * @example
 * const traffic = new ApiTraffic(awsBatch);
 * await fc.assert(fc.asyncProperty(traffic.cases(), (c) => traffic.check(c)), { numRuns: 10_000 });
 */
export class ApiTraffic {
  readonly service: MockService;
  readonly stats: TrafficStats = { calls: 0, valid: 0, validOk: 0, broken: 0, byStatus: {} };
  private readonly schemas: SchemaArbitraries;
  private dirty = true;
  private known: KnownValues[] = [];
  /** Resolves once the seeded jobs' values are read (at once in memory; after a round trip on Redis). */
  readonly ready: Promise<void>;
  /** The API's own error object for an unexpected exception (JSON-RPC), as JSON. */
  private readonly internal: string | undefined;

  constructor(
    readonly api: AnyApiDefinition,
    options: { registry?: readonly AnyApiDefinition[] } = {},
  ) {
    this.service = createMockService({
      apis: options.registry ?? [api],
      only: undefined,
      clock: 'manual',
      strict: true,
      seed: demoSeed([api]),
      store: testStore({ clock: 'manual' }),
    });
    this.service.engine.warm();
    this.schemas = new SchemaArbitraries(this.spec.document.document);
    this.ready = Promise.resolve(then(this.knownValues(), (known) => void (this.known = known)));
    this.internal =
      api.protocol === 'openrpc'
        ? JSON.stringify(
            api.rpcError(fault('Internal', 'An internal error occurred'), {
              operation: undefined,
              profile: 'documented',
            }),
          )
        : undefined;
  }

  get spec() {
    return compiledSpec(this.api);
  }

  private get openapi(): OpenApiDocument | undefined {
    const spec = this.spec;
    return spec.protocol === 'openapi' ? spec.document : undefined;
  }

  private get openrpc(): OpenRpcDocument | undefined {
    const spec = this.spec;
    return spec.protocol === 'openrpc' ? spec.document : undefined;
  }

  /** Runs work in one transaction on the traffic session (at once in memory, as a promise on Redis). */
  tx<T>(work: (tx: Transaction) => T): T | Promise<T> {
    return this.service.engine.transact(TRAFFIC_SESSION, work);
  }

  /** Puts the traffic session back to the seed. */
  reset(): void | Promise<void> {
    return this.tx((tx) => tx.reset());
  }

  /** Stops the service (and its store's connections). */
  close(): void | Promise<void> {
    return this.service.close();
  }

  /** Field values of the seeded jobs (one map per job), so generated calls name jobs that exist. */
  private knownValues(): KnownValues[] | Promise<KnownValues[]> {
    const jobs = this.tx((tx) => {
      tx.reset();
      return [...this.service.engine.context(tx, this.api.id).jobs.scan()];
    });
    return then(jobs, (seeded) => seeded.map((job) => this.valuesOf(job)));
  }

  private valuesOf(job: Job): KnownValues {
    const values = new Map<string, unknown[]>();
    const add = (name: string, value: unknown) => {
      if (typeof value !== 'string' && typeof value !== 'number') return;
      const key = normalName(name);
      values.set(key, [...(values.get(key) ?? []), value]);
    };
    const view = this.api.view(job) as Record<string, unknown> | undefined;
    for (const source of [view, job.data as Record<string, unknown>]) {
      for (const [k, v] of Object.entries(source ?? {})) {
        add(k, v);
        if (v && typeof v === 'object' && !Array.isArray(v))
          for (const [k2, v2] of Object.entries(v)) add(k2, v2);
      }
    }
    for (const name of ['id', 'jobid', 'jobinstanceid']) if (!values.has(name)) values.set(name, [job.id]);
    if (job.owner !== undefined) add('owner', job.owner);
    return withIdFallback(values, job.id);
  }

  /** Valid calls and broken ones (about half each), sometimes after an injected fault. */
  cases(): fc.Arbitrary<TrafficCase> {
    const valid = this.validCases();
    const broken = fc
      .tuple(valid, fc.array(this.mutation(), { minLength: 1, maxLength: 3 }))
      .map(([c, mutations]) => ({ ...c, inject: undefined, mutations }));
    return fc.oneof({ weight: 1, arbitrary: valid }, { weight: 1, arbitrary: broken });
  }

  /** Valid calls only. */
  validCases(): fc.Arbitrary<TrafficCase> {
    const known = this.known.length
      ? fc.option(fc.constantFrom(...this.known.keys()), { freq: 5 })
      : fc.constant(null);
    const byJob = new Map<number | null, fc.Arbitrary<TrafficCase>>();
    return known.chain((i) => {
      let arbitrary = byJob.get(i);
      if (!arbitrary) {
        const values = i === null ? new Map<string, unknown[]>() : this.known[i]!;
        arbitrary = this.openapi
          ? this.openApiCases(this.openapi, values)
          : this.openRpcCases(this.openrpc!, values);
        byJob.set(i, arbitrary);
      }
      return arbitrary;
    });
  }

  private openApiCases(doc: OpenApiDocument, known: KnownValues): fc.Arbitrary<TrafficCase> {
    return fc.oneof(
      ...doc.operations.map((op) => {
        const params = Object.fromEntries(
          op.parameters
            .filter((p) => p.in !== 'cookie')
            .map((p) => {
              const arb = this.schemas.valid(this.schemas.at(p.schemaAt), p.name, known);
              return [`${p.in}:${p.name}`, p.required ? arb : fc.option(arb, { nil: undefined })];
            }),
        );
        const media = op.body ? [...op.body.content.keys()][0] : undefined;
        const bodyAt = media ? op.body!.content.get(media) : undefined;
        const body = bodyAt
          ? op.body!.required
            ? this.schemas.valid(this.schemas.at(bodyAt), '', known).map((json) => ({ json }))
            : fc.option(
                this.schemas.valid(this.schemas.at(bodyAt), '', known).map((json) => ({ json })),
                { nil: undefined, freq: 8 },
              )
          : fc.constant(undefined);
        return fc
          .record({ params: fc.record(params), body, inject: this.injection(op) })
          .map(({ params: values, body: b, inject }): TrafficCase => {
            const pathParams: Record<string, string> = {};
            const query: [string, string][] = [];
            const headers: Record<string, string> = {};
            for (const p of op.parameters) {
              const value = values[`${p.in}:${p.name}`];
              if (value === undefined) continue;
              if (p.in === 'path') pathParams[p.name] = scalar(value);
              if (p.in === 'header') headers[p.name.toLowerCase()] = scalar(value);
              if (p.in === 'query') {
                for (const v of Array.isArray(value) ? value : [value]) query.push([p.name, scalar(v)]);
              }
            }
            return {
              operation: op.id,
              method: op.method,
              template: op.template,
              pathParams,
              query,
              headers,
              body: b,
              contentType: b ? media : undefined,
              mutations: [],
              inject,
            };
          });
      }),
    );
  }

  /** For about one valid call in ten: a fault the operation declares, injected through the admin API. */
  private injection(op: OperationSpec | { id: string; statuses: number[] }) {
    const statuses =
      'statuses' in op
        ? op.statuses
        : [...op.responses.keys()].filter((s) => /^[45]\d\d$/.test(s)).map(Number);
    if (!statuses.length) return fc.constant(undefined);
    return fc.oneof(
      { weight: 9, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom(...statuses).map((status) => ({ operation: op.id, status })) },
    );
  }

  private openRpcCases(doc: OpenRpcDocument, known: KnownValues): fc.Arbitrary<TrafficCase> {
    const single = this.api.protocol === 'openrpc' && this.api.listParams === 'single-structure';
    const calls = [...doc.methods.values()].map((method) => {
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const p of method.params)
        model[p.name] = this.schemas.valid(this.schemas.at(p.schemaAt), p.name, known);
      const params = fc.record(model, {
        requiredKeys: method.params.filter((p) => p.required).map((p) => p.name),
      });
      const form = fc.constantFrom('by-name', 'list', 'v1.1', 'notification');
      const id = fc.oneof(fc.uuid(), fc.integer({ min: 0, max: 1e6 }), fc.constant(null));
      return fc
        .record({ params, form, id, inject: this.injection({ id: method.name, statuses: [500, 503] }) })
        .map(({ params: p, form: f, id: i, inject }) => {
          const list = single ? [p] : method.params.map((m) => p[m.name]);
          const envelope: Record<string, unknown> =
            f === 'v1.1'
              ? { version: '1.1', method: method.name, params: single ? [p] : list, id: i ?? 1 }
              : { jsonrpc: '2.0', method: method.name, params: f === 'list' ? list : p };
          if (f !== 'notification' && f !== 'v1.1') envelope.id = i;
          return { envelope, method: method.name, inject: f === 'notification' ? undefined : inject };
        });
    });
    const one = fc.oneof(...calls);
    return fc
      .oneof(
        { weight: 9, arbitrary: one.map((c) => [c]) },
        { weight: 1, arbitrary: fc.array(one, { minLength: 2, maxLength: 4 }) },
      )
      .map((batch): TrafficCase => ({
        operation: batch[0]!.method,
        method: 'POST',
        template: '/',
        pathParams: {},
        query: [],
        headers: {},
        body: { json: batch.length === 1 ? batch[0]!.envelope : batch.map((c) => c.envelope) },
        contentType: 'application/json',
        mutations: [],
        inject: batch.length === 1 ? batch[0]!.inject : undefined,
      }));
  }

  private mutation(): fc.Arbitrary<Mutation> {
    const index = fc.nat(20);
    const name = fc.oneof(
      fc.constantFrom(...PROTO_NAMES, 'x-extra', 'unknownField'),
      fc.string({ maxLength: 12 }),
    );
    return fc.oneof(
      fc.record({ at: fc.constant('path-param' as const), index, value: nastyString }),
      fc.record({
        at: fc.constant('raw-path' as const),
        path: fc.constantFrom(
          '/../../etc/passwd',
          '/..%2f..%2fetc%2fpasswd',
          '/%2e%2e/%2e%2e/etc/passwd',
          '//',
          '/',
          '/nothing/here',
          '/file:///etc/passwd',
          '/%00',
          '/%',
          '/%ZZ',
        ),
      }),
      fc.record({ at: fc.constant('method' as const), method: anyMethod }),
      fc.record({ at: fc.constant('query-extra' as const), name, value: nastyString }),
      fc.record({ at: fc.constant('query-wrong' as const), index, value: nastyString }),
      fc.record({ at: fc.constant('query-drop' as const), index }),
      fc.record({ at: fc.constant('query-repeat' as const), index }),
      fc.record({ at: fc.constant('header-drop' as const), index }),
      fc.record({ at: fc.constant('header-wrong' as const), index, value: nastyString }),
      fc.record({
        at: fc.constant('header-extra' as const),
        name: name.map((n) => `x-${n}`),
        value: nastyString,
      }),
      fc.record({ at: fc.constant('content-type' as const), value: nastyContentType }),
      fc.record({ at: fc.constant('body-raw' as const), raw: nastyRawBody }),
      fc.record({ at: fc.constant('body-replace' as const), value: nastyJson }),
      fc.record({ at: fc.constant('body-drop' as const), node: index, key: index }),
      fc.record({ at: fc.constant('body-drop' as const), node: fc.constant(0), key: index }),
      fc.record({ at: fc.constant('body-set' as const), node: index, key: index, value: nastyJson }),
      fc.record({ at: fc.constant('body-set' as const), node: fc.constant(0), key: index, value: nastyJson }),
      fc.record({ at: fc.constant('body-extra' as const), node: index, name, value: nastyJson }),
      fc.record({
        at: fc.constant('auth' as const),
        how: fc.constantFrom('none' as const, 'garbled' as const),
      }),
    );
  }

  /** Renders a case into the call a client would send, authenticated with the API's demo credentials. */
  async render(c: TrafficCase): Promise<IncomingCall> {
    let method = c.method;
    const pathParams = { ...c.pathParams };
    const query = c.query.map(([k, v]) => [k, v] as [string, string]);
    const headers: Record<string, string> = { ...c.headers };
    let contentType = c.contentType;
    let body: { json: unknown } | { raw: string } | undefined = c.body
      ? { json: clone(c.body.json) }
      : undefined;
    let rawPath: string | undefined;
    let auth: 'demo' | 'none' | 'garbled' = 'demo';
    const declaredQuery = query.map(([k]) => k);
    const headerNames = Object.keys(headers);
    for (const m of c.mutations) {
      switch (m.at) {
        case 'path-param': {
          const names = Object.keys(pathParams);
          if (names.length) pathParams[names[m.index % names.length]!] = m.value;
          else rawPath = `${c.template}/${encodePart(m.value)}`;
          break;
        }
        case 'raw-path':
          rawPath = m.path;
          break;
        case 'method':
          method = m.method;
          break;
        case 'query-extra':
          query.push([m.name, m.value]);
          break;
        case 'query-wrong':
          // An earlier mutation may have dropped every parameter: then the wrong value is sent as a new one.
          if (query.length) query[m.index % query.length]![1] = m.value;
          else query.push([declaredQuery[m.index % Math.max(declaredQuery.length, 1)] ?? 'limit', m.value]);
          break;
        case 'query-drop':
          if (query.length) query.splice(m.index % query.length, 1);
          break;
        case 'query-repeat':
          if (query.length) query.push([...query[m.index % query.length]!]);
          break;
        case 'header-drop':
          if (headerNames.length) delete headers[headerNames[m.index % headerNames.length]!];
          break;
        case 'header-wrong':
          if (headerNames.length) headers[headerNames[m.index % headerNames.length]!] = m.value;
          break;
        case 'header-extra':
          headers[m.name.toLowerCase()] = m.value;
          break;
        case 'content-type':
          contentType = m.value;
          break;
        case 'body-raw':
          body = { raw: m.raw };
          break;
        case 'body-replace':
          body = { json: clone(m.value) };
          break;
        case 'body-drop':
        case 'body-set':
        case 'body-extra': {
          if (!body || !('json' in body)) body = { json: {} };
          const nodes = objectNodes(body.json);
          if (!nodes.length) {
            body = { json: m.at === 'body-extra' ? withKey({}, m.name, clone(m.value)) : {} };
            break;
          }
          const node = nodes[m.node % nodes.length]!;
          const keys = Object.keys(node);
          if (m.at === 'body-extra') {
            if (Array.isArray(node)) node.push(clone(m.value));
            else withKey(node, m.name, clone(m.value));
          } else if (keys.length) {
            const key = keys[m.key % keys.length]!;
            if (m.at === 'body-drop') {
              if (Array.isArray(node)) node.splice(Number(key), 1);
              else delete node[key];
            } else node[key] = clone(m.value);
          }
          break;
        }
        case 'auth':
          auth = m.how;
          break;
      }
    }
    const template = c.template === '/' && this.openrpc ? '' : c.template;
    const path =
      rawPath ?? template.replace(/\{([^}]+)\}/g, (_, name: string) => encodePart(pathParams[name] ?? ''));
    const search = query.length ? '?' + new URLSearchParams(query).toString() : '';
    const rawBody =
      body === undefined ? '' : 'raw' in body ? body.raw : (JSON.stringify(body.json) ?? 'null');
    if (contentType !== undefined && rawBody !== '') headers['content-type'] = contentType;
    headers.host = HOST;
    headers[SESSION_HEADER] = TRAFFIC_SESSION;
    if (auth !== 'none') {
      const added = await this.authenticate(method, path + search, headers, rawBody);
      for (const [k, v] of Object.entries(added)) headers[k.toLowerCase()] = v;
      if (auth === 'garbled') garble(headers, added);
    }
    return { method, url: `/${this.api.id}${path}${search}`, headers, rawBody };
  }

  /** The API's demo credentials for a call (demoAuth may call the mock itself: it gets this service). */
  private async authenticate(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<Record<string, string>> {
    if (!this.api.demoAuth) return {};
    const realFetch = globalThis.fetch;
    globalThis.fetch = inProcessFetch(this.service);
    try {
      return await this.api.demoAuth({
        method,
        baseUrl: `http://${HOST}/${this.api.id}`,
        path: path || '/',
        headers: Object.fromEntries(
          Object.entries(headers).filter(([k]) => !['authorization', 'cookie'].includes(k)),
        ),
        body,
      });
    } catch {
      return {};
    } finally {
      globalThis.fetch = realFetch;
    }
  }

  /** Resets the traffic session (unless the last call left it as it was), injects the case's fault, sends the call and checks the reply. */
  async run(c: TrafficCase): Promise<TrafficOutcome> {
    const reset = this.dirty;
    if (reset) await this.reset();
    if (c.inject) {
      const injected = await this.service.handle({
        method: 'POST',
        url: '/__admin/faults',
        headers: { 'content-type': 'application/json', [SESSION_HEADER]: TRAFFIC_SESSION },
        rawBody: JSON.stringify({ api: this.api.id, ...c.inject, times: 1 }),
      });
      if (injected.status !== 201)
        throw new Error(`fault injection failed: ${JSON.stringify(injected.body)}`);
    }
    const call = await this.render(c);
    // Taken after rendering: logging in for the call's credentials changes the session's API data.
    const before = await this.snapshot();
    this.dirty = true;
    const watch = startWatch();
    const reply = await this.service.handle(call);
    const touched = watch.stop();
    const problems = [...touched, ...this.checkReply(call, reply, c)];
    if (!isSuccess(this.api, reply, call)) {
      if ((await this.snapshot()) !== before) problems.push('the store changed although the call failed');
      // Nothing changed: the next call can run in this session as it is.
      else if (!c.inject) this.dirty = false;
    }
    this.count(c, reply);
    return { call, reply, problems };
  }

  /** fast-check property body: throws with the call, the reply and every problem when a check fails. */
  async check(c: TrafficCase): Promise<void> {
    const { call, reply, problems } = await this.run(c);
    if (problems.length) {
      throw new Error(
        `${this.api.id}: ${problems.join('; ')}\n  call: ${preview(call)}\n  reply: ${preview(reply)}`,
      );
    }
  }

  /**
   * The session's jobs, API data and clock, as text (id counters may move: a number is never handed out twice;
   * an injected fault is used up by the call it hits).
   */
  snapshot(): string | Promise<string> {
    return this.tx((tx) => {
      let text = JSON.stringify(tx.now());
      for (const id of this.service.engine.apiIds) {
        for (const job of this.service.engine.context(tx, id).jobs.scan()) text += JSON.stringify(job);
        text += JSON.stringify([...tx.data(id).entries()]);
      }
      return text;
    });
  }

  /** Every way a reply breaks the spec, Schemathesis-style. */
  checkReply(call: IncomingCall, reply: MockReply, c: TrafficCase): string[] {
    const problems: string[] = [];
    if (reply.headers[VIOLATIONS_HEADER])
      problems.push(`strict mode reports ${reply.headers[VIOLATIONS_HEADER]}`);
    let text: string | undefined;
    try {
      text =
        reply.body === undefined
          ? undefined
          : typeof reply.body === 'string'
            ? reply.body
            : JSON.stringify(reply.body);
    } catch (error) {
      problems.push(`the reply body cannot be serialized: ${(error as Error).message}`);
    }
    if (text && /root:.*:0:0:|\[boot loader\]|ami-id/.test(text))
      problems.push('the reply holds file or metadata contents');
    return [
      ...problems,
      ...(this.openapi
        ? this.checkOpenApi(this.openapi, call, reply, c)
        : this.checkOpenRpc(this.openrpc!, call, reply)),
    ];
  }

  private checkOpenApi(doc: OpenApiDocument, call: IncomingCall, reply: MockReply, c: TrafficCase): string[] {
    const problems: string[] = [];
    if (reply.status >= 500 && reply.status !== c.inject?.status)
      problems.push(`status ${reply.status} without an injected fault`);
    const { path } = splitUrl(call.url);
    const below = path.slice(this.api.id.length + 1) || '/';
    const routed = doc.route(call.method, below);
    if (routed.found) {
      problems.push(...doc.checkReply(routed.operation, reply).map((v) => `${routed.operation.id}: ${v}`));
    } else {
      // Like Schemathesis: an unroutable call gets a 4xx in the API's own error format; a wrong method
      // gets 405 with an Allow header (RFC 9110 §15.5.6), unless the API answers every unknown call alike.
      if (reply.status < 400 || reply.status >= 500)
        problems.push(`status ${reply.status} for a call no operation takes`);
      if (reply.status === 405 && !reply.headers.allow) problems.push('405 without an Allow header');
      if (!inOwnErrorFormat(doc, reply))
        problems.push(`the reply to a call no operation takes is not in the API's error format`);
    }
    return problems;
  }

  private checkOpenRpc(doc: OpenRpcDocument, call: IncomingCall, reply: MockReply): string[] {
    const problems: string[] = [];
    if (call.method === 'OPTIONS') return reply.status === 200 ? [] : [`OPTIONS answered ${reply.status}`];
    if (reply.status !== 200) return [`JSON-RPC reply with HTTP status ${reply.status}`];
    let items: unknown[] = [];
    let batch = false;
    try {
      const parsed = parseJson(call.rawBody);
      batch = Array.isArray(parsed) && parsed.length > 0 && parsed.length <= MAX_BATCH;
      // A batch over the limit is refused whole, with one error.
      items = batch ? (parsed as unknown[]) : Array.isArray(parsed) && parsed.length ? [undefined] : [parsed];
    } catch {
      items = [undefined];
    }
    if (reply.body === undefined) {
      const allNotifications =
        call.method === 'POST' &&
        items.every((item) => {
          const e = readEnvelope(item);
          return e.ok && e.call.version === '2.0' && e.call.id === undefined;
        });
      return allNotifications ? [] : ['no reply body for a call that needs an answer'];
    }
    if (!/^application\/json\b/.test(reply.headers['content-type'] ?? ''))
      problems.push(`content type ${reply.headers['content-type']}`);
    const responses = Array.isArray(reply.body) ? (reply.body as unknown[]) : [reply.body];
    if (Array.isArray(reply.body) !== batch && responses.length !== 1)
      problems.push('a batch answer for a single call, or the other way round');
    // Responses come in the order of the calls that get one (every call but a JSON-RPC 2.0 notification).
    const answered = items.filter((item) => {
      const e = readEnvelope(item);
      return !(e.ok && e.call.version === '2.0' && e.call.id === undefined);
    });
    if (call.method === 'POST' && batch && answered.length !== responses.length)
      problems.push(`${responses.length} responses for ${answered.length} calls that need one`);
    for (const [i, response] of responses.entries()) {
      const r = response as Record<string, unknown> | null;
      if (!r || typeof r !== 'object') {
        problems.push(`response ${i} is not an object`);
        continue;
      }
      const v11 = r.version === '1.1';
      if (!v11 && r.jsonrpc !== '2.0') problems.push(`response ${i} has no jsonrpc "2.0"`);
      if (!('id' in r)) problems.push(`response ${i} has no id`);
      if ('result' in r === 'error' in r)
        problems.push(`response ${i} needs exactly one of result and error`);
      const item = batch ? answered[i] : items[0];
      const envelope = readEnvelope(item);
      const method = envelope.ok ? doc.methods.get(envelope.call.method) : undefined;
      if (call.method !== 'POST') {
        if (!('error' in r) || r.id !== null)
          problems.push(`a ${call.method} call must get an error with id null`);
        continue;
      }
      if (envelope.ok && r.id !== (envelope.call.id ?? null))
        problems.push(`response id ${String(r.id)} for call id ${String(envelope.call.id)}`);
      if ('error' in r) {
        const error = r.error as { code?: unknown; message?: unknown } | null;
        if (!error || !Number.isInteger(error.code) || typeof error.message !== 'string') {
          problems.push(`response ${i}: error is not {code, message}`);
          continue;
        }
        if (JSON.stringify(error) === this.internal)
          problems.push(`response ${i}: an internal error (${String(error.message)})`);
        if (method) {
          problems.push(...doc.checkResponse(method, { error: error as { code: number; message: string } }));
        } else if (![-32700, -32600, -32601, -32602].includes(error.code as number)) {
          problems.push(`response ${i}: error code ${String(error.code)} for a call with no known method`);
        }
      } else if (method) {
        const result = v11 && Array.isArray(r.result) ? (r.result as unknown[])[0] : r.result;
        problems.push(...doc.checkResponse(method, { result }));
      } else problems.push(`response ${i}: a result for a call with no known method`);
    }
    return problems;
  }

  private count(c: TrafficCase, reply: MockReply): void {
    const s = this.stats;
    s.calls++;
    s.byStatus[reply.status] = (s.byStatus[reply.status] ?? 0) + 1;
    if (c.mutations.length) s.broken++;
    else {
      s.valid++;
      if (isSuccess(this.api, reply)) s.validOk++;
    }
  }
}

/** The reply matches an error response some operation declares (any 4xx status: content type, schema). */
function inOwnErrorFormat(doc: OpenApiDocument, reply: MockReply): boolean {
  return doc.operations.some((op) =>
    [...op.responses.keys()]
      .filter((s) => /^4(\d\d|XX)$/.test(s))
      .some((s) => doc.checkReply(op, { ...reply, status: Number(s.replace('XX', '00')) }).length === 0),
  );
}

/**
 * A reply that did something: a 2xx, or a JSON-RPC answer with a result, or one that answers fewer calls than
 * were sent (a notification gets no answer, and may have done something).
 */
export function isSuccess(api: AnyApiDefinition, reply: MockReply, call?: IncomingCall): boolean {
  if (api.protocol === 'openapi') return reply.status >= 200 && reply.status < 300;
  const responses = Array.isArray(reply.body) ? (reply.body as unknown[]) : [reply.body];
  if (reply.body === undefined) return true;
  if (responses.some((r) => r && typeof r === 'object' && 'result' in r)) return true;
  if (!call) return false;
  try {
    const parsed = JSON.parse(call.rawBody) as unknown;
    return Array.isArray(parsed) && parsed.length > responses.length;
  } catch {
    return false;
  }
}

/** `customer-id`, `customerId` and `customer_id` are one name. */
function normalName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Values by normalized name; an unknown id-like name gets the job's id, an owner-like one its owner. */
function withIdFallback(values: Map<string, unknown[]>, id: string): KnownValues {
  return new Proxy(values, {
    get(target, prop, receiver) {
      if (prop === 'get')
        return (name: string) => {
          const key = normalName(name);
          return (
            target.get(key) ??
            (/customer|owner|user/.test(key) ? target.get('owner') : undefined) ??
            (ID_NAME.test(name) ? [id] : undefined)
          );
        };
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** encodeURIComponent, with lone surrogates sent as the replacement character (as a client would). */
function encodePart(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((b) => '%' + b.toString(16).padStart(2, '0')).join('');
  }
}

function scalar(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function clone<T>(value: T): T {
  return value === null || typeof value !== 'object' ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function withKey(node: Record<string, unknown>, name: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(node, name, { value, enumerable: true, writable: true, configurable: true });
  return node;
}

/** Every object and array in a JSON value, the root first. */
function objectNodes(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (value && typeof value === 'object') {
    out.push(value as Record<string, unknown>);
    for (const child of Object.values(value)) objectNodes(child, out);
  }
  return out;
}

function garble(headers: Record<string, string>, added: Record<string, string>): void {
  const names = Object.keys(added).map((k) => k.toLowerCase());
  const target = names.find((n) => n === 'authorization' || n === 'cookie') ?? names[0];
  if (!target) {
    headers.authorization = 'Bearer garbage';
    return;
  }
  const value = headers[target] ?? '';
  headers[target] = value.slice(0, -3) + (value.endsWith('x') ? 'yyy' : 'xxx');
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 1500 ? `${text.slice(0, 1500)}… (${text.length} chars)` : text;
}

/** A fetch that answers from the service itself (demo auth that logs in or fetches a token). */
export function inProcessFetch(service: MockService): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers: Record<string, string> = { host: url.host };
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const body = init?.body;
    const rawBody = body === undefined || body === null ? '' : String(body);
    if (body instanceof URLSearchParams && !headers['content-type'])
      headers['content-type'] = 'application/x-www-form-urlencoded';
    const reply = await service.handle({
      method: init?.method ?? 'GET',
      url: url.pathname + url.search,
      headers,
      rawBody,
    });
    const text =
      reply.body === undefined
        ? null
        : typeof reply.body === 'string'
          ? reply.body
          : JSON.stringify(reply.body);
    const nullBody = [101, 204, 205, 304].includes(reply.status);
    return new Response(nullBody ? null : text, { status: reply.status, headers: reply.headers });
  }) as typeof fetch;
}

/* ---- no call may read files, start processes or reach the network ---- */

// The modules themselves (an `import * as` namespace is a copy: replacing its functions would miss callers).
const load = createRequire(__filename);
const [fs, net, http, https, childProcess, dns] = [
  'node:fs',
  'node:net',
  'node:http',
  'node:https',
  'node:child_process',
  'node:dns',
].map((name) => load(name) as Record<string, unknown>) as [
  Record<string, unknown> & { promises: object },
  object,
  object,
  object,
  object,
  object,
];
const watched: [object, string][] = [
  [fs, 'readFileSync'],
  [fs, 'readFile'],
  [fs, 'openSync'],
  [fs, 'open'],
  [fs, 'createReadStream'],
  [fs.promises, 'readFile'],
  [fs.promises, 'open'],
  [net, 'connect'],
  [net, 'createConnection'],
  [http, 'request'],
  [http, 'get'],
  [https, 'request'],
  [https, 'get'],
  [childProcess, 'spawn'],
  [childProcess, 'exec'],
  [childProcess, 'execFile'],
  [childProcess, 'execSync'],
  [dns, 'lookup'],
  [globalThis, 'fetch'],
];
let watching = 0;
const touchedNames: string[] = [];

/** Starts recording calls to file, process and network functions; `stop()` returns what was touched. */
export function startWatch(): { stop(): string[] } {
  if (watching++ === 0) {
    touchedNames.length = 0;
    for (const [owner, name] of watched) {
      const o = owner as Record<string, unknown>;
      const original = o[name] as (...args: unknown[]) => unknown;
      const spy = function (this: unknown, ...args: unknown[]) {
        touchedNames.push(name);
        return original.apply(this, args);
      };
      (spy as unknown as { original: unknown }).original = original;
      o[name] = spy;
    }
  }
  return {
    stop() {
      if (--watching === 0) {
        for (const [owner, name] of watched) {
          const o = owner as Record<string, { original?: unknown }>;
          o[name] = o[name]!.original as never;
        }
      }
      return touchedNames.length ? [`the call touched ${[...new Set(touchedNames)].join(', ')}`] : [];
    },
  };
}

import { APIS_UNDER_TEST } from './apis-under-test';
import type { AnyApiDefinition, Profile } from '../../src/api';
import type { Fault, FaultKind } from '../../src/core/fault';
import { fault, kindOfStatus, STATUS_OF_KIND } from '../../src/core/fault';
import { OpenApiDocument } from '../../src/openapi/openapi-document';
import { OpenRpcDocument } from '../../src/openrpc/openrpc-document';
import { specDocument } from './spec-of';

const KINDS = Object.keys(STATUS_OF_KIND) as FaultKind[];
const PROFILES: readonly Profile[] = ['documented', 'upstream'];

/** The API's error for a fault, and what the spec document finds wrong with it. */
interface Answer {
  /** `status 404`, `code 10`. */
  readonly sent: string;
  readonly violations: readonly string[];
}

/** One operation (or method) of an API, as far as the errors it may answer with go. */
interface OperationUnderTest {
  readonly name: string;
  /** It takes parameters or a body (so invalid input is possible). */
  readonly takesInput: boolean;
  readonly takesBody: boolean;
  /** Calls are authenticated. */
  readonly secured: boolean;
  /** The HTTP error statuses it declares: what the admin API lets a test inject (none for JSON-RPC). */
  readonly errorStatuses: readonly number[];
  answer(fault: Fault, profile: Profile): Answer;
}

function operationsUnderTest(api: AnyApiDefinition): OperationUnderTest[] {
  if (api.protocol === 'openapi') {
    const document = new OpenApiDocument(specDocument(api));
    return document.operations.map((op) => ({
      name: op.id,
      takesInput: op.parameters.length > 0 || op.body !== undefined,
      takesBody: op.body !== undefined,
      secured: op.security.length > 0,
      errorStatuses: [...op.responses.keys()].filter((s) => /^[45]\d\d$/.test(s)).map(Number),
      answer: (f) => {
        const request = { method: op.method, base: `/${api.id}`, path: op.template, query: {}, headers: {} };
        const reply = api.errorReply(f, {
          operation: op.id,
          request: { ...request, rawBody: '' },
          profile: 'documented',
        });
        return { sent: `status ${reply.status}`, violations: document.checkReply(op, reply) };
      },
    }));
  }
  const document = new OpenRpcDocument(specDocument(api));
  return [...document.methods.values()].map((method) => ({
    name: method.name,
    // Every JSON-RPC call is an authenticated JSON body, however few params the method takes.
    takesInput: true,
    takesBody: true,
    secured: true,
    errorStatuses: [],
    answer: (f, profile) => {
      const error = api.rpcError(f, { operation: method.name, profile });
      return { sent: `code ${error.code}`, violations: document.checkResponse(method, { error }) };
    },
  }));
}

/**
 * The fault kinds the engine itself may answer a call of the operation with, whatever its handler does: a body
 * over the size limit, an unexpected exception, a full session (jobs or sessions), a store that does not answer,
 * the API's upstream timeout;
 * invalid input when the operation takes any, an unreadable or mistyped body when it takes one, and failed
 * authentication when it is secured. (Routing faults, RouteNotFound and MethodNotAllowed, come before any
 * operation is known, so no operation's responses apply to them.)
 */
function engineKinds(api: AnyApiDefinition, op: OperationUnderTest): FaultKind[] {
  return [
    'PayloadTooLarge',
    'Internal',
    'LimitExceeded',
    // A shared store (--store redis://…) that does not answer.
    'Unavailable',
    // Any call: a malformed X-Jobmock-Session, and a Host or Origin the server refuses.
    'BadRequest',
    'Forbidden',
    ...(api.upstreamTimeout ? (['Timeout'] as const) : []),
    ...(op.takesBody ? (['ParseError', 'UnsupportedMediaType'] as const) : []),
    ...(op.secured ? (['Unauthenticated'] as const) : []),
  ];
}

const undeclared = (answer: Answer) => answer.violations.some((v) => / is not declared for /.test(v));

/** `kind (profile): sent → violations` for every answer that breaks the spec in a way `fails` picks. */
function failures(
  op: OperationUnderTest,
  kinds: readonly FaultKind[],
  fails: (answer: Answer) => boolean,
): string[] {
  return kinds.flatMap((kind) =>
    PROFILES.map((profile) => ({ kind, profile, answer: op.answer(fault(kind, `a ${kind} fault`), profile) }))
      .filter(({ answer }) => fails(answer))
      .map(
        ({ kind: k, profile, answer }) =>
          `${k} (${profile}): ${answer.sent} → ${answer.violations.join('; ')}`,
      ),
  );
}

/**
 * Every error an API can send validates against its spec: for each fault kind of the engine and each operation,
 * the API's own error reply (errorReply, rpcError) is checked with the spec document's reply checker.
 */
describe.each(APIS_UNDER_TEST.map((api) => [api.id, api] as const))('%s', (_id, api) => {
  describe.each(operationsUnderTest(api).map((op) => [op.name, op] as const))('%s', (_name, op) => {
    it('answers the faults the engine may meet in any call with a declared, valid error', () => {
      expect(failures(op, engineKinds(api, op), (answer) => answer.violations.length > 0)).toEqual([]);
    });

    it('answers every other fault kind with a valid error wherever the spec declares its status or code', () => {
      const others = KINDS.filter((kind) => !engineKinds(api, op).includes(kind));
      expect(failures(op, others, (answer) => answer.violations.length > 0 && !undeclared(answer))).toEqual(
        [],
      );
    });

    if (op.errorStatuses.length) {
      it('answers an injected fault of each error status it declares with that status, valid', () => {
        const wrong = op.errorStatuses.flatMap((status) => {
          const injected = fault(kindOfStatus(status), `Injected fault: status ${status}`, { status });
          const answer = op.answer(injected, 'documented');
          return answer.sent === `status ${status}` && answer.violations.length === 0
            ? []
            : [`${status}: ${answer.sent} → ${answer.violations.join('; ')}`];
        });
        expect(wrong).toEqual([]);
      });
    }
  });
});

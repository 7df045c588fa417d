import type { JsonRpcRules, OpenRpcDefinition } from '../../../src/api';
import { defineApi } from '../../../src/api';
import { newJob } from '../../../src/core/job';
import { defineMachine } from '../../../src/core/machine';

/** A one-method JSON-RPC API: `Echo.say({text})` answers the text and records a job, so a call leaves a trace. */
const document = {
  openrpc: '1.3.2',
  info: { title: 'Echo', version: '1' },
  methods: [
    {
      name: 'Echo.say',
      params: [{ name: 'text', required: true, schema: { type: 'string', minLength: 1 } }],
      result: { name: 'echo', schema: { type: 'string' } },
      errors: [
        { code: -32001, message: 'Empty' },
        { code: -32099, message: 'Keyword argument error' },
      ],
    },
  ],
};

const machine = defineMachine({
  states: ['said', 'unsaid'],
  initial: 'said',
  terminal: ['unsaid'],
  transitions: { said: ['unsaid'] },
  cancellable: ['said'],
  cancelTo: 'unsaid',
  timeline: {},
});

/** The echo API with these JSON-RPC rules in the upstream profile (none in the documented one). */
export function echoApi(
  upstream: JsonRpcRules = {},
  extra: Partial<OpenRpcDefinition> = {},
): OpenRpcDefinition {
  return defineApi({
    id: 'echo',
    title: 'Echo',
    protocol: 'openrpc',
    spec: document,
    machine,
    listParams: 'single-structure',
    jsonRpcRules: { upstream },
    handlers: {
      'Echo.say': (call) => {
        call.jobs.add(newJob(call.newJobId(), 'said', call.now(), {}));
        return (call.params as { text: string }).text;
      },
    },
    authenticate: () => ({ subject: 'anyone', grants: [] }),
    rpcError: (f) => ({
      code: typeof f.details.code === 'number' ? f.details.code : -32000,
      message: f.message,
      ...(f.details.data === undefined ? {} : { data: f.details.data }),
    }),
    newId: (n) => `job-${n}`,
    seedJob: (seed, context) => newJob(seed.id ?? context.newJobId(), seed.state, context.now(), {}),
    view: (job) => job,
    demoCredentials: [],
    jobRequests: {
      cancel: () => ({ method: 'POST', path: '/' }),
      read: () => ({ method: 'POST', path: '/' }),
    },
    ...extra,
  } as OpenRpcDefinition);
}

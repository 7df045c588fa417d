import { defineApi, objectIdFromSequence } from '../../src/index';
import spec from '../../specs/kbase/openrpc.gen.json';
import { authenticateKbase } from './auth';
import { kbaseCorsHeaders } from './cors';
import { kbaseHint } from './hints';
import { kbaseDemoAuth } from './demo-auth';
import { kbaseRpcError } from './errors';
import { handlers } from './handlers';
import { jobInfo, seedKbaseJob } from './job-view';
import { KBASE_JSON_RPC_RULES } from './json-rpc-rules';
import { machine } from './machine';
import { providerStates } from './provider-states';
import type { KbaseJobData } from './types';

export { KBASE_PROVIDER_STATES } from './provider-states';

/** A JSON-RPC 2.0 call with params by name, POSTed to the service's one path. */
function jsonRpcCall(method: string, params: Record<string, unknown>) {
  return { method: 'POST', path: '/', body: { jsonrpc: '2.0', id: 1, method, params } };
}

/**
 * KBase Job Browser BFF (JSON-RPC 2.0 and the KBase 1.1 list form, raw-token auth): cancel_job, get_jobs
 * and is_admin, with EE2's job lifecycle behind them. Its SDK server answers CORS itself on every reply, and
 * departs from JSON-RPC 2.0 where `KBASE_JSON_RPC_RULES` says.
 */
export const kbase = defineApi<(typeof machine.states)[number], KbaseJobData>({
  id: 'kbase',
  title: 'KBase Job Browser BFF',
  protocol: 'openrpc',
  spec,
  listParams: 'single-structure',
  jsonRpcRules: KBASE_JSON_RPC_RULES,
  replyHeaders: kbaseCorsHeaders,
  machine,
  handlers,
  authenticate: authenticateKbase,
  hint: kbaseHint,
  rpcError: kbaseRpcError,
  newId: objectIdFromSequence,
  seedJob: seedKbaseJob,
  view: (job) => jobInfo(job),
  /** The `timeout` param: injected upstream latency above it fails the call with 100. */
  upstreamTimeout: (call) => {
    const { timeout } = call.params;
    return typeof timeout === 'number' ? timeout : undefined;
  },
  providerStates,
  demoAuth: kbaseDemoAuth,
  jobRequests: {
    cancel: (job_id) => jsonRpcCall('JobBrowserBFF.cancel_job', { job_id, timeout: 10_000 }),
    read: (job_id) => jsonRpcCall('JobBrowserBFF.get_jobs', { job_ids: [job_id], timeout: 10_000 }),
    stateOf: (body) =>
      (body as { result?: { jobs?: { state?: { status?: string } }[] } } | undefined)?.result?.jobs?.[0]
        ?.state?.status,
  },
  demoCredentials: [
    'Header "Authorization: user-token" (user "user", owns the demo jobs) or "Authorization: admin-token" (an EE2 admin); no Bearer prefix, e.g.',
    `  curl -s <url> -H 'Authorization: user-token' -d '{"jsonrpc":"2.0","id":1,"method":"JobBrowserBFF.get_jobs","params":{"job_ids":["${objectIdFromSequence(3)}"],"timeout":10000}}'`,
  ],
});

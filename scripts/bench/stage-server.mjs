// jobmock (aws-batch at the root, seeded with bench-job) with stages of the request path stubbed out, so that
// scripts/bench/stages.mjs can measure what each stage costs under load:
//   node scripts/bench/stage-server.mjs <port> <full|no-sigv4|no-validation|no-handler|adapter>
// Each variant also drops the stubs of the ones before it. dist/ must be built.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dist = new URL('../../dist/', import.meta.url).pathname;
const { listen } = require(`${dist}src/server/http-server.js`);
const { createMockService } = require(`${dist}src/mock-service.js`);
const { registry } = require(`${dist}mocks/index.js`);

const [port, variant = 'full'] = process.argv.slice(2);
const stages = ['full', 'no-sigv4', 'no-validation', 'no-handler', 'adapter'];
const level = stages.indexOf(variant);
if (level < 0) throw new Error(`variant must be one of ${stages.join(', ')}`);

const ok = () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: {} });
let service;
if (variant === 'adapter') {
  service = { handle: ok };
} else {
  let api = registry.find((a) => a.id === 'aws-batch');
  if (level >= 1) api = { ...api, authenticate: () => ({ subject: 'test', grants: [] }) };
  if (level >= 3) api = { ...api, handlers: { ...api.handlers, CancelJob: ok } };
  service = createMockService({
    apis: [api],
    only: 'aws-batch',
    seed: [{ api: 'aws-batch', state: 'RUNNING', id: 'bench-job' }],
  });
  if (level >= 2) {
    const document = service.engine.runtimes.get('aws-batch').document;
    document.validateRequest = (_op, request) => ({ params: {}, body: JSON.parse(request.rawBody) });
  }
}
const server = await listen(service, { port: Number(port) });
console.log(`stage ${variant} listening on ${server.url}`);

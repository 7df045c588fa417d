import type { OutgoingRequest } from '../../src/index';
import { signSigV4 } from '../../src/index';

/** Signs a request with the demo credential (test/test) for the host it is sent to, unless it is signed already. */
export function batchDemoAuth(request: OutgoingRequest): Record<string, string> {
  if (request.headers.authorization) return {};
  const base = new URL(request.baseUrl);
  const [path = '/', queryString = ''] = request.path.split('?');
  const query = Object.fromEntries(new URLSearchParams(queryString));
  return signSigV4(
    {
      method: request.method,
      host: base.host,
      path: base.pathname.replace(/\/$/, '') + path,
      query,
      body: request.body,
    },
    { accessKeyId: 'test', secretAccessKey: 'test', region: 'us-east-1', service: 'batch' },
  );
}

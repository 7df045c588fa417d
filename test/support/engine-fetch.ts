import { VIOLATIONS_HEADER } from '../../src/engine/violations';
import type { MockService } from '../../src/mock-service';

/** The fetch that openapi-fetch clients take. */
export type Fetch = (request: Request) => Promise<Response>;

/** The service's own fetch (no sockets), failing the test on a strict-mode violation. */
export function engineFetch(service: MockService): Fetch {
  return async (request) => {
    const response = await service.fetch(request);
    expect(response.headers.get(VIOLATIONS_HEADER)).toBeNull();
    return response;
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registry } from '../../../mocks/index';
import { NETWORK_FAULT_KINDS } from '../../../src/core/network-fault';
import { createMockService } from '../../../src/mock-service';
import { adminCall } from '../../support/admin-call';

describe('the README’s table of fault kinds', () => {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Faults'), readme.indexOf('**Throttling.**'));
  const examples = [...section.matchAll(/^\| [^|]+\| `(\{.*?\})`/gm)].map(
    (match) => JSON.parse(match[1]!) as Record<string, unknown>,
  );

  it('has an example of every kind, each of which the admin API takes', async () => {
    const service = createMockService({ apis: registry, clock: 'manual' });
    for (const example of examples)
      expect([
        JSON.stringify(example),
        (await adminCall(service, 'POST', '/faults', example)).status,
      ]).toEqual([JSON.stringify(example), 201]);
    service.close();
    const kinds = new Set(examples.flatMap((e) => (e.network ? [(e.network as { kind: string }).kind] : [])));
    expect(kinds).toEqual(new Set(NETWORK_FAULT_KINDS));
    const shapes = new Set(
      examples.flatMap((e) => (e.latency ? [(e.latency as { shape: string }).shape] : [])),
    );
    expect(shapes).toEqual(new Set(['uniform', 'log-normal']));
    for (const effect of ['status', 'code', 'latencyMs', 'throttle', 'rateLimit', 'ignore', 'failTo'])
      expect(examples.some((e) => effect in e)).toBe(true);
  });
});

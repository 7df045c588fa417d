import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registry } from '../../mocks/index';
import { verifyPact } from '../../src/verify/verify-pact';
import { startServer } from '../support/server-harness';

jest.setTimeout(120_000);

const PACTS = join(__dirname, '..', '..', 'contracts', 'pacts');
const pactFiles = readdirSync(PACTS)
  .filter((f) => f.endsWith('.json'))
  .map(
    (f) =>
      [
        (JSON.parse(readFileSync(join(PACTS, f), 'utf8')) as { provider: { name: string } }).provider.name,
        join(PACTS, f),
      ] as const,
  );

describe('every committed pact verifies against jobmock serve, with --spec-check', () => {
  it('there is a pact for every API in the registry', () => {
    expect(pactFiles.map(([api]) => api).sort()).toEqual(registry.map((a) => a.id).sort());
  });

  it.each(pactFiles)('%s', async (apiId, pactFile) => {
    const server = await startServer();
    try {
      const outcomes = await verifyPact({
        api: registry.find((a) => a.id === apiId)!,
        baseUrl: `${server.url}/${apiId}`,
        pactFile,
        states: { mode: 'jobmock' },
        specCheck: true,
        headers: {},
        demoAuth: true,
      });
      expect(outcomes.length).toBeGreaterThan(5);
      expect(outcomes.filter((o) => o.outcome !== 'passed')).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

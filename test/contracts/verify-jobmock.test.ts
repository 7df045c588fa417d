import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registry } from '../../mocks/index';
import type { Profile } from '../../src/api';
import { verifyPact } from '../../src/verify/verify-pact';
import { startServer } from '../support/server-harness';

jest.setTimeout(120_000);

const PACTS = join(__dirname, '..', '..', 'contracts', 'pacts');
const pactFiles = readdirSync(PACTS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => {
    const pact = JSON.parse(readFileSync(join(PACTS, f), 'utf8')) as { provider: { name: string } };
    return [pact.provider.name, join(PACTS, f)] as const;
  });
const PROFILES: Profile[] = ['documented', 'upstream'];

describe('every committed pact verifies against jobmock serve, in both profiles, with --spec-check', () => {
  it('there is a pact for every API in the registry', () => {
    expect(pactFiles.map(([api]) => api).sort()).toEqual(registry.map((a) => a.id).sort());
  });

  it.each(PROFILES.flatMap((profile) => pactFiles.map(([api, file]) => [api, profile, file] as const)))(
    '%s, --profile %s',
    async (apiId, profile, pactFile) => {
      const server = await startServer({ profile });
      try {
        const outcomes = await verifyPact({
          api: registry.find((a) => a.id === apiId)!,
          baseUrl: `${server.url}/${apiId}`,
          pactFile,
          states: { mode: 'auto' },
          specCheck: true,
          headers: {},
          demoAuth: true,
        });
        expect(outcomes.length).toBeGreaterThan(5);
        expect(outcomes.filter((o) => o.outcome !== 'passed')).toEqual([]);
      } finally {
        await server.close();
      }
    },
  );
});

describe('the pacts hold no value only jobmock could choose', () => {
  it.each(pactFiles)(
    '%s: every job id, item id and token in a request comes from a provider state',
    (_api, file) => {
      const pact = JSON.parse(readFileSync(file, 'utf8')) as {
        interactions: {
          description: string;
          providerStates?: { params?: Record<string, unknown> }[];
          request: { generators?: object };
        }[];
      };
      for (const interaction of pact.interactions) {
        const params = (interaction.providerStates ?? []).flatMap((s) => Object.keys(s.params ?? {}));
        expect({ [interaction.description]: params.filter((p) => /id$|^token$/i.test(p)) }).toEqual({
          [interaction.description]: [],
        });
      }
      const injected = pact.interactions.filter((i) =>
        JSON.stringify(i.request.generators ?? {}).includes('ProviderState'),
      );
      expect(injected.length).toBeGreaterThan(pact.interactions.length / 2);
    },
  );
});

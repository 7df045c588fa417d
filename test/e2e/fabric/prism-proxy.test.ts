import { machine } from '../../../mocks/fabric/machine';
import { expectNoPrismViolation, prismProxyScenario } from '../../support/prism-proxy';
import { fabricClient, fabricHeaders, instancePath, jobCalls } from '../../support/clients/fabric-client';

const JOB = '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a00';
const UNKNOWN = '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1aff';

/**
 * Prism as an independent oracle: every call of a Fabric scenario goes through
 * `prism proxy specs/fabric/openapi.yaml <jobmock> --errors`, which fails any reply that breaks the spec.
 */
describe('prism proxy --errors finds no violation in a Fabric scenario', () => {
  const scenario = prismProxyScenario('fabric');

  it('create, poll, cancel in every state, and the errors all pass through unflagged', async () => {
    const { server, prism } = scenario;
    const client = fabricClient(scenario.fetch, prism.url);
    const jobs = jobCalls(client);
    expect((await jobs.create(instancePath(JOB), { invokeType: 'Manual' })).response.status).toBe(202);
    await server.admin.advance(2_000);
    expect((await jobs.get(instancePath(JOB))).data?.status).toBe('InProgress');
    expect((await jobs.cancel(instancePath(JOB))).data?.status).toBe('Cancelled');
    for (const state of machine.states) {
      const seeded = String((await server.admin.createJob('fabric', state)).body!.id);
      await jobs.cancel(instancePath(seeded));
      await jobs.get(instancePath(seeded));
    }

    expect((await jobs.create(instancePath(JOB))).response.status).toBe(409);
    expect((await jobs.get(instancePath(UNKNOWN))).response.status).toBe(404);
    expect((await jobs.cancel(instancePath(UNKNOWN))).response.status).toBe(404);
    const forged = jobCalls(
      client,
      fabricHeaders({ Authorization: 'SubjectAndAppToken1.0 subjectToken="x"' }),
    );
    expect((await forged.get(instancePath(JOB))).response.status).toBe(401);

    expect(scenario.verdicts.length).toBe(3 + 2 * machine.states.length + 4);
    expectNoPrismViolation(scenario.verdicts, [200, 202, 401, 404, 409]);
  });
});

describe('prism proxy --errors finds no violation in a Fabric scenario of the upstream profile', () => {
  const scenario = prismProxyScenario('fabric', { profile: 'upstream' });

  it("the sample's unconditional cancel, its recreated instances and unknown items pass through unflagged", async () => {
    const { server, prism } = scenario;
    const jobs = jobCalls(fabricClient(scenario.fetch, prism.url));
    for (const state of machine.states) {
      const seeded = String((await server.admin.createJob('fabric', state)).body!.id);
      expect((await jobs.cancel(instancePath(seeded))).data).toEqual({ status: 'Cancelled' });
      expect((await jobs.get(instancePath(seeded))).data?.status).toBe('Cancelled');
    }
    expect((await jobs.get(instancePath(UNKNOWN))).data).toEqual({ status: 'Failed' });
    expect((await jobs.cancel(instancePath(UNKNOWN))).data).toEqual({ status: 'Cancelled' });
    const elsewhere = instancePath(UNKNOWN, { itemId: '11111111-2222-4333-8444-555555555555' });
    expect((await jobs.cancel(elsewhere)).data?.errorDetails?.errorCode).toBe('ItemNotFound');

    expect(scenario.verdicts.length).toBe(2 * machine.states.length + 3);
    expectNoPrismViolation(scenario.verdicts, [200]);
  });
});

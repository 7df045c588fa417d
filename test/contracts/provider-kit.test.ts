import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StateSetups } from '../../src/provider-kit';
import { PACT_STATES, providerStatesListener } from '../../src/provider-kit';

/** Serves a listener on 127.0.0.1 and posts one state call to it. */
async function call(listener: Parameters<typeof createServer>[1], body: unknown) {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  } finally {
    server.close();
  }
}

const torn: string[] = [];
const setups: StateSetups<'aws-batch'> = {
  'a job in state {state}': ({ state }) => ({ jobId: `job-${state.toLowerCase()}` }),
  'a job that was cancelled in state {state}': () => ({ jobId: 'cancelled-1' }),
  'a job that was terminated in state {state}': () => ({}) as { jobId: string },
  'a job id that no job has': async () => ({ jobId: 'nobody' }),
};
const states = providerStatesListener('aws-batch', setups, { teardown: (state) => void torn.push(state) });

describe('providerStatesListener (jobmock/provider-states)', () => {
  it('knows every state of the pact, with the values each param takes and what it must return', () => {
    expect(PACT_STATES['aws-batch']['a job in state {state}']).toEqual({
      params: { state: ['FAILED', 'PENDING', 'RUNNABLE', 'RUNNING', 'STARTING', 'SUBMITTED', 'SUCCEEDED'] },
      returns: ['jobId'],
    });
    expect(PACT_STATES.bigchange['a token with scopes {scopes}'].returns).toEqual(['customerId', 'token']);
  });

  it("runs the team's setup and answers with the values it returned", async () => {
    const reply = await call(states, {
      state: 'a job in state {state}',
      params: { state: 'RUNNABLE' },
      action: 'setup',
    });
    expect(reply).toEqual({ status: 200, body: { jobId: 'job-runnable' } });
  });

  it('takes a body a framework parsed already (express.json())', async () => {
    const express = (req: Parameters<typeof states>[0], res: Parameters<typeof states>[1]) =>
      states(Object.assign(req, { body: { state: 'a job id that no job has', params: {} } }), res);
    expect((await call(express, 'ignored')).body).toEqual({ jobId: 'nobody' });
  });

  it('answers the call of an interaction without states with {} and passes teardowns on', async () => {
    expect(await call(states, { state: '', params: {}, action: 'setup' })).toEqual({ status: 200, body: {} });
    await call(states, { state: 'a job in state {state}', params: { state: 'RUNNING' }, action: 'teardown' });
    expect(torn).toEqual(['a job in state {state}']);
  });

  it('answers an unknown state with 404 naming the known ones', async () => {
    const reply = await call(states, {
      state: 'a job {jobId} in state {state}',
      params: {},
      action: 'setup',
    });
    expect(reply.status).toBe(404);
    expect(reply.body.error).toMatch(
      /unknown provider state "a job \{jobId\} in state \{state\}"; aws-batch has: .*a job in state \{state\}/,
    );
  });

  it('answers 500 naming the values a setup did not return', async () => {
    const reply = await call(states, {
      state: 'a job that was terminated in state {state}',
      params: { state: 'RUNNING', reason: 'stuck' },
    });
    expect(reply).toEqual({
      status: 500,
      body: { error: 'provider state "a job that was terminated in state {state}" returned no jobId' },
    });
  });
});

import { APIS_UNDER_TEST } from './apis-under-test';
import { isCancellable, isTerminal, reachableStates } from '../../src/core/machine';
import { cancelOperation, declaredOperations, enumsOf, specDocument } from './spec-of';

/**
 * Every API's job lifecycle is a sound machine, and the one its spec documents: every state reachable, final
 * states final, and cancel taking effect in exactly the states the cancel operation's `x-cancellable-states`
 * lists.
 */
describe.each(APIS_UNDER_TEST.map((api) => [api.id, api] as const))('%s', (_id, api) => {
  const { machine } = api;
  const states: readonly string[] = machine.states;

  it('reaches every state from the initial one', () => {
    const reachable = reachableStates(machine);
    expect(states.filter((state) => !reachable.has(state))).toEqual([]);
  });

  it('has no move out of a terminal state, neither a transition nor a timeline step', () => {
    const terminal = states.filter((state) => isTerminal(machine, state));
    expect(terminal.length).toBeGreaterThan(0);
    expect(terminal.filter((state) => (machine.transitions[state] ?? []).length > 0)).toEqual([]);
    expect(terminal.filter((state) => machine.timeline[state] !== undefined)).toEqual([]);
  });

  it('has a move out of every state that is not terminal (no job is stuck)', () => {
    const stuck = states.filter(
      (state) => !isTerminal(machine, state) && (machine.transitions[state] ?? []).length === 0,
    );
    expect(stuck).toEqual([]);
  });

  it("cancels in exactly the states its spec's cancel operation documents (x-cancellable-states)", () => {
    const documented = declaredOperations(api).find((op) => op.cancellableStates)?.cancellableStates;
    const cancellable = states.filter((state) => isCancellable(machine, state));
    expect([...(documented ?? [])].sort()).toEqual([...cancellable].sort());
  });

  it('cancels upstream in states of its own, the documented ones among them (x-upstream-cancellable-states)', () => {
    const upstream = cancelOperation(api)?.upstreamCancellableStates ?? machine.cancellable;
    expect(upstream.filter((state) => !states.includes(state))).toEqual([]);
    expect(machine.cancellable.filter((state) => !upstream.includes(state))).toEqual([]);
  });

  it('ends a job by cancelling it (cancel leads to a terminal state)', () => {
    expect(isTerminal(machine, machine.cancelTo)).toBe(true);
  });

  it('has only states its spec lists among the values of one enum (the job status)', () => {
    const statusEnums = enumsOf(specDocument(api)).filter((values) =>
      states.every((state) => values.includes(state)),
    );
    expect(statusEnums.length).toBeGreaterThan(0);
  });
});

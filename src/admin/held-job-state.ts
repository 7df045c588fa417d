import type { CallContext, JobSeed, ProviderStateHandler } from '../api';
import { fault } from '../core/fault';
import type { Job, StoredJob } from '../core/job';
import type { Machine } from '../core/machine';
import { isCancellable } from '../core/machine';

/** What an API's own job provider state adds to the common one: the job's owner or fields. */
export type SeedParts<S extends string> = Pick<JobSeed<S>, 'owner' | 'fields'>;

type Seeder<S extends string, D, V> = (seed: JobSeed<S>, context: CallContext<S, D, V>) => StoredJob<S, D>;

/** What a job state returns: the job's id (`jobId`), and whatever else the API's pacts inject. */
type ValuesOf<S extends string, D> = (
  job: Job<S, D>,
  params: Record<string, unknown>,
) => Record<string, unknown>;

const jobIdOnly = <S extends string, D>(job: Job<S, D>) => ({ jobId: job.id });

/**
 * Places a job held in `state` (param `state`, one of the machine's states): under the id in param `jobId`
 * (any job with that id replaced) when the state names one, else under a new id in the API's own format. The
 * owner and fields come from `partsOf`: another user's job, a job under another item. Returns `{ jobId }`,
 * or what `valuesOf` makes of the job.
 *
 * @example heldJobState(name, machine, seedKbaseJob, () => ({ owner: OTHER_USER }))
 */
export function heldJobState<S extends string, D, V>(
  name: string,
  machine: Machine<S>,
  seedJob: Seeder<S, D, V>,
  partsOf: (params: Record<string, unknown>) => SeedParts<S> = () => ({}),
  valuesOf: ValuesOf<S, D> = jobIdOnly,
): ProviderStateHandler<S, D, V> {
  return (params, context) => {
    const state = params.state as S;
    const named = placeholders(name);
    if (!machine.states.includes(state) || named.some((p) => params[p] === undefined)) {
      throw fault(
        'BadRequest',
        `Provider state "${name}" needs params ${named.join(' and ')} (state one of ${machine.states.join(', ')})`,
      );
    }
    return valuesOf(placeJob(context, seedJob, state, params, partsOf), params);
  };
}

/**
 * A job that was cancelled while in `state` (param `state`, a state cancel takes effect in): placed in that
 * state, then cancelled, as the API's cancel would leave it. `cancel` applies the API's cancel (by default a
 * move to the machine's `cancelTo`, noting the param `reason` when given). Returns `{ jobId }`, or what
 * `valuesOf` makes of the job.
 */
export function cancelledJobState<S extends string, D, V>(
  name: string,
  machine: Machine<S>,
  seedJob: Seeder<S, D, V>,
  options: {
    readonly cancel?: (
      job: Job<S, D>,
      params: Record<string, unknown>,
      context: CallContext<S, D, V>,
    ) => void;
    readonly valuesOf?: ValuesOf<S, D>;
  } = {},
): ProviderStateHandler<S, D, V> {
  const cancel =
    options.cancel ??
    ((job: Job<S, D>, params: Record<string, unknown>, context: CallContext<S, D, V>) =>
      context.jobs.move(job, machine.cancelTo, {
        note: typeof params.reason === 'string' ? params.reason : undefined,
      }));
  return (params, context) => {
    const state = params.state as S;
    if (!isCancellable(machine, state)) {
      throw fault(
        'BadRequest',
        `Provider state "${name}" needs the param state, one cancel takes effect in (${machine.cancellable.join(', ')})`,
      );
    }
    const job = placeJob(context, seedJob, state, params, () => ({}));
    cancel(job, params, context);
    return (options.valuesOf ?? jobIdOnly)(job, params);
  };
}

/** A job id in the API's own format that no job of the session has: `{ jobId }` (plus `extra` values). */
export function unknownJobIdState<S extends string, D, V>(
  extra: () => Record<string, unknown> = () => ({}),
): ProviderStateHandler<S, D, V> {
  return (_params, context) => ({ ...extra(), jobId: context.newJobId() });
}

/** The params a state's name holds (`{jobId}`, `{state}`), in order. */
function placeholders(name: string): string[] {
  return [...name.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

function placeJob<S extends string, D, V>(
  context: CallContext<S, D, V>,
  seedJob: Seeder<S, D, V>,
  state: S,
  params: Record<string, unknown>,
  partsOf: (params: Record<string, unknown>) => SeedParts<S>,
): Job<S, D> {
  const id = params.jobId === undefined ? context.newJobId() : String(params.jobId);
  const job = seedJob(Object.assign({ id, state }, partsOf(params)), context);
  job.held = true;
  return context.jobs.replace(job);
}

import type { JobCreation } from '../api';
import { isCancellable, isTerminal } from '../core/machine';
import type { CheckResult } from './check';
import type { ConformRun } from './conform-run';
import { Flow } from './flow';
import { JobTrack } from './job-track';
import { RunLimit } from './request-gate';

/** The names of the steps that create the job cancelled and the job left to run. */
export const CREATE_STEP = 'create a job';
export const CREATE_TO_RUN_STEP = 'create a job and leave it to run';

/**
 * A job created with the API's own create operation, then taken through its lifecycle: read back, polled until it
 * can be cancelled or has finished, cancelled, read again, cancelled again (see `cancelStages`).
 */
export async function createdJobFlow(
  run: ConformRun,
  creation: JobCreation,
  label: string,
): Promise<CheckResult[]> {
  const flow = new Flow(label);
  const job = await createJob(run, creation, flow, CREATE_STEP);
  if (job) await cancelStages(run, flow, job);
  return flow.results;
}

/** A job the provider already has (`--job-id`), taken through the same stages. */
export async function namedJobFlow(run: ConformRun, id: string, label: string): Promise<CheckResult[]> {
  const flow = new Flow(label);
  await cancelStages(run, flow, new JobTrack(run.machine, id));
  return flow.results;
}

/**
 * A job created and left to run until it reaches a state that cancel cannot take (started, finished); then a
 * cancel must leave it as it is, or be answered with the API's error for that state.
 */
export async function watchedJobFlow(
  run: ConformRun,
  creation: JobCreation,
  label: string,
): Promise<CheckResult[]> {
  const flow = new Flow(label);
  const job = await createJob(run, creation, flow, CREATE_TO_RUN_STEP);
  if (!job) return flow.results;
  const { machine } = run;
  if (!(await readBack(run, flow, job))) return flow.results;
  const goneOn = (state: string) => !isCancellable(machine, state);
  if (!goneOn(job.state!)) {
    const reached = await flow.step('wait until the job is in a state cancel cannot take', async (check) => {
      if (!(await run.poll(check, job, goneOn))) return 'stop';
    });
    if (!reached) return flow.results;
  }
  await cancelWhereItCannot(run, flow, job);
  return flow.results;
}

async function createJob(
  run: ConformRun,
  create: JobCreation,
  flow: Flow,
  name: string,
): Promise<JobTrack | undefined> {
  let job: JobTrack | undefined;
  await flow.step(name, async (check) => {
    const proposed = run.newId();
    const exchange = await run.create(check, create.request(proposed));
    if (exchange.review.failed) {
      check.fail('answer', `the create was refused (${exchange.review.outcome})`);
      return 'stop';
    }
    const id = create.idOf(exchange.body, proposed);
    if (id === undefined) {
      check.fail('answer', 'the create reply names no job id');
      return 'stop';
    }
    job = new JobTrack(run.machine, id);
    check.note(`${exchange.review.outcome}, job ${id}`);
  });
  return job;
}

async function readBack(run: ConformRun, flow: Flow, job: JobTrack): Promise<boolean> {
  return flow.step('read the job back', async (check) => {
    const state = await run.read(check, job);
    if (state === undefined) return 'stop';
    check.note(state);
  });
}

/**
 * Read the job; if it can be neither cancelled nor is finished, poll until it can or is; then cancel it and check
 * that it ends in the machine's cancelled state, and cancel it again; or, if it cannot be cancelled, that a
 * cancel leaves it as it is.
 */
async function cancelStages(run: ConformRun, flow: Flow, job: JobTrack): Promise<void> {
  const { machine } = run;
  if (!(await readBack(run, flow, job))) return;
  const ready = (state: string) => isCancellable(machine, state) || isTerminal(machine, state);
  if (!ready(job.state!)) {
    const reached = await flow.step('wait until the job can be cancelled or has finished', async (check) => {
      if (!(await run.poll(check, job, ready))) return 'stop';
    });
    if (!reached) return;
  }
  if (!isCancellable(machine, job.state!)) return cancelWhereItCannot(run, flow, job);
  const from = job.state!;
  const cancelled = await flow.step(`cancel in ${from}`, async (check) => {
    const exchange = await run.compare(check, run.api.jobRequests.cancel(job.id), `cancel in ${from}`, {
      job: { id: job.id, state: from },
    });
    check.note(exchange.review.outcome);
  });
  if (!cancelled) return;
  const ended = await flow.step(`the cancel ends in ${machine.cancelTo}`, async (check) => {
    try {
      if (!(await run.poll(check, job, (state) => state !== from))) return 'stop';
    } catch (error) {
      if (!(error instanceof RunLimit)) throw error;
      check.fail(
        'cancel',
        `job ${job.id} is still ${from} (${error.message}); a cancel ends it in ${machine.cancelTo}`,
        check.latest,
      );
      return 'stop';
    }
    if (job.state !== machine.cancelTo)
      check.fail(
        'cancel',
        `the job went ${from} → ${job.state} after the cancel; a cancel from ${from} ends in ${machine.cancelTo}`,
        check.latest,
      );
  });
  if (!ended) return;
  await cancelWhereItCannot(run, flow, job, job.state === machine.cancelTo ? 'second cancel' : undefined);
}

/**
 * Cancel a job in a state that cannot be cancelled (finished, started, or cancelled already): the answer must be
 * the API's for that state, and a read after it must show the job as it was (or moved on by itself, never to the
 * cancelled state nor out of a final one), unless the API's model moves it there too in one of its profiles.
 */
async function cancelWhereItCannot(
  run: ConformRun,
  flow: Flow,
  job: JobTrack,
  caseName?: string,
): Promise<void> {
  const { machine } = run;
  const at = job.state!;
  const finished = isTerminal(machine, at);
  const again = caseName === 'second cancel';
  const name = caseName ?? (finished ? `cancel of a finished job (${at})` : `cancel in ${at}`);
  const cancelled = await flow.step(again ? `cancel again in ${at}` : `cancel in ${at}`, async (check) => {
    const exchange = await run.compare(check, run.api.jobRequests.cancel(job.id), name, {
      job: { id: job.id, state: at },
    });
    check.note(exchange.review.outcome);
  });
  if (!cancelled) return;
  await flow.step(`the ${again ? 'second ' : ''}cancel leaves the job in ${at}`, async (check) => {
    const state = await run.read(check, job);
    if (state === undefined) return 'stop';
    if (state === at) return void check.note(`still ${at}`);
    const profiles = run.modelledMove(job.id, at, state);
    if (profiles.length)
      return void check.note(`${at} → ${state}, as the API does in the ${profiles.join(' and ')} profile`);
    if (state === machine.cancelTo)
      check.fail(
        'unchanged',
        `the cancel took the job ${at} → ${state}, though ${at} cannot be cancelled`,
        check.latest,
      );
    else if (finished)
      check.fail('unchanged', `the cancel changed a finished job: ${at} → ${state}`, check.latest);
    else check.note(`moved on by itself: ${at} → ${state}`);
  });
}

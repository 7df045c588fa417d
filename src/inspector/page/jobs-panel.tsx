import { useState } from 'preact/hooks';
import type { ApiInfo, Job } from './admin-client';
import { clockTime, since } from './format';

interface JobsProps {
  readonly apis: readonly ApiInfo[];
  readonly api: ApiInfo | undefined;
  readonly jobs: readonly Job[];
  onApi(id: string): void;
  onCreate(job: { api: string; state: string; id?: string; held: boolean }): void;
  onHold(job: Job, held: boolean): void;
}

/** A tab per API; its jobs with state, owner and history; a form to create a job in a state. */
export function JobsPanel({ apis, api, jobs, onApi, onCreate, onHold }: JobsProps) {
  return (
    <section class="panel jobs" aria-label="Jobs">
      <div role="tablist" aria-label="APIs" class="tabs">
        {apis.map((a) => (
          <button
            key={a.id}
            role="tab"
            id={`tab-${a.id}`}
            aria-selected={a.id === api?.id}
            aria-controls="jobs-table"
            type="button"
            title={a.title}
            onClick={() => onApi(a.id)}
          >
            {a.id}
          </button>
        ))}
      </div>
      {api && <CreateJob api={api} onCreate={onCreate} />}
      <div class="scroll" id="jobs-table" role="tabpanel" aria-labelledby={api ? `tab-${api.id}` : undefined}>
        <table>
          <caption class="visually-hidden">{api ? `Jobs of ${api.title}` : 'Jobs'}</caption>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">State</th>
              <th scope="col">Owner</th>
              <th scope="col">History</th>
              <th scope="col">Held</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id} data-job-id={job.id}>
                <td class="mono">{job.id}</td>
                <td>
                  <span class={`state${api?.terminal.includes(job.state) ? ' terminal' : ''}`}>
                    {job.state}
                  </span>
                </td>
                <td>{job.owner ?? ''}</td>
                <td>
                  <Timeline job={job} />
                </td>
                <td>
                  <button
                    type="button"
                    aria-label={`${job.held ? 'Release' : 'Hold'} job ${job.id}`}
                    onClick={() => onHold(job, !job.held)}
                  >
                    {job.held ? 'Release' : 'Hold'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {jobs.length === 0 && <p class="empty">No jobs in this session.</p>}
      </div>
    </section>
  );
}

/** The states a job went through, with when (virtual time, after its first) and why. */
function Timeline({ job }: { job: Job }) {
  const first = job.history[0]?.at ?? 0;
  return (
    <ol class="timeline" aria-label={`History of job ${job.id}`}>
      {job.history.map((h, i) => (
        <li key={i} title={`${clockTime(h.at)}${h.note ? ` — ${h.note}` : ''}`}>
          <span class="state">{h.state}</span>
          {i > 0 && <span class="when">{since(h.at - first)}</span>}
        </li>
      ))}
    </ol>
  );
}

function CreateJob({ api, onCreate }: { api: ApiInfo; onCreate: JobsProps['onCreate'] }) {
  const [state, setState] = useState('');
  const [id, setId] = useState('');
  const [held, setHeld] = useState(true);
  const chosen = api.states.includes(state) ? state : (api.states[0] ?? '');
  return (
    <form
      class="create-job inline"
      aria-label="Create a job"
      onSubmit={(event) => {
        event.preventDefault();
        onCreate({ api: api.id, state: chosen, held, ...(id ? { id } : {}) });
        setId('');
      }}
    >
      <label>
        State{' '}
        <select value={chosen} onChange={(e) => setState(e.currentTarget.value)}>
          {api.states.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Id{' '}
        <input
          value={id}
          placeholder="(the API's own)"
          size={14}
          onInput={(e) => setId(e.currentTarget.value)}
        />
      </label>
      <label>
        <input type="checkbox" checked={held} onChange={(e) => setHeld(e.currentTarget.checked)} /> held
      </label>
      <button type="submit">Create job</button>
    </form>
  );
}

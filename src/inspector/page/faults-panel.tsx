import { useState } from 'preact/hooks';
import type { ApiInfo, Fault } from './admin-client';

interface FaultsProps {
  readonly api: ApiInfo | undefined;
  readonly faults: readonly Fault[];
  onAdd(fault: Fault): void;
  onClear(): void;
}

/** The session's injected faults, a form to add one for the API shown, and a button to clear them. */
export function FaultsPanel({ api, faults, onAdd, onClear }: FaultsProps) {
  const [operation, setOperation] = useState('');
  const [status, setStatus] = useState('');
  const [latency, setLatency] = useState('');
  const [times, setTimes] = useState('1');
  const op = api?.operations.find((o) => o.id === operation);
  const statuses = op ? op.errorStatuses : commonStatuses(api);
  return (
    <section class="panel faults" aria-label="Injected faults">
      <h2>Faults</h2>
      {api && (
        <form
          class="inline"
          aria-label="Add a fault"
          onSubmit={(event) => {
            event.preventDefault();
            onAdd({
              api: api.id,
              ...(operation ? { operation } : {}),
              ...(status ? { status: Number(status) } : {}),
              ...(latency ? { latencyMs: Number(latency) } : {}),
              ...(times ? { times: Number(times) } : {}),
            });
          }}
        >
          <label>
            Operation{' '}
            <select value={operation} onChange={(e) => setOperation(e.currentTarget.value)}>
              <option value="">(any)</option>
              {api.operations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.id}
                </option>
              ))}
            </select>
          </label>
          <label>
            Status{' '}
            {statuses.length ? (
              <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
                <option value="">(none)</option>
                {statuses.map((s) => (
                  <option key={s} value={String(s)}>
                    {s}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type="number"
                min="400"
                max="599"
                size={4}
                value={status}
                onInput={(e) => setStatus(e.currentTarget.value)}
              />
            )}
          </label>
          <label>
            Latency ms{' '}
            <input
              type="number"
              min="0"
              max="60000"
              size={6}
              value={latency}
              onInput={(e) => setLatency(e.currentTarget.value)}
            />
          </label>
          <label>
            Times{' '}
            <input
              type="number"
              min="1"
              size={3}
              value={times}
              onInput={(e) => setTimes(e.currentTarget.value)}
            />
          </label>
          <button type="submit">Add fault</button>
          <button type="button" onClick={onClear} disabled={faults.length === 0}>
            Clear faults
          </button>
        </form>
      )}
      <ul class="fault-list" aria-label="Faults injected">
        {faults.map((f, i) => (
          <li key={i}>{describe(f)}</li>
        ))}
        {faults.length === 0 && <li class="empty">None.</li>}
      </ul>
    </section>
  );
}

function describe(f: Fault): string {
  const parts = [f.api, f.operation ?? 'any operation'];
  if (f.status !== undefined) parts.push(`status ${f.status}`);
  if (f.latencyMs !== undefined) parts.push(`+${f.latencyMs} ms`);
  if (f.probability !== undefined) parts.push(`p=${f.probability}`);
  if (f.times !== undefined) parts.push(`${f.times} more`);
  return parts.join(' · ');
}

/** With no operation named, the statuses every operation declares (what a fault for all of them may use). */
function commonStatuses(api: ApiInfo | undefined): number[] {
  if (!api || api.operations.length === 0) return [];
  return api.operations
    .map((o) => o.errorStatuses)
    .reduce((common, next) => common.filter((s) => next.includes(s)));
}

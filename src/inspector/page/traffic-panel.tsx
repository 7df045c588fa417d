import type { Entry } from './admin-client';
import { clockTime, pretty, statusClass } from './format';

interface TrafficProps {
  readonly entries: readonly Entry[];
  readonly selected: Entry | undefined;
  onSelect(seq: number): void;
}

/** The session's calls as they arrive (newest first), and the one selected in full. */
export function TrafficPanel({ entries, selected, onSelect }: TrafficProps) {
  return (
    <section class="panel traffic" aria-label="Traffic">
      <h2>Traffic</h2>
      <div class="scroll traffic-list">
        <table>
          <caption class="visually-hidden">Calls received, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">API</th>
              <th scope="col">Operation</th>
              <th scope="col">Status</th>
              <th scope="col">ms</th>
              <th scope="col">Jobs</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr
                key={e.seq}
                data-seq={e.seq}
                class={e.seq === selected?.seq ? 'selected' : undefined}
                aria-selected={e.seq === selected?.seq}
                tabIndex={0}
                onClick={() => onSelect(e.seq)}
                onKeyDown={(event) => (event.key === 'Enter' || event.key === ' ') && onSelect(e.seq)}
              >
                <td>{clockTime(e.at)}</td>
                <td>{e.admin ? 'admin' : (e.api ?? '—')}</td>
                <td>
                  {e.operation}
                  {e.fault && <span class="tag fault">fault</span>}
                  {e.hints && <span class="tag hint">hint</span>}
                </td>
                <td class={statusClass(e.status)}>{e.status}</td>
                <td>{e.durationMs.toFixed(1)}</td>
                <td class="mono">{moves(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {entries.length === 0 && <p class="empty">No calls yet.</p>}
      </div>
      {selected && <CallDetail entry={selected} />}
    </section>
  );
}

function moves(e: Entry): string {
  if (e.transitions.length) return e.transitions.map((t) => `${t.jobId} ${t.from ?? '∅'}→${t.to}`).join(', ');
  return e.jobIds.join(', ');
}

/** One call: its request and reply (credentials redacted), what it did to jobs, and what went wrong. */
function CallDetail({ entry }: { entry: Entry }) {
  const query = new URLSearchParams(entry.query as Record<string, string>).toString();
  return (
    <article class="scroll detail" aria-label={`Call ${entry.seq}`}>
      <h3>
        {entry.method} {entry.path}
        {query ? `?${query}` : ''} → <span class={statusClass(entry.status)}>{entry.status}</span>
      </h3>
      <dl>
        <dt>Operation</dt>
        <dd>{entry.operation}</dd>
        <dt>Session</dt>
        <dd>{entry.session}</dd>
        {entry.virtualAt !== undefined && (
          <>
            <dt>Virtual time</dt>
            <dd>{new Date(entry.virtualAt).toISOString()}</dd>
          </>
        )}
        {entry.error && (
          <>
            <dt>Error</dt>
            <dd>
              {entry.error.kind}: {entry.error.message}
            </dd>
          </>
        )}
        {entry.fault && (
          <>
            <dt>Injected fault</dt>
            <dd class="mono">{JSON.stringify(entry.fault)}</dd>
          </>
        )}
        {entry.hints && (
          <>
            <dt>Hints</dt>
            {entry.hints.map((hint, i) => (
              <dd key={i}>{hint}</dd>
            ))}
          </>
        )}
      </dl>
      {entry.transitions.length > 0 && (
        <>
          <h4>Transitions</h4>
          <ul>
            {entry.transitions.map((t, i) => (
              <li key={i}>
                {t.api} {t.jobId}: {t.from ?? '(created)'} → {t.to}
                {t.cause === 'timeline' ? ' (on the clock)' : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {entry.findings && (
        <>
          <h4>Validation findings</h4>
          <ul>
            {entry.findings.map((f, i) => (
              <li key={i}>
                <code>{f.location}</code> {f.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {entry.violations && (
        <>
          <h4>Strict-mode violations</h4>
          <ul>
            {entry.violations.map((v, i) => (
              <li key={i}>{v}</li>
            ))}
          </ul>
        </>
      )}
      <Message title="Request" message={entry.request} />
      <Message title="Reply" message={entry.reply} />
    </article>
  );
}

function Message({ title, message }: { title: string; message: Entry['request'] }) {
  const headers = Object.entries(message.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  return (
    <>
      <h4>{title}</h4>
      <pre aria-label={`${title} headers`}>{headers}</pre>
      {message.body !== undefined && (
        <pre aria-label={`${title} body`}>
          {pretty(message.body)}
          {message.truncated ? `\n… ${message.truncated} more characters` : ''}
        </pre>
      )}
    </>
  );
}

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { AdminClient, ApiInfo, Clock, Entry, Fault, Job, Session } from './admin-client';
import { NeedsToken } from './admin-client';
import { FaultsPanel } from './faults-panel';
import { HeaderBar } from './header-bar';
import { JobsPanel } from './jobs-panel';
import { TokenForm } from './token-form';
import { TrafficPanel } from './traffic-panel';

/** How often the page reads the journal, the jobs, the clock and the faults. */
const POLL_MS = 1_000;
/** The most calls the page keeps. */
const KEPT_CALLS = 500;

/**
 * The inspector: one session at a time, its jobs per API, its clock, faults and live traffic, read from the
 * admin API every second; every action is an admin call, after which the page reads again at once.
 */
export function App({ client }: { client: AdminClient }) {
  const [needsToken, setNeedsToken] = useState(false);
  const [apis, setApis] = useState<ApiInfo[]>([]);
  const [apiId, setApiId] = useState<string | undefined>();
  const [session, setSession] = useState(client.session);
  const [sessions, setSessions] = useState<Session[]>([]);
  const [jobs, setJobs] = useState<Job[]>([]);
  const [clock, setClock] = useState<Clock | undefined>();
  const [faults, setFaults] = useState<Fault[]>([]);
  const [traffic, setTraffic] = useState<Entry[]>([]);
  const [selected, setSelected] = useState<number | undefined>();
  const [message, setMessage] = useState('');
  const lastSeq = useRef(0);
  const shown = useRef({ apiId, session });
  shown.current = { apiId, session };

  const failed = useCallback((error: unknown) => {
    if (error instanceof NeedsToken) setNeedsToken(true);
    else setMessage(error instanceof Error ? error.message : String(error));
  }, []);

  const refresh = useCallback(async () => {
    const { apiId: api, session: name } = shown.current;
    try {
      const newest = await client.newestRequest();
      // The session was dropped and made again: its numbering started over.
      if (newest && newest.seq < lastSeq.current) {
        lastSeq.current = 0;
        setTraffic([]);
      }
      const [list, time, injected, named, calls] = await Promise.all([
        api ? client.jobs(api) : Promise.resolve([]),
        client.clock(),
        client.faults(),
        client.sessions(),
        client.requests(lastSeq.current),
      ]);
      if (shown.current.session !== name || shown.current.apiId !== api) return;
      setJobs(list);
      setClock(time);
      setFaults(injected);
      setSessions(named);
      if (calls.length) {
        lastSeq.current = Math.max(lastSeq.current, calls[calls.length - 1]!.seq);
        // Reads overlap (an action reads again while the poll's read is under way): each call is shown once.
        setTraffic((before) => {
          const newest = before[0]?.seq ?? 0;
          return [...calls.filter((c) => c.seq > newest).reverse(), ...before].slice(0, KEPT_CALLS);
        });
      }
    } catch (error) {
      failed(error);
    }
  }, [client, failed]);

  useEffect(() => {
    if (needsToken) return;
    client
      .apis()
      .then((list) => {
        setApis(list);
        setApiId((id) => id ?? list[0]?.id);
      })
      .catch(failed);
  }, [client, needsToken, failed]);

  useEffect(() => {
    if (needsToken) return;
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [needsToken, apiId, session, refresh]);

  /** Runs an action, says what happened, and reads again. */
  const act = (what: string, action: () => Promise<unknown>) => {
    action()
      .then(() => setMessage(what))
      .catch(failed)
      .finally(() => void refresh());
  };

  if (needsToken) {
    return (
      <TokenForm
        onToken={(token) => {
          client.setToken(token);
          setNeedsToken(false);
        }}
      />
    );
  }

  const api = apis.find((a) => a.id === apiId);
  const chosen = traffic.find((e) => e.seq === selected);
  return (
    <div class="layout">
      <HeaderBar
        session={session}
        sessions={sessions}
        clock={clock}
        onSession={(name) => {
          client.session = name;
          lastSeq.current = 0;
          setTraffic([]);
          setSelected(undefined);
          setSession(name);
        }}
        onClock={(change) => act('Clock changed', () => client.changeClock(change))}
        onReset={() =>
          act('Session reset', async () => {
            await client.reset();
            lastSeq.current = 0;
            setTraffic([]);
            setSelected(undefined);
          })
        }
      />
      <p class="message" role="status" aria-live="polite">
        {message}
      </p>
      <main class="columns">
        <div class="column">
          <JobsPanel
            apis={apis}
            api={api}
            jobs={jobs}
            onApi={(id) => {
              setJobs([]);
              setApiId(id);
            }}
            onCreate={(job) => act(`Created a job in ${job.state}`, () => client.createJob(job))}
            onHold={(job, held) =>
              act(`${held ? 'Held' : 'Released'} job ${job.id}`, () => client.hold(job.api, job.id, held))
            }
          />
          <FaultsPanel
            api={api}
            faults={faults}
            onAdd={(fault) => act('Fault added', () => client.addFault(fault))}
            onClear={() => act('Faults cleared', () => client.clearFaults())}
          />
        </div>
        <div class="column">
          <TrafficPanel entries={traffic} selected={chosen} onSelect={setSelected} />
        </div>
      </main>
    </div>
  );
}

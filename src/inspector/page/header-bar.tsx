import { useState } from 'preact/hooks';
import type { Clock, Session } from './admin-client';
import { clockTime } from './format';

interface HeaderProps {
  readonly session: string;
  readonly sessions: readonly Session[];
  readonly clock: Clock | undefined;
  onSession(name: string): void;
  onClock(change: { advanceMs?: number; mode?: 'real' | 'manual'; speed?: number }): void;
  onReset(): void;
}

const STEPS: readonly [string, number][] = [
  ['+1 s', 1_000],
  ['+1 min', 60_000],
  ['+1 h', 3_600_000],
];

/** The session shown, its virtual clock (advance, freeze or run, speed) and reset. */
export function HeaderBar({ session, sessions, clock, onSession, onClock, onReset }: HeaderProps) {
  const [speed, setSpeed] = useState('');
  const names = sessions.some((s) => s.name === session)
    ? sessions
    : [{ name: session, jobs: 0, bytes: 0 }, ...sessions];
  return (
    <header class="bar">
      <h1>jobmock</h1>
      <label>
        Session{' '}
        <select value={session} onChange={(event) => onSession(event.currentTarget.value)}>
          {names.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <section class="clock" aria-label="Virtual clock">
        <span class="clock-now" title={clock ? new Date(clock.now).toISOString() : ''}>
          {clock
            ? `${clockTime(clock.now)} (${clock.mode === 'manual' ? 'frozen' : `running ×${clock.speed}`})`
            : '…'}
        </span>
        {STEPS.map(([label, ms]) => (
          <button
            key={label}
            type="button"
            onClick={() => onClock({ advanceMs: ms })}
            aria-label={`Advance the clock ${label}`}
          >
            {label}
          </button>
        ))}
        {clock?.mode === 'manual' ? (
          <button type="button" onClick={() => onClock({ mode: 'real' })}>
            Run clock
          </button>
        ) : (
          <button type="button" onClick={() => onClock({ mode: 'manual' })}>
            Freeze clock
          </button>
        )}
        <form
          class="inline"
          onSubmit={(event) => {
            event.preventDefault();
            const value = Number(speed);
            if (value > 0) onClock({ mode: 'real', speed: value });
          }}
        >
          <label>
            Speed{' '}
            <input
              type="number"
              min="0.001"
              step="any"
              size={5}
              value={speed}
              onInput={(e) => setSpeed(e.currentTarget.value)}
            />
          </label>
          <button type="submit">Set speed</button>
        </form>
      </section>
      <button type="button" class="danger" onClick={onReset}>
        Reset session
      </button>
    </header>
  );
}

/** Wall-clock or virtual time as the page shows it: `15:04:05.123`. */
export function clockTime(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** A duration since a start, short: `+0 s`, `+4.5 s`, `+12 min`, `+3 h`. */
export function since(ms: number): string {
  if (ms < 60_000) return `+${Math.round(ms / 100) / 10} s`;
  if (ms < 3_600_000) return `+${Math.round(ms / 6_000) / 10} min`;
  return `+${Math.round(ms / 360_000) / 10} h`;
}

/** A body or value as indented JSON (text stays text). */
export function pretty(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** The CSS class of a status: ok, client error, server error. */
export function statusClass(status: number): string {
  return status >= 500 ? 'status-5xx' : status >= 400 ? 'status-4xx' : 'status-ok';
}

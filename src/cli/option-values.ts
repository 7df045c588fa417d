/** Values of command-line options, checked: a bad value stops the command with a message naming the flag. */

/** A positive number (`--speed 2`, `--max-jobs 1000`). */
export function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number, not "${value}"`);
  return n;
}

/** A whole number, zero or more (`--journal-size 0`). */
export function count(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a whole number, not "${value}"`);
  return n;
}

const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 };

/** A size in bytes: `1048576`, `512k`, `256m`, `256MiB`, `1g`, `1GB` (units are powers of 1024). */
export function byteSize(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(value.trim());
  const bytes = match ? Number(match[1]) * SIZE_UNITS[match[2]!.toLowerCase()]! : NaN;
  if (!Number.isFinite(bytes) || bytes <= 0)
    throw new Error(`${flag} must be a size such as 268435456, 256m or 1g, not "${value}"`);
  return Math.floor(bytes);
}

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** A duration in milliseconds: `500ms`, `30s`, `10m`, `1h`, `2d`, or plain milliseconds. */
export function duration(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(value.trim());
  const ms = match ? Number(match[1]) * DURATION_UNITS[match[2] ?? 'ms']! : NaN;
  if (!Number.isFinite(ms) || ms <= 0)
    throw new Error(`${flag} must be a duration such as 30s, 10m or 1h, not "${value}"`);
  return Math.floor(ms);
}

/**
 * A provider run (`jobmock verify`, `jobmock conform`) that cannot start as asked: the target and the flags do not
 * fit. The message says what to pass; the CLI prints it and exits 2.
 */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/**
 * Applies `next` to a value that may still be on its way: at once for a plain value (the in-memory store's
 * transactions are synchronous, and in-process callers rely on it), after it arrives for a promise (a shared
 * store's are not).
 *
 * @example then(engine.transact(session, work), (result) => jsonReply(200, result))
 */
export function then<T, R>(
  value: T | Promise<T>,
  next: (value: T) => R,
  failed?: (error: unknown) => R,
): R | Promise<R> {
  if (value instanceof Promise) return value.then(next, failed);
  return next(value);
}

/** Where the admin API is mounted on every jobmock server. */
export const ADMIN_PREFIX = '/__admin';

/** Whether a request target (path and query) is the admin API's. */
export function isAdminPath(url: string): boolean {
  return (
    url.startsWith(ADMIN_PREFIX) &&
    (url.length === ADMIN_PREFIX.length ||
      url[ADMIN_PREFIX.length] === '/' ||
      url[ADMIN_PREFIX.length] === '?')
  );
}

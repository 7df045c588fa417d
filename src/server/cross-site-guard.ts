import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import type { IncomingCall } from '../engine/incoming-call';

/** Why a call is refused before the engine serves it. */
export type Refusal = NonNullable<IncomingCall['refusal']>;

export interface CrossSitePolicy {
  /** The address the server is bound to (`--host`). */
  readonly boundHost: string;
  /** `--allow-host`: more Host names (`.example.com`: it and its subdomains; `*`: any Host). */
  readonly allowHosts?: readonly string[] | undefined;
  /** `--cors <origins> --cors-admin`: the origins that may call the admin API too. */
  readonly adminOrigins?: { allows(origin: string): boolean } | undefined;
}

/** How many distinct allowed Host values are remembered (they are checked once, then looked up). */
const REMEMBERED_HOSTS = 64;

/**
 * Refuses what a web page on another site could make a browser send to the mock:
 *
 * - DNS rebinding: a page whose name was re-pointed at 127.0.0.1 reaches the mock with its own name in `Host`.
 *   Every call (API and admin) needs a Host of `localhost` (or `*.localhost`), an IP address, the bound address
 *   or an `--allow-host` name, with any port. IP addresses are safe: a browser only sends one for a page loaded
 *   from that very address. (The rule of webpack-dev-server's `allowedHosts: 'auto'` and Vite's
 *   `server.allowedHosts`.) A call without Host (HTTP/1.0) is not from a browser and passes.
 * - Cross-site requests (CSRF): a page on another origin must not reset or fault the mock, so an admin call
 *   with a foreign `Origin` is refused unless `--cors <that origin or *> --cors-admin` allows it. Calls without
 *   Origin (curl, SDKs) pass, and so do calls from the mock's own origin.
 *
 * @example new CrossSiteGuard({ boundHost: '127.0.0.1' }).refusal({ host: 'evil.example' }, false) // Forbidden
 */
export class CrossSiteGuard {
  private readonly anyHost: boolean;
  private readonly names = new Set<string>();
  private readonly domains: string[] = ['localhost'];
  private readonly allowed = new Set<string>();
  private readonly adminOrigins: CrossSitePolicy['adminOrigins'];

  constructor(policy: CrossSitePolicy) {
    const extra = policy.allowHosts ?? [];
    this.anyHost = extra.includes('*');
    for (const name of [policy.boundHost, ...extra]) {
      const host = name.toLowerCase();
      if (host.startsWith('.')) this.domains.push(host.slice(1));
      else this.names.add(host);
    }
    this.adminOrigins = policy.adminOrigins;
  }

  /** The refusal for a call with these headers (to the admin API when `admin`), or undefined to serve it. */
  refusal(headers: IncomingHttpHeaders, admin: boolean): Refusal | undefined {
    const { host, origin } = headers;
    if (host !== undefined && !this.allowsHost(host)) {
      return {
        kind: 'Forbidden',
        message:
          `Host "${host}" is not allowed (a guard against DNS rebinding): jobmock answers localhost, IP ` +
          `addresses, the address it listens on and the names given with --allow-host; start it with --allow-host ${hostName(host) ?? '<name>'} to allow this one`,
      };
    }
    if (admin && origin !== undefined && !this.allowsAdminOrigin(origin, host)) {
      return {
        kind: 'Forbidden',
        message:
          `Origin ${origin} may not call the admin API (a page on another site could reset or fault the mock); ` +
          `allow it with --cors ${origin} --cors-admin`,
      };
    }
    return undefined;
  }

  private allowsHost(value: string): boolean {
    if (this.anyHost || this.allowed.has(value)) return true;
    const name = hostName(value);
    if (name === undefined) return false;
    const ok =
      isIP(name.startsWith('[') ? name.slice(1, -1) : name) !== 0 ||
      this.names.has(name) ||
      this.domains.some((domain) => name === domain || name.endsWith('.' + domain));
    if (ok && this.allowed.size < REMEMBERED_HOSTS) this.allowed.add(value);
    return ok;
  }

  private allowsAdminOrigin(origin: string, host: string | undefined): boolean {
    if (this.adminOrigins?.allows(origin)) return true;
    return host !== undefined && origin.toLowerCase() === `http://${host.toLowerCase()}`;
  }
}

/** RFC 9110 §7.2 / RFC 3986 §3.2.2: the host of a Host value, lower case, without port or final dot. */
function hostName(value: string): string | undefined {
  let name: string;
  let rest: string;
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    if (end < 0) return undefined;
    name = value.slice(0, end + 1);
    rest = value.slice(end + 1);
  } else {
    const colon = value.indexOf(':');
    name = colon < 0 ? value : value.slice(0, colon);
    rest = colon < 0 ? '' : value.slice(colon);
    if (!/^[\w.-]+$/.test(name)) return undefined;
  }
  if (rest !== '' && !/^:\d*$/.test(rest)) return undefined;
  name = name.toLowerCase();
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

import { isJsonMedia, mediaType } from '../core/body';
import type { Headers, Query } from '../core/wire';

/** What a credential is replaced with. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are not searched for in other text (`demo` would blank out every `demo`). */
const MIN_SECRET = 8;

/** Field names ending so that are not credentials: pagination tokens (`nextToken`). */
const PAGINATION = /(next|continuation|page|paging|pagination|cursor|sync)token$/;
const SECRET_SUFFIX = /(password|passwd|passphrase|secret|token|apikey|signature|credentials?|privatekey)$/;
const SECRET_NAMES = new Set(['pwd', 'auth', 'authorization', 'proxyauthorization', 'cookie', 'setcookie']);

/**
 * Whether a header, query parameter, form field or JSON key holds a credential: `Authorization`, cookies,
 * `X-Amz-Security-Token`, `?token=`, `client_secret`, `password`, `access_token` and the like (not `nextToken`).
 */
export function isSecretName(name: string): boolean {
  const key = name.toLowerCase().replace(/[-_.\s]/g, '');
  if (SECRET_NAMES.has(key)) return true;
  return SECRET_SUFFIX.test(key) && !PAGINATION.test(key);
}

/** A call's parts as they were received and answered. */
export interface CallParts {
  readonly path: string;
  readonly query: Query;
  readonly headers: Headers;
  readonly requestBody: string;
  /** Set when `requestBody` is redacted text already (a large body, cut when it was recorded). */
  readonly requestRedacted: boolean;
  readonly replyHeaders: Readonly<Record<string, string>>;
  readonly replyBody: unknown;
  readonly replyRedacted: boolean;
  /** More text of the call that may echo a credential (error messages, hints). */
  readonly notes: readonly string[];
}

/** The same parts with every credential replaced by REDACTED; bodies as JSON values where they are JSON. */
export interface RedactedParts {
  readonly path: string;
  readonly query: Record<string, unknown>;
  readonly headers: Record<string, string>;
  readonly requestBody: unknown;
  readonly replyHeaders: Record<string, string>;
  readonly replyBody: unknown;
  readonly notes: readonly string[];
}

/**
 * Redacts a call: credential headers (the scheme of `Authorization` and the names of cookies stay), credential
 * query parameters and body fields (JSON, form), and then every other place where one of the credentials found
 * shows up again — a token a login reply carries in its body and its `Set-Cookie`, a header an error message
 * quotes (even cut short).
 */
export function redactCall(call: CallParts): RedactedParts {
  const secrets = new Set<string>();
  const headers = redactHeaders(call.headers, secrets);
  const replyHeaders = redactHeaders(call.replyHeaders, secrets);
  const query = redactFields(call.query as Record<string, unknown>, secrets);
  const requestBody = call.requestRedacted
    ? call.requestBody
    : redactBody(call.requestBody, call.headers['content-type'], secrets);
  const replyBody = call.replyRedacted
    ? call.replyBody
    : redactBody(call.replyBody, call.replyHeaders['content-type'], secrets);
  const scrub = scrubber(secrets);
  return {
    path: scrub(call.path),
    query: scrubValue(query, scrub) as Record<string, unknown>,
    headers: scrubValue(headers, scrub) as Record<string, string>,
    requestBody: scrubValue(requestBody, scrub),
    replyHeaders: scrubValue(replyHeaders, scrub) as Record<string, string>,
    replyBody: scrubValue(replyBody, scrub),
    notes: call.notes.map(scrub),
  };
}

/** A body's redacted text (for bodies too large to keep whole: redacted before they are cut). */
export function redactedText(body: unknown, contentType: string | undefined): string {
  const secrets = new Set<string>();
  const redacted = scrubValue(redactBody(body, contentType, secrets), scrubber(secrets));
  return typeof redacted === 'string' ? redacted : JSON.stringify(redacted);
}

function redactHeaders(
  headers: Readonly<Record<string, string | undefined>>,
  secrets: Set<string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    out[name] = isSecretName(name) ? redactHeaderValue(name.toLowerCase(), String(value), secrets) : value;
  }
  return out;
}

/** `Bearer [redacted]`, `token=[redacted]; other=[redacted]`, `token=[redacted]; HttpOnly; Path=/`. */
function redactHeaderValue(name: string, value: string, secrets: Set<string>): string {
  if (name === 'cookie') {
    return value
      .split(';')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq < 0) return pair;
        addSecret(secrets, pair.slice(eq + 1).trim());
        return `${pair.slice(0, eq + 1)}${REDACTED}`;
      })
      .join(';');
  }
  if (name === 'set-cookie') {
    const [first = '', ...attributes] = value.split(';');
    const eq = first.indexOf('=');
    addSecret(secrets, first.slice(eq + 1).trim());
    return [`${first.slice(0, eq + 1)}${REDACTED}`, ...attributes].join(';');
  }
  const scheme = /^([A-Za-z][\w.-]*) +(\S.*)$/.exec(value);
  const secret = scheme ? scheme[2]! : value;
  addSecret(secrets, secret);
  // Compound credentials (`subjectToken="…", appToken="…"`, SigV4's `Signature=…`): each secret part too.
  for (const [, name, quoted, bare] of secret.matchAll(/([\w-]+)=(?:"([^"]*)"|([^\s,;]*))/g)) {
    if (isSecretName(name!)) addSecret(secrets, quoted ?? bare ?? '');
  }
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
}

function redactFields(fields: Record<string, unknown>, secrets: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name in fields) {
    const value = fields[name];
    if (value === undefined) continue;
    out[name] = isSecretName(name) ? secretValue(value, secrets) : value;
  }
  return out;
}

/** A body with its credential fields redacted: a JSON value, a form's text, or other text as it is. */
function redactBody(body: unknown, contentType: string | undefined, secrets: Set<string>): unknown {
  if (body === undefined || body === '') return undefined;
  if (typeof body !== 'string') return redactJson(body, secrets);
  const media = mediaType(contentType);
  if (media === 'application/x-www-form-urlencoded') return redactForm(body, secrets);
  if (isJsonMedia(media) || /^\s*[[{"]/.test(body)) {
    try {
      return redactJson(JSON.parse(body), secrets);
    } catch {
      return body;
    }
  }
  return body;
}

function redactJson(value: unknown, secrets: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => redactJson(item, secrets));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    // defineProperty: a `__proto__` key stays a plain field, as JSON.parse made it.
    Object.defineProperty(out, key, {
      value: isSecretName(key) ? secretValue(field, secrets) : redactJson(field, secrets),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function redactForm(text: string, secrets: Set<string>): string {
  return [...new URLSearchParams(text)]
    .map(([name, value]) => {
      if (!isSecretName(name)) return `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
      addSecret(secrets, value);
      return `${encodeURIComponent(name)}=${REDACTED}`;
    })
    .join('&');
}

/** REDACTED in place of a credential's value, which is remembered (every string in it). */
function secretValue(value: unknown, secrets: Set<string>): string {
  if (typeof value === 'string' || typeof value === 'number') addSecret(secrets, String(value));
  else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) secretValue(item, secrets);
  }
  return REDACTED;
}

function addSecret(secrets: Set<string>, value: string): void {
  if (value.length >= MIN_SECRET && value !== REDACTED) secrets.add(value);
}

/**
 * Replaces each credential where it shows up in a text, and so does its start when a text quotes it cut short
 * (at least MIN_SECRET characters of it). The URL-encoded form of each counts too.
 */
function scrubber(secrets: ReadonlySet<string>): (text: string) => string {
  const all = new Set<string>();
  for (const secret of secrets) {
    all.add(secret);
    all.add(encodeURIComponent(secret));
  }
  const list = [...all].sort((a, b) => b.length - a.length);
  if (list.length === 0) return (text) => text;
  return (text) => {
    for (const secret of list) text = scrubOne(text, secret);
    return text;
  };
}

function scrubOne(text: string, secret: string): string {
  const head = secret.slice(0, MIN_SECRET);
  let at = text.indexOf(head);
  if (at < 0) return text;
  let out = '';
  let from = 0;
  while (at >= 0) {
    let length = MIN_SECRET;
    while (length < secret.length && text[at + length] === secret[length]) length++;
    out += text.slice(from, at) + REDACTED;
    from = at + length;
    at = text.indexOf(head, from);
  }
  return out + text.slice(from);
}

function scrubValue(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, scrub));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, {
      value: scrubValue((value as Record<string, unknown>)[key], scrub),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

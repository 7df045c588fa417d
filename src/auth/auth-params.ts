/**
 * Reading an HTTP `Authorization` header of the auth-param form (RFC 7235 §2.1):
 *
 *   credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 *   auth-param  = token BWS "=" BWS ( token / quoted-string )
 *
 * for schemes that carry named parameters (`Digest`, `SubjectAndAppToken1.0`, ...). Parameter names are
 * matched case-insensitively (RFC 7235 §2.1), so they come back lower-cased; quoted-string values are
 * unescaped (RFC 7230 §3.2.6).
 */

/** A parsed `Authorization` header: its scheme as written and its parameters by lower-cased name. */
export interface AuthParams {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/** tchar (RFC 7230 §3.2.6). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;
const OWS = /^[ \t]*/;

/**
 * Parses `scheme name="value", name=value, ...`. Returns undefined when the header is not in that form
 * (no scheme, a parameter without `=`, an unterminated quoted string, a repeated parameter, trailing junk).
 * A scheme with no parameters gives `params: {}`.
 *
 * @example parseAuthParams('Digest realm="x", qop=auth') // { scheme: 'Digest', params: { realm: 'x', qop: 'auth' } }
 */
export function parseAuthParams(header: string | undefined): AuthParams | undefined {
  if (header === undefined) return undefined;
  const scheme = TOKEN.exec(header)?.[0];
  if (scheme === undefined) return undefined;
  let rest = header.slice(scheme.length);
  const params: Record<string, string> = {};
  if (rest.trim() === '') return { scheme, params };
  if (!/^ +/.test(rest)) return undefined;
  rest = rest.replace(/^ +/, '');
  for (;;) {
    const name = TOKEN.exec(rest)?.[0];
    if (name === undefined) return undefined;
    rest = skip(rest.slice(name.length));
    if (!rest.startsWith('=')) return undefined;
    rest = skip(rest.slice(1));
    const value = rest.startsWith('"') ? quotedString(rest) : plainToken(rest);
    if (value === undefined) return undefined;
    const key = name.toLowerCase();
    if (Object.prototype.hasOwnProperty.call(params, key)) return undefined;
    params[key] = value.value;
    rest = skip(rest.slice(value.length));
    if (rest === '') return { scheme, params };
    if (!rest.startsWith(',')) return undefined;
    rest = skip(rest.slice(1));
  }
}

function skip(text: string): string {
  return text.replace(OWS, '');
}

function plainToken(text: string): { value: string; length: number } | undefined {
  const token = TOKEN.exec(text)?.[0];
  return token === undefined ? undefined : { value: token, length: token.length };
}

/** A quoted-string at the start of `text`: its unescaped value and how many characters it took. */
function quotedString(text: string): { value: string; length: number } | undefined {
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') return { value, length: i + 1 };
    if (c === '\\') {
      const next = text[i + 1];
      if (next === undefined) return undefined;
      value += next;
      i++;
    } else {
      value += c;
    }
  }
  return undefined;
}

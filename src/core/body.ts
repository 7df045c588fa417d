import { fault } from './fault';

/** The most nested arrays/objects a JSON body may have; deeper bodies are refused before validation. */
export const MAX_JSON_DEPTH = 64;

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  if (contentType === 'application/json') return contentType;
  return contentType.split(';', 1)[0]!.trim().toLowerCase() || undefined;
}

/** True for `application/json` and the `+json` family (problem+json, merge-patch+json, ...). */
export function isJsonMedia(media: string | undefined): boolean {
  return media !== undefined && (media === 'application/json' || media.endsWith('+json'));
}

/**
 * Parses a JSON body, refusing malformed text and nesting deeper than MAX_JSON_DEPTH with a ParseError
 * fault. `__proto__` keys stay plain data (JSON.parse never assigns prototypes).
 */
export function parseJson(text: string): unknown {
  if (text.length > 2 * MAX_JSON_DEPTH && jsonDepth(text) > MAX_JSON_DEPTH) {
    throw fault('ParseError', `The request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw fault('ParseError', `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Parses an `application/x-www-form-urlencoded` body into an object of strings. A field given twice is refused
 * with a BadRequest fault: which one counts would be a guess (RFC 6749 §3.2: request parameters "MUST NOT be
 * included more than once").
 */
export function parseForm(text: string): Record<string, string> {
  const form: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of new URLSearchParams(text)) {
    if (key in form) throw fault('BadRequest', `The form field "${key}" is given more than once`);
    form[key] = value;
  }
  return { ...form };
}

/** The deepest nesting of brackets outside strings: a linear scan, no recursion. */
function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * What a client saw of one reply, in classes every transport can be compared by: it failed before any reply,
 * the reply came and reading its body failed, the body came whole but does not parse, or the whole reply came
 * (with how many pieces its body arrived in).
 */
export type NetworkOutcome =
  | { readonly saw: 'no reply'; readonly code: string | undefined }
  | { readonly saw: 'reply, then its body failed'; readonly status: number }
  | { readonly saw: 'a body that does not parse'; readonly status: number }
  | { readonly saw: 'the whole reply'; readonly status: number; readonly pieces: number };

/** The error code behind a failed fetch (Node's fetch puts it on `cause`; nock passes the error itself). */
function codeOf(error: unknown): string | undefined {
  const e = error as { code?: string; cause?: { code?: string } };
  return e.cause?.code ?? e.code;
}

/** Sends a request with fetch and says what it saw. */
export async function fetchOutcome(url: string, init: RequestInit): Promise<NetworkOutcome> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    return { saw: 'no reply', code: codeOf(error) };
  }
  const pieces: Uint8Array[] = [];
  try {
    const reader = response.body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) pieces.push(read.value);
  } catch {
    return { saw: 'reply, then its body failed', status: response.status };
  }
  return parsed(response.status, Buffer.concat(pieces).toString(), pieces.length);
}

/** Sends a request with node's http(s) module (what the AWS SDK uses) and says what it saw. */
export function httpOutcome(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string | undefined },
): Promise<NetworkOutcome> {
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let status: number | undefined;
    const req = send(url, { method: init.method, headers: init.headers }, (res) => {
      status = res.statusCode!;
      const pieces: Buffer[] = [];
      res.on('data', (piece: Buffer) => pieces.push(piece));
      res.on('error', () => resolve({ saw: 'reply, then its body failed', status: res.statusCode! }));
      res.on('end', () => resolve(parsed(res.statusCode!, Buffer.concat(pieces).toString(), pieces.length)));
    });
    // A reset after the reply began fails the request as well as the reply (the request's error first, on
    // some Node lines): what the client saw is still a reply whose body failed.
    req.on('error', (error) =>
      resolve(
        status === undefined
          ? { saw: 'no reply', code: codeOf(error) }
          : { saw: 'reply, then its body failed', status },
      ),
    );
    req.end(init.body);
  });
}

function parsed(status: number, text: string, pieces: number): NetworkOutcome {
  try {
    if (text !== '') JSON.parse(text);
  } catch {
    return { saw: 'a body that does not parse', status };
  }
  return { saw: 'the whole reply', status, pieces };
}

/** The class of outcome each network fault leaves a client of a reply with a JSON body. */
export const EXPECTED_OUTCOME = {
  'reset-before-headers': 'no reply',
  'empty-reply': 'no reply',
  hang: 'no reply',
  'reset-after-headers': 'reply, then its body failed',
  'truncated-body': 'reply, then its body failed',
  'malformed-body': 'a body that does not parse',
  'slow-body': 'the whole reply',
} as const;

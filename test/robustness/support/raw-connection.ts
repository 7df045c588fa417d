import type { Socket } from 'node:net';
import { connect } from 'node:net';

/** What a raw connection saw by the time it closed. */
export interface RawOutcome {
  /** Everything received, as latin1 text. */
  readonly received: string;
  /** The server closed its side cleanly (FIN), rather than resetting the connection. */
  readonly endedCleanly: boolean;
  /** The socket error seen, if any (e.g. ECONNRESET). */
  readonly error: string | undefined;
}

/** A raw TCP connection to a test server, for what fetch cannot send: pipelining, broken framing, resets. */
export interface RawConnection {
  readonly socket: Socket;
  /** Resolves when the connection has closed. */
  readonly closed: Promise<RawOutcome>;
  /** Everything received so far (latin1). */
  received(): string;
}

/** Opens a raw connection to 127.0.0.1:port; `read: false` leaves it paused (it never reads). */
export async function rawConnection(port: number, { read = true } = {}): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  let endedCleanly = false;
  let error: string | undefined;
  const closed = new Promise<RawOutcome>((resolve) => {
    socket.on('data', (data: Buffer) => (received += data.toString('latin1')));
    socket.on('end', () => (endedCleanly = true));
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on('close', () => resolve({ received, endedCleanly: endedCleanly && !error, error }));
  });
  if (!read) socket.pause();
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, closed, received: () => received };
}

/** One HTTP/1.1 response taken from the front of raw bytes (Content-Length framing), or undefined if incomplete. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Bytes of the input the response took. */
  readonly length: number;
}

/** Parses the first response in `text` (a status line, headers, and a body of Content-Length bytes). */
export function firstResponse(text: string): RawResponse | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const size = Number(headers['content-length'] ?? 0);
  if (text.length < end + 4 + size) return undefined;
  return {
    status: Number(statusLine!.split(' ')[1]),
    headers,
    body: text.slice(end + 4, end + 4 + size),
    length: end + 4 + size,
  };
}

/** Every complete response in `text`, in order. */
export function allResponses(text: string): RawResponse[] {
  const responses: RawResponse[] = [];
  for (let rest = text, next = firstResponse(rest); next; next = firstResponse(rest)) {
    responses.push(next);
    rest = rest.slice(next.length);
  }
  return responses;
}

/** Resolves once `value()` has stayed the same for `polls` polls in a row (the server stopped making progress). */
export async function untilSteady(value: () => number, polls = 10, everyMs = 50): Promise<number> {
  let last = value();
  for (let same = 0; same < polls;) {
    await new Promise((r) => setTimeout(r, everyMs));
    const now = value();
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return last;
}

/** Resolves once `ok()` holds (polled). */
export async function until(ok: () => boolean, everyMs = 10): Promise<void> {
  while (!ok()) await new Promise((r) => setTimeout(r, everyMs));
}

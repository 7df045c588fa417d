import type { IncomingMessage } from 'node:http';

/** The largest request body read (1 MiB); larger bodies get the API's own 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * How much of a body over MAX_BODY_BYTES is still read, and dropped, before the 413 is sent. A client that is
 * still sending when the server closes the connection gets a reset (the kernel answers unread data with RST)
 * and may lose the 413; reading the rest first lets the reply and the close arrive cleanly. Past this, the 413
 * is sent at once and the connection is closed.
 */
export const MAX_DISCARDED_BYTES = 16 * MAX_BODY_BYTES;

/** A request body as read: the text, or `tooLarge` (nothing kept) when it went over MAX_BODY_BYTES. */
export interface RequestBody {
  readonly rawBody: string;
  readonly tooLarge: boolean;
}

const TOO_LARGE: RequestBody = { rawBody: '', tooLarge: true };

/** Whether the request declares (Content-Length) a body over MAX_BODY_BYTES. */
export function declaresTooLarge(req: IncomingMessage): boolean {
  return Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES;
}

/**
 * Reads the body up to MAX_BODY_BYTES. A body over it (declared or sent) is read on and dropped up to
 * MAX_DISCARDED_BYTES, then reported `tooLarge`. Rejects when the client goes away.
 */
export function readBody(req: IncomingMessage): Promise<RequestBody> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_DISCARDED_BYTES) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES && declared <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      if (size > MAX_DISCARDED_BYTES) {
        req.pause();
        resolve(TOO_LARGE);
      }
    });
    req.on('end', () =>
      resolve(size > MAX_BODY_BYTES || declared > MAX_BODY_BYTES ? TOO_LARGE : bodyOf(chunks)),
    );
    req.on('error', reject);
  });
}

function bodyOf(chunks: Buffer[]): RequestBody {
  return {
    rawBody: chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'),
    tooLarge: false,
  };
}

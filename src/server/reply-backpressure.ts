import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Requests of a connection that wait for the replies before them, by connection. */
const waitingOn = new WeakMap<Socket, number>();

/**
 * Calls `answer` for a request once every earlier reply on its connection has been handed to the kernel, and
 * stops reading the connection meanwhile (RFC 9112 §9.3.2: pipelined requests are answered in order).
 *
 * node:http parses every pipelined request of a chunk it reads and only pauses the socket after, so a client
 * that sends many requests and never reads would otherwise have them all answered into memory. Here a request
 * behind an unflushed reply (its response has no socket yet) waits for its turn; the replies held in memory
 * are the one being written plus what the kernel buffers, however many requests were sent. A request that
 * comes when nothing is pending (the usual keep-alive case) is answered at once.
 */
export function inTurn(
  req: IncomingMessage,
  res: ServerResponse,
  answer: (req: IncomingMessage, res: ServerResponse) => void,
): void {
  if (res.socket !== null) {
    answer(req, res);
    return;
  }
  const socket = req.socket;
  const waiting = (waitingOn.get(socket) ?? 0) + 1;
  waitingOn.set(socket, waiting);
  if (waiting === 1) {
    socket.pause();
    // Reading a body, and node itself after a drain, resume the socket; it stays paused while requests wait.
    socket.on('resume', keepPaused);
  }
  res.once('socket', () => {
    const left = (waitingOn.get(socket) ?? 1) - 1;
    waitingOn.set(socket, left);
    if (left === 0) {
      socket.off('resume', keepPaused);
      socket.resume();
    }
    answer(req, res);
  });
}

function keepPaused(this: Socket): void {
  this.pause();
}

/**
 * Closes the connection of a reply that the kernel could not take at once and that the client has not read
 * within `ms`. A client that never reads would otherwise hold the reply in memory for as long as it keeps the
 * connection open.
 */
export function closeIfUnread(res: ServerResponse, ms: number): void {
  const socket = res.socket;
  if (socket === null || socket.writableLength === 0) return;
  const timer = setTimeout(() => socket.destroy(), ms);
  res.once('close', () => clearTimeout(timer));
}

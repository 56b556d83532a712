/**
 * Node's HTTP server answers requests it cannot parse (headers over its 16 KiB limit, a malformed
 * request line) by itself, with an empty body. The local API answers those in its own JSON error shape
 * instead, so a client sees `{ "error": { "code", "message" } }` for every 4xx.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

export function answerClientErrorsWithJson(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A client that went away needs no answer.
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const [status, text] = tooLarge ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
    const body = JSON.stringify({
      error: tooLarge
        ? { code: 'too-large', message: 'the request line and headers are over 16 KiB' }
        : { code: 'bad-request', message: 'the request could not be parsed as HTTP' },
    });
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}

import type { Duplex } from 'node:stream';

/** Answers a WebSocket upgrade with an HTTP status and why, in words, and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: string, words = ''): void {
  const body = Buffer.from(words);
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nCache-Control: no-store\r\n\r\n${words}`);
}

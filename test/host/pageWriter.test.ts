import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { pageWriter } from '../../src/main/host/pageSocket';

const quiet = { log: () => undefined };
const closers: Array<() => void> = [];
const sent: string[] = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

/** A real socket pair on 127.0.0.1: the server's end (the writer's) and what the page receives. */
async function pair(): Promise<{ server: WebSocket; received: Array<{ text: string; isBinary: boolean }>; page: WebSocket }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const accepted = new Promise<WebSocket>((r) => wss.once('connection', r));
  const page = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  const received: Array<{ text: string; isBinary: boolean }> = [];
  page.on('message', (d, isBinary) => received.push({ text: d.toString(), isBinary }));
  await new Promise((r) => page.once('open', r));
  const server = await accepted;
  // What the writer hands to the socket, and when: the real send, counted.
  const send = server.send.bind(server);
  sent.length = 0;
  server.send = ((data: Buffer | string, ...rest: [never]) => {
    sent.push(String(data).slice(0, 20));
    send(data, ...rest);
  }) as typeof server.send;
  closers.push(() => {
    page.terminate();
    wss.close();
  });
  return { server, received, page };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe("browser mode's page writer", () => {
  it('writes a long answer as one text message from its fragments, one a turn; what comes meanwhile follows it, in order', async () => {
    const { server, received } = await pair();
    const writer = pageWriter(server, quiet);
    const fragments = ['{"id":1,"result":{"ok":true,"value":"', ...Array.from({ length: 20 }, (_, i) => `part ${i} é `.repeat(1000)), '"}}'];
    writer.text('{"event":"before"}');
    writer.fragments(fragments.map((f) => Buffer.from(f)));
    // This turn wrote the first fragment only.
    expect(sent).toHaveLength(2);
    // Asked while the long answer is being written: they must not come between its fragments.
    writer.text('{"event":"during"}');
    writer.fragments([Buffer.from('{"id":2,'), Buffer.from('"result":{"ok":true,"value":2}}')]);
    writer.text('{"event":"after"}');
    await until(() => received.length === 5);
    expect(received.map((r) => r.text)).toEqual(['{"event":"before"}', fragments.join(''), '{"event":"during"}', '{"id":2,"result":{"ok":true,"value":2}}', '{"event":"after"}']);
    expect(received.every((r) => !r.isBinary)).toBe(true);
    expect(sent).toHaveLength(1 + 22 + 1 + 2 + 1);
  });

  it('a page that goes away halfway through a long answer: the rest and what waited are not sent', async () => {
    const { server, page } = await pair();
    const writer = pageWriter(server, quiet);
    writer.fragments(Array.from({ length: 50 }, () => Buffer.from('x'.repeat(100_000))));
    writer.text('{"event":"later"}');
    await new Promise((r) => setImmediate(r));
    server.terminate();
    page.terminate();
    await new Promise((r) => setTimeout(r, 100));
    writer.text('{"event":"after close"}');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThan(5);
    expect(sent.some((s) => s.startsWith('{"event"'))).toBe(false);
  });
});

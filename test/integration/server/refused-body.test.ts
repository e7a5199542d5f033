import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../helpers/server.js';

const DECLARED = 1_500_000; // over the 1 MiB limit

/** A client that declares a body over the limit, asks for the connection to close after, and sends the body in two parts. */
async function tooLargeUpload(url: string) {
  const { port } = new URL(url);
  const socket: Socket = connect({ host: '127.0.0.1', port: Number(port) });
  await new Promise((ready) => socket.once('connect', ready));
  let answer = '';
  let closedAt: number | undefined;
  let failure: Error | undefined;
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
  socket.on('error', (error) => (failure = error));
  const closed = new Promise<void>((done) =>
    socket.on('close', () => {
      closedAt = performance.now();
      done();
    }),
  );
  socket.write(
    `POST /v1/orders HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${DECLARED}\r\n\r\n`,
  );
  const send = (bytes: number) => new Promise<void>((done) => socket.write(Buffer.alloc(bytes, 'x'), () => done()));
  return { socket, send, closed, state: () => ({ answer, closedAt, failure }) };
}

describe('a request refused before its body was read', () => {
  it('is answered once the whole body has arrived, so the client reads the 413 instead of a reset', async () => {
    const server = await startTestServer();
    const client = await tooLargeUpload(server.url);
    await client.send(1_100_000); // past the limit: the server has refused it by now
    await sleep(300);
    // Before the fix the 413 went out here and the connection closed while the client was still sending.
    expect(client.state().closedAt).toBeUndefined();
    await client.send(DECLARED - 1_100_000);
    await client.closed;
    const { answer, failure } = client.state();
    expect(failure).toBeUndefined();
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"code":"body_too_large"');
  });

  it('is answered anyway when the rest of the body does not come', async () => {
    const server = await startTestServer();
    const client = await tooLargeUpload(server.url);
    const started = performance.now();
    await client.send(1_100_000);
    await client.closed;
    expect(client.state().answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(client.state().closedAt! - started).toBeLessThan(5_000);
  });
});

import { connect } from 'node:net';

export interface RawRequest {
  method: string;
  /** The request target exactly as sent: path and query, encoded or not. */
  target: string;
  /** Sent byte for byte, in order; a value may hold anything a hostile client sends (CR LF included). */
  headers: [string, string][];
  body?: Buffer;
  /** Another loopback address to come from (127.0.0.2…), so that failed authentications block only it. */
  localAddress?: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP/1.1 exchange over its own socket, without a client's validation: fetch and
 * node:http refuse to send the malformed requests a fuzzer needs. A hang is an error.
 */
export function rawRequest(port: number, request: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress: request.localAddress });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined); // the server may close on a malformed request after answering it
    socket.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks).toString('latin1');
      const parsed = parseResponse(raw);
      if (parsed) resolve(parsed);
      else reject(new Error(`no HTTP response (connection closed after ${raw.length} bytes)`));
    });
    const head = [`${request.method} ${request.target} HTTP/1.1`, 'host: 127.0.0.1', 'connection: close'];
    for (const [name, value] of request.headers) head.push(`${name}: ${value}`);
    const body = request.body ?? Buffer.alloc(0);
    if (!request.headers.some(([name]) => /^(content-length|transfer-encoding)$/i.test(name)) && body.length > 0)
      head.push(`content-length: ${body.length}`);
    socket.write(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]));
  });
}

function parseResponse(raw: string): RawResponse | null {
  const end = raw.indexOf('\r\n\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
  if (end < 0 || !status) return null;
  const lines = raw.slice(0, end).split('\r\n').slice(1);
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  let body = raw.slice(end + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  return { status: Number(status[1]), headers, body: Buffer.from(body, 'latin1').toString('utf8') };
}

function dechunk(text: string): string {
  let out = '';
  for (let at = 0; at < text.length; ) {
    const lineEnd = text.indexOf('\r\n', at);
    const size = parseInt(text.slice(at, lineEnd), 16);
    if (!(size > 0)) break;
    out += text.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
  return out;
}

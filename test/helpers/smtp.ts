import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { EmailSend } from '../../src/modules/messages/channel.js';

export interface ReceivedMail {
  parsed: ParsedMail;
  /** The message as it came over DATA, for assertions on the MIME structure itself. */
  raw: string;
  rcptTo: string[];
  /** TLS was in use (smtps:// or after STARTTLS). */
  secure: boolean;
}

/** A real smtp-server on 127.0.0.1 that keeps what it receives and counts connections. */
export interface LoopbackSmtp {
  port: number;
  /** smtp://127.0.0.1:<port>, or smtps:// when started with `secure: true`. */
  url: string;
  /** Accepted messages. */
  inbox: ReceivedMail[];
  /** Every message that reached the end of DATA, accepted or refused. */
  delivered: ReceivedMail[];
  /** Reply codes for the next RCPT TO / end of DATA, one per command; empty accepts. */
  refuse: { rcpt: number[]; data: number[] };
  connections: { opened: number; open: number };
  close(): Promise<void>;
}

/**
 * Plain SMTP without STARTTLS and without AUTH unless the options say otherwise, on 127.0.0.1
 * or on `host` (one of this machine's other addresses, to be reached as a remote server is).
 */
export async function startLoopbackSmtp(options: SMTPServerOptions = {}, host = '127.0.0.1'): Promise<LoopbackSmtp> {
  const seen: Pick<LoopbackSmtp, 'inbox' | 'delivered' | 'refuse' | 'connections'> = {
    inbox: [],
    delivered: [],
    refuse: { rcpt: [], data: [] },
    connections: { opened: 0, open: 0 },
  };
  const refusal = (code: number | undefined) =>
    code === undefined ? null : Object.assign(new Error(code < 500 ? 'Try again later' : 'No such user here'), { responseCode: code });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: options.secure ? [] : ['STARTTLS'],
    logger: false,
    // close() otherwise waits 30 s for a client's pooled connection to go.
    closeTimeout: 100,
    onConnect(_session, done) {
      seen.connections.opened += 1;
      seen.connections.open += 1;
      done();
    },
    onClose() {
      seen.connections.open -= 1;
    },
    onRcptTo(_address, _session, done) {
      done(refusal(seen.refuse.rcpt.shift()));
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then((parsed) => {
          const mail = {
            parsed,
            raw: raw.toString('utf8'),
            rcptTo: session.envelope.rcptTo.map((to) => to.address),
            secure: session.secure,
          };
          seen.delivered.push(mail);
          const refused = refusal(seen.refuse.data.shift());
          if (refused === null) seen.inbox.push(mail);
          done(refused);
        }, done);
      });
    },
    ...options,
  });
  // A client that gives up mid-handshake (the certificate test) surfaces as a server error.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(seen, {
    port,
    url: `${options.secure ? 'smtps' : 'smtp'}://${host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/**
 * A raw TCP server playing just enough SMTP to take a message, which at `stage` (the RCPT
 * command, or the end of the message) hands the socket to `misbehave` instead of replying: the
 * cases smtp-server can't stage, such as a server vanishing between the message and its 250.
 */
export async function startScriptedSmtp(
  stage: 'rcpt' | 'message',
  misbehave: (socket: Socket) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((socket) => {
    let buffered = '';
    let inData = false;
    socket.write('220 scripted ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (let end = buffered.indexOf('\r\n'); end >= 0; end = buffered.indexOf('\r\n')) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (inData) {
          if (line === '.' && stage === 'message') misbehave(socket);
        } else if (/^RCPT/i.test(line) && stage === 'rcpt') {
          misbehave(socket);
        } else if (/^DATA/i.test(line)) {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else {
          socket.write('250 ok\r\n');
        }
      }
    });
  });
  return listening(server, 'smtp');
}

/** Accepts connections and never says a word: no greeting, no reply. */
export function startSilentServer(): Promise<{ url: string; close(): Promise<void> }> {
  return listening(
    createServer(() => {}),
    'smtp',
  );
}

/** A port that was free a moment ago: connecting to it is refused. */
export async function closedPortUrl(): Promise<string> {
  const { url, close } = await listening(createServer(), 'smtp');
  await close();
  return url;
}

async function listening(server: Server, scheme: string): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let sequence = 0;

/** A message as the core hands it over: accented text in every part, one recipient. */
export function emailSend(overrides: Partial<EmailSend> = {}): EmailSend {
  const messageId = `msg_test${++sequence}`;
  return {
    messageId,
    to: 'ana@cliente.test',
    from: 'Loja da Bia <no-reply@loja.test>',
    content: {
      subject: 'Olá, Ana — pedido nº 1042 confirmado',
      text: 'Olá, Ana — pedido nº 1042 está pago. Obrigado!',
      html: '<p>Olá, Ana — pedido <strong>nº 1042</strong> está pago. Obrigado!</p>',
    },
    headerMessageId: `<${messageId}@loja.test>`,
    smtpUrl: null,
    ...overrides,
  };
}

export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

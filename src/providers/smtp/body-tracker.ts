import type { Transporter } from 'nodemailer';

/**
 * Remembers which messages' bodies have started going out, so a broken connection can be told
 * apart: before DATA nothing reached the server and a retry is safe; after it the server may have
 * queued the message, and the retry may duplicate it (reference §3). Nodemailer's errors don't
 * say (a drop is `ECONNECTION` at `CONN` either way), but the pool pipes the body into the socket
 * only once the server has answered DATA with 354, so the body stream being resumed is the signal.
 */
export class BodyTracker {
  readonly #started = new Set<string>();

  constructor(mailer: Transporter) {
    mailer.use('stream', (mail, done) => {
      const messageId = mail.data.messageId;
      if (messageId !== undefined) {
        mail.message.processFunc((body) => body.once('resume', () => this.#started.add(messageId)));
      }
      done();
    });
  }

  started(messageId: string): boolean {
    return this.#started.has(messageId);
  }

  forget(messageId: string): void {
    this.#started.delete(messageId);
  }
}

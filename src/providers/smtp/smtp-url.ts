import { BlockList, isIP } from 'node:net';
import { ChannelError } from '../../modules/messages/channel.js';

/** Where and how to reach one SMTP server, as `BAAS_SMTP_URL` / `--smtp-url` spell it (API.md §1). */
export interface SmtpTarget {
  host: string;
  port: number;
  /** `smtps://`: TLS from the first byte. `smtp://`: STARTTLS when the server offers it, plain otherwise. */
  secure: boolean;
  auth: { user: string; pass: string } | null;
  /**
   * `smtp://` with a login to a host across the network: STARTTLS is required, so the password is
   * never sent in the clear (a server that does not offer it, or a network that strips the offer,
   * pauses the store's email instead). Over loopback the login never leaves the machine.
   */
  requireTls: boolean;
  /** `host:port`, safe to show: error messages and logs name the server with this, never with the URL. */
  address: string;
}

const DEFAULT_PORT = { 'smtps:': 465, 'smtp:': 587 } as const;

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Parses `smtps://user:pass@host:465` or `smtp://host:587`; the user and password are
 * URL-decoded (a `@` in a password is written `%40`). Throws `pause`/`smtp_invalid_url`: a
 * malformed URL is a store's configuration problem. The URL never appears in the error (nor in
 * its cause: Node's URL error keeps the input), since it may hold the password.
 */
export function parseSmtpUrl(smtpUrl: string): SmtpTarget {
  const url = URL.canParse(smtpUrl) ? new URL(smtpUrl) : null;
  if (url === null || !(url.protocol in DEFAULT_PORT) || url.hostname === '') {
    throw invalid('expected smtps://user:pass@host:465 or smtp://host:587');
  }
  const port = url.port === '' ? DEFAULT_PORT[url.protocol as keyof typeof DEFAULT_PORT] : Number(url.port);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let auth: SmtpTarget['auth'] = null;
  try {
    if (url.username !== '') auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
  } catch {
    throw invalid('the user or password has a malformed %-escape');
  }
  const secure = url.protocol === 'smtps:';
  return { host, port, secure, auth, requireTls: !secure && auth !== null && !isLoopback(host), address: `${url.hostname}:${port}` };
}

/** A loopback address (IPv4-mapped forms included) or `localhost`: a name that only resolves to loopback is taken as remote. */
function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  const family = isIP(host);
  return family !== 0 && LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

function invalid(problem: string): ChannelError {
  return new ChannelError('pause', 'smtp_invalid_url', `Invalid SMTP URL: ${problem} (check the store's --smtp-url or BAAS_SMTP_URL)`);
}

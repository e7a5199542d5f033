import { describe, expect, it } from 'vitest';
import { ChannelError } from '../../../src/modules/messages/channel.js';
import { classifySmtpError, type SmtpFailureContext } from '../../../src/providers/smtp/classify-smtp-error.js';

const context: SmtpFailureContext = {
  server: { address: 'smtp.example.com:465', port: 465, secure: true, requireTls: false },
  dataSent: false,
  from: 'no-reply@loja.test',
  to: 'ana@cliente.test',
};

/** An error the way nodemailer shapes it: `code`, `command`, `response`, `responseCode`, sometimes `originalCode`. */
function smtpError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

const reply = (code: string, response: string, command: string) =>
  smtpError(`failed: ${response}`, { code, response, responseCode: Number(response.slice(0, 3)), command });
const network = (code: string, originalCode?: string, extra: Record<string, unknown> = {}) =>
  smtpError(`${code} happened`, { code, originalCode, command: 'CONN', ...extra });

describe('classifySmtpError', () => {
  it.each([
    // The reference's observed table (email.md §2).
    ['wrong password', reply('EAUTH', '535 5.7.8 Authentication credentials invalid', 'AUTH PLAIN'), 'pause', 'smtp_auth_failed'],
    ['554 after DATA', reply('EMESSAGE', '554 5.7.1 Message rejected as spam', 'DATA'), 'permanent', 'smtp_554'],
    ['only recipient rejected with 550', reply('EENVELOPE', '550 5.1.1 No such user', 'RCPT TO'), 'permanent', 'smtp_550'],
    ['only recipient rejected with 451', reply('EENVELOPE', '451 4.3.0 Try again later', 'RCPT TO'), 'retry', 'smtp_451'],
    ['port closed', network('ESOCKET', 'ECONNREFUSED'), 'retry', 'smtp_connection_failed'],
    ['server silent', network('ETIMEDOUT', undefined, { timeoutType: 'GREETING_TIMEOUT' }), 'retry', 'smtp_timeout'],
    ['requireTLS, no STARTTLS', reply('ETLS', '500 5.5.1 STARTTLS not supported', 'STARTTLS'), 'pause', 'smtp_tls_failed'],
    // Configuration: pause the store's email.
    ['credentials not provided', smtpError('Missing credentials', { code: 'ENOAUTH', command: 'API' }), 'pause', 'smtp_auth_required'],
    ['OAuth2 token refresh failed', smtpError('invalid_grant', { code: 'EOAUTH2' }), 'pause', 'smtp_auth_failed'],
    ['invalid transport configuration', smtpError('bad option', { code: 'ECONFIG' }), 'pause', 'smtp_config_invalid'],
    [
      'REQUIRETLS unsupported',
      smtpError('Server does not support REQUIRETLS', { code: 'EREQUIRETLS', command: 'MAIL FROM' }),
      'pause',
      'smtp_tls_required',
    ],
    [
      '530 authentication required on MAIL',
      reply('EENVELOPE', '530 5.7.0 Authentication required', 'MAIL FROM'),
      'pause',
      'smtp_auth_required',
    ],
    ['530 STARTTLS first', reply('EENVELOPE', '530 5.7.0 Must issue a STARTTLS command first', 'MAIL FROM'), 'pause', 'smtp_tls_required'],
    ['534 mechanism too weak', reply('EAUTH', '534 5.7.9 Authentication mechanism is too weak', 'AUTH PLAIN'), 'pause', 'smtp_auth_failed'],
    ['expired certificate', network('ESOCKET', 'CERT_HAS_EXPIRED'), 'pause', 'smtp_tls_certificate'],
    ['self-signed certificate over STARTTLS', network('ETLS', 'DEPTH_ZERO_SELF_SIGNED_CERT'), 'pause', 'smtp_tls_certificate'],
    ['host name not in the certificate', network('ESOCKET', 'ERR_TLS_CERT_ALTNAME_INVALID'), 'pause', 'smtp_tls_certificate'],
    ['smtps:// against a plain port', network('ESOCKET', 'ERR_SSL_WRONG_VERSION_NUMBER'), 'pause', 'smtp_tls_failed'],
    // Transient: retry.
    ['421 service not available', reply('ECONNECTION', '421 4.7.0 Try again later, closing connection', 'CONN'), 'retry', 'smtp_421'],
    ['450 mailbox busy', reply('EENVELOPE', '450 4.2.1 Mailbox busy', 'RCPT TO'), 'retry', 'smtp_450'],
    ['452 insufficient storage', reply('EENVELOPE', '452 4.3.1 Insufficient system storage', 'RCPT TO'), 'retry', 'smtp_452'],
    [
      '454 temporary authentication failure',
      reply('EAUTH', '454 4.7.0 Temporary authentication failure', 'AUTH PLAIN'),
      'retry',
      'smtp_454',
    ],
    ['5xx with a transient enhanced code', reply('EMESSAGE', '550 4.4.7 Message delayed', 'DATA'), 'retry', 'smtp_550'],
    ['503 bad sequence', reply('EENVELOPE', '503 5.5.1 Bad sequence of commands', 'RCPT TO'), 'retry', 'smtp_503'],
    ['connection closed', network('ECONNECTION'), 'retry', 'smtp_connection_failed'],
    ['connection reset', network('ESOCKET', 'ECONNRESET'), 'retry', 'smtp_connection_failed'],
    ['DNS failure', network('EDNS', 'ENOTFOUND'), 'retry', 'smtp_dns_failed'],
    ['proxy failure', network('EPROXY'), 'retry', 'smtp_connection_failed'],
    ['bare ECONNREFUSED', network('ECONNREFUSED'), 'retry', 'smtp_connection_failed'],
    // Permanent: fail the message.
    ['551 user not local', reply('EENVELOPE', '551 5.1.6 User not local', 'RCPT TO'), 'permanent', 'smtp_551'],
    ['552 message too big', reply('EMESSAGE', '552 5.3.4 Message size exceeds fixed limit', 'DATA'), 'permanent', 'smtp_552'],
    ['553 sender not allowed', reply('EENVELOPE', '553 5.7.1 Sender address rejected', 'MAIL FROM'), 'permanent', 'smtp_553'],
    [
      'invalid address nodemailer refused itself',
      smtpError('Invalid recipient "x"', { code: 'EENVELOPE', command: 'API' }),
      'permanent',
      'smtp_invalid_address',
    ],
    // Unknown: retry (the core caps attempts).
    ['protocol garbage', smtpError('Invalid greeting', { code: 'EPROTOCOL', command: 'CONN' }), 'retry', 'smtp_error'],
    ['a plain Error', new Error('something odd'), 'retry', 'smtp_error'],
    ['not even an Error', 'boom', 'retry', 'smtp_error'],
  ])('%s → %s %s', (_scenario, error, disposition, code) => {
    const classified = classifySmtpError(error, context);
    expect(classified).toBeInstanceOf(ChannelError);
    expect(classified).toMatchObject({ disposition, code, outcomeUnknown: false, cause: error });
  });

  it('marks a connection lost after DATA as outcome unknown, and only then', () => {
    for (const error of [network('ECONNECTION'), network('ETIMEDOUT', undefined, { timeoutType: 'SOCKET_TIMEOUT' })]) {
      expect(classifySmtpError(error, { ...context, dataSent: true })).toMatchObject({ disposition: 'retry', outcomeUnknown: true });
    }
    // A reply is an answer: the server said what it did with the message.
    expect(classifySmtpError(reply('EMESSAGE', '451 4.3.0 Try later', 'DATA'), { ...context, dataSent: true })).toMatchObject({
      outcomeUnknown: false,
    });
  });

  it('words messages for the operator: server, reply, command and the fix', () => {
    const login = classifySmtpError(reply('EAUTH', '535 5.7.8 Authentication credentials invalid', 'AUTH PLAIN'), context);
    expect(login.message).toBe(
      "SMTP server smtp.example.com:465 refused the login (535 5.7.8 Authentication credentials invalid at AUTH PLAIN): check the user and password in the store's --smtp-url",
    );
    const recipient = classifySmtpError(reply('EENVELOPE', '550 5.1.1 No such user', 'RCPT TO'), context);
    expect(recipient.message).toBe(
      'SMTP server smtp.example.com:465 refused the recipient ana@cliente.test (550 5.1.1 No such user at RCPT TO)',
    );
    const sender = classifySmtpError(reply('EENVELOPE', '553 5.7.1 Sender address rejected', 'MAIL FROM'), context);
    expect(sender.message).toMatch(/refused the sender no-reply@loja\.test .*check the store's --smtp-from$/);
  });

  it('hints at smtps:// when a plain connection to port 465 gets no greeting', () => {
    const server = { address: 'smtp.example.com:465', port: 465, secure: false, requireTls: false };
    const error = network('ETIMEDOUT', undefined, { timeoutType: 'GREETING_TIMEOUT' });
    expect(classifySmtpError(error, { ...context, server }).message).toMatch(/use smtps:\/\/$/);
  });

  it('passes a ChannelError through untouched', () => {
    const original = new ChannelError('pause', 'smtp_invalid_url', 'Invalid SMTP URL');
    expect(classifySmtpError(original, context)).toBe(original);
  });
});

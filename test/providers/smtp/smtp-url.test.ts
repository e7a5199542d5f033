import { describe, expect, it } from 'vitest';
import { parseSmtpUrl } from '../../../src/providers/smtp/smtp-url.js';

describe('parseSmtpUrl', () => {
  it.each([
    ['smtps://user:pass@smtp.example.com:465', { host: 'smtp.example.com', port: 465, secure: true, auth: { user: 'user', pass: 'pass' } }],
    ['smtp://smtp.example.com:587', { host: 'smtp.example.com', port: 587, secure: false, auth: null }],
    ['smtps://smtp.example.com', { port: 465, secure: true }],
    ['smtp://smtp.example.com', { port: 587, secure: false }],
    [
      'smtp://no-reply%40loja.test:p%40ss%3Aw%C3%B6rd@smtp.example.com:2525',
      { port: 2525, auth: { user: 'no-reply@loja.test', pass: 'p@ss:wörd' } },
    ],
    ['smtp://[::1]:25', { host: '::1', port: 25, address: '[::1]:25' }],
  ])('%s', (url, expected) => {
    expect(parseSmtpUrl(url)).toMatchObject(expected);
  });

  it.each([
    ['smtp://user:pass@smtp.example.com:587', true],
    ['smtp://user:pass@192.168.1.5:25', true],
    ['smtp://smtp.example.com:587', false],
    ['smtps://user:pass@smtp.example.com:465', false],
    ['smtp://user:pass@127.0.0.1:2525', false],
    ['smtp://user:pass@127.0.0.2:2525', false],
    ['smtp://user:pass@localhost:1025', false],
    ['smtp://user:pass@[::1]:25', false],
    ['smtp://user:pass@[::ffff:127.0.0.1]:25', false],
  ])('%s requires STARTTLS: %s', (url, requireTls) => {
    expect(parseSmtpUrl(url).requireTls).toBe(requireTls);
  });

  it('names the server without the credentials', () => {
    expect(parseSmtpUrl('smtps://user:pass@smtp.example.com:465').address).toBe('smtp.example.com:465');
  });

  it.each(['http://user:s3cr3t@smtp.example.com', 'smtp://', 'not a url s3cr3t', 'smtp://user:%E0%A4%A@smtp.example.com'])(
    'refuses %s without repeating it',
    (url) => {
      let thrown: unknown;
      try {
        parseSmtpUrl(url);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ disposition: 'pause', code: 'smtp_invalid_url' });
      expect((thrown as Error).message).not.toMatch(/s3cr3t|%E0/);
      expect((thrown as Error).cause).toBeUndefined();
    },
  );
});

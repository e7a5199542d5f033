import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../helpers/server.js';
import { storedText } from '../../helpers/stored-text.js';

const SECRETS = {
  'mercadopago.access_token': 'APP_USR-5555123412341234-112511-d1e2f3a4b5c6d7e8f9a0-99887766',
  'mercadopago.webhook_secret': 'whsecretmp0123456789abcdef',
  'whatsapp.access_token': 'EAAGm0PX4ZCpsBAKZAZBvery-secret-token',
  'whatsapp.app_secret': 'appsecret0123456789abcdef',
  'smtp.url': 'smtps://mailer:Sup3rS3cretPass@smtp.example.com:465',
};

describe('store credentials', () => {
  it('are stored sealed, shown masked, and opened only for the providers', async () => {
    const server = await startTestServer();
    const { store } = await server.instance.stores.create({
      name: 'Loja',
      currency: 'BRL',
      locale: 'pt-BR',
      credentials: { ...SECRETS, 'mercadopago.public_key': 'APP_USR-pub-0f1e2d3c', 'whatsapp.phone_number_id': '1234567890' },
      credentialsMode: 'live',
    });
    const view = await server.instance.stores.show(store.id);
    expect(view.credentials.test).toEqual({});
    expect(view.credentials.live).toEqual({
      'mercadopago.access_token': 'APP_USR-…7766',
      'mercadopago.public_key': 'APP_USR-pub-0f1e2d3c',
      'mercadopago.webhook_secret': '…cdef',
      'smtp.url': 'smtps://mailer:***@smtp.example.com:465',
      'whatsapp.access_token': 'EAA…oken',
      'whatsapp.app_secret': '…cdef',
      'whatsapp.phone_number_id': '1234567890',
    });
    expect(await server.instance.stores.credentials(store.id, 'live')).toMatchObject(SECRETS);

    await server.stop();
    const bytes = await storedText(server.instance.config);
    for (const secret of Object.values(SECRETS)) expect(bytes).not.toContain(secret);
    expect(bytes).not.toContain('Sup3rS3cretPass');
    for (const secret of Object.values(SECRETS)) expect(server.logs.join('')).not.toContain(secret);
  });

  it('can be replaced and removed per mode', async () => {
    const server = await startTestServer();
    const { store } = await server.instance.stores.create({ name: 'Loja', currency: 'BRL', locale: 'pt-BR' });
    await server.instance.stores.update(store.id, { credentials: { 'mercadopago.access_token': 'TEST-111111111111' } });
    await server.instance.stores.update(store.id, { credentials: { 'mercadopago.access_token': 'TEST-222222222222' } });
    expect(await server.instance.stores.credentials(store.id, 'test')).toEqual({ 'mercadopago.access_token': 'TEST-222222222222' });
    await server.instance.stores.update(store.id, { credentials: { 'mercadopago.access_token': null } });
    expect(await server.instance.stores.credentials(store.id, 'test')).toEqual({});
  });

  it('refuses invalid values with the field named', async () => {
    const server = await startTestServer();
    const { store } = await server.instance.stores.create({ name: 'Loja', currency: 'BRL', locale: 'pt-BR' });
    await expect(server.instance.stores.update(store.id, { credentials: { 'smtp.url': 'http://x' } })).rejects.toMatchObject({
      status: 400,
      param: 'smtp.url',
    });
    await expect(server.instance.stores.update(store.id, { currency: 'EUR' })).rejects.toMatchObject({ status: 400, param: 'currency' });
    await expect(server.instance.stores.update(store.id, { timezone: 'Mars/Olympus' })).rejects.toMatchObject({ param: 'timezone' });
  });
});

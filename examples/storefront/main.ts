import { startStorefront } from './storefront.js';

const apiKey = process.env.BAAS_API_KEY;
if (!apiKey) {
  console.error('Set BAAS_API_KEY to a test secret key (sk_test_…): `npm start` prints the demo store’s on its first run.');
  process.exit(1);
}

const storefront = await startStorefront({
  baasUrl: process.env.BAAS_URL ?? 'http://127.0.0.1:4000',
  apiKey,
  host: process.env.HOST,
  port: process.env.PORT ? Number(process.env.PORT) : undefined,
  publicUrl: process.env.PUBLIC_URL,
});
console.log(`Storefront on ${storefront.url} (webhooks at ${storefront.url}/webhooks). Ctrl-C stops it.`);

process.once('SIGINT', () => {
  storefront.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});

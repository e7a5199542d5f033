import type * as MercadoPagoSdk from 'mercadopago';
import { lazyRequire } from '../../shared/lazy-require.js';

/**
 * The Mercado Pago SDK, loaded by the first call to Mercado Pago rather than at start: every
 * command (`baas stores list`…) and every idle server would otherwise pay its load time and memory.
 */
export const mercadoPagoSdk = lazyRequire<typeof MercadoPagoSdk>('mercadopago');

import type { TemplateData } from '../messages/template-data.js';
import { localeChain } from './locale-chain.js';
import type { TemplateLocale, TemplateName } from './template-names.js';

type SampleOrder = NonNullable<TemplateData['order']>;
type SamplePayment = NonNullable<TemplateData['payment']>;

/** What a preview renders with: a realistic order for the locale, and its store's time zone. */
export interface TemplateSample {
  data: TemplateData;
  timeZone: string;
}

interface Shop {
  store: TemplateData['store'];
  timeZone: string;
  order: SampleOrder;
  /** The approved card payment of the order. */
  card: SamplePayment;
  /** Waiting for the customer: Pix in Brazil, a payment slip elsewhere. */
  pending: SamplePayment;
  retryUrl: string;
}

interface OrderSpec {
  id: string;
  number: string;
  currency: string;
  items: [sku: string, name: string, quantity: number, unitAmount: number][];
  shipping: number;
  customer: SampleOrder['customer'];
  createdAt: string;
}

function sampleOrder(spec: OrderSpec): SampleOrder {
  const items = spec.items.map(([sku, name, quantity, unitAmount]) => ({
    sku,
    name,
    quantity,
    unit_amount: unitAmount,
    amount: quantity * unitAmount,
  }));
  const subtotal = items.reduce((sum, item) => sum + item.amount, 0);
  return {
    id: spec.id,
    object: 'order',
    status: 'pending',
    external_id: spec.number,
    number: spec.number,
    currency: spec.currency,
    items,
    amount_subtotal: subtotal,
    shipping_amount: spec.shipping,
    amount_total: subtotal + spec.shipping,
    amount_paid: 0,
    amount_refunded: 0,
    customer: spec.customer,
    notify: { email: true, whatsapp: true },
    metadata: {},
    livemode: false,
    created_at: spec.createdAt,
    updated_at: spec.createdAt,
  };
}

function samplePayment(order: SampleOrder, method: SamplePayment['method'], pix: SamplePayment['pix']): SamplePayment {
  // A card is approved at once; Pix and payment slips wait for the customer.
  const status = method === 'card' ? 'approved' : 'pending';
  const detail = method === 'card' ? 'accredited' : 'pending_waiting_transfer';
  return {
    id: order.id.replace(/^ord_/, 'pay_'),
    object: 'payment',
    order_id: order.id,
    status,
    status_detail: detail,
    amount: order.amount_total,
    amount_refunded: 0,
    currency: order.currency,
    method,
    installments: method === 'card' ? 1 : null,
    provider: 'mercadopago',
    provider_payment_id: '1325476981',
    provider_status: status,
    provider_status_detail: detail,
    pix,
    livemode: false,
    created_at: order.created_at,
    updated_at: order.created_at,
  };
}

// A 100×100 PNG that looks like a QR code (it encodes nothing: this is sample data).
const SAMPLE_QR_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAGQAAABkAQAAAABYmaj5AAAAd0lEQVR42t2TsQ3AMAgE2eD335INLjKxHZdA4SIUSNc8/AvMzCS5Y7OSJBCjBCUaIkNFpirhQrcI5vTlIUdvNPBllqMIaKgAXiAXxmw3KIyuViCOqlB33t9z2VewVXIUV7e3zlN8cYf2F4f3Eh1XUKLWvKa/Zp4P3AzbI40E0HoAAAAASUVORK5CYII=';

function shop(
  store: Shop['store'],
  timeZone: string,
  spec: OrderSpec,
  pending: { method: SamplePayment['method']; pix: SamplePayment['pix'] },
  retryUrl: string,
): Shop {
  const order = sampleOrder(spec);
  return {
    store,
    timeZone,
    order,
    card: samplePayment(order, 'card', null),
    pending: samplePayment(order, pending.method, pending.pix),
    retryUrl,
  };
}

const SHOPS: Record<TemplateLocale, Shop> = {
  'pt-BR': shop(
    { name: 'Loja da Ana', contact_email: 'contato@lojadaana.com.br' },
    'America/Sao_Paulo',
    {
      id: 'ord_01jq3v6z8m4c2r9t7w5x0y1k3n',
      number: '1042',
      currency: 'BRL',
      items: [
        ['CAM-ALG-M', 'Camiseta básica de algodão (M)', 2, 3990],
        ['CAN-CER-01', 'Caneca de cerâmica artesanal', 1, 3510],
      ],
      shipping: 1500,
      customer: { name: 'Beatriz Souza', email: 'beatriz.souza@example.com', phone: '+5511987654321', locale: 'pt-BR' },
      createdAt: '2026-03-12T02:30:00.000Z',
    },
    {
      method: 'pix',
      pix: {
        qr_code:
          '00020126580014br.gov.bcb.pix0136b1e8f7a2-4c3d-4e5f-9a8b-7c6d5e4f3a2b5204000053039865406129.905802BR5911LOJA DA ANA6009SAO PAULO62070503***6304A1F3',
        qr_code_base64: SAMPLE_QR_PNG,
        ticket_url:
          'https://www.mercadopago.com.br/payments/1325476981/ticket?caller_id=1873569022&hash=5b0e5a1c-3f0a-4a8e-9a54-2f8f8f0c6d11',
        expires_at: '2026-03-13T02:30:00.000Z',
      },
    },
    'https://lojadaana.com.br/pedido/1042/pagamento',
  ),
  es: shop(
    { name: 'Almacén Don Julio', contact_email: 'hola@almacendonjulio.com.ar' },
    'America/Argentina/Buenos_Aires',
    {
      id: 'ord_01jq4a2b7c9d3e5f6g8h0j1k2m',
      number: 'A-2087',
      currency: 'ARS',
      items: [
        ['YER-ORG-1K', 'Yerba mate orgánica 1 kg', 2, 650000],
        ['MAT-CAL-01', 'Mate de calabaza con bombilla', 1, 1899000],
      ],
      shipping: 450000,
      customer: { name: 'Lucía Fernández', email: 'lucia.fernandez@example.com', phone: '+5491155551234', locale: 'es-AR' },
      createdAt: '2026-03-12T14:05:00.000Z',
    },
    {
      method: 'ticket',
      pix: {
        qr_code: null,
        qr_code_base64: null,
        ticket_url: 'https://www.mercadopago.com.ar/payments/1325476982/ticket?caller_id=1873569023&payment_method_id=rapipago',
        expires_at: '2026-03-15T02:59:59.000Z',
      },
    },
    'https://almacendonjulio.com.ar/pedidos/A-2087/pagar',
  ),
  en: shop(
    { name: 'Andes Outdoor Co.', contact_email: null },
    'America/Santiago',
    {
      id: 'ord_01jq5c8d2e4f6g7h9j0k1m3n4p',
      number: 'CL-5531',
      currency: 'CLP',
      items: [
        ['BEA-MER-01', 'Merino wool beanie', 1, 19990],
        ['SOC-HIK-3P', 'Hiking socks (3-pack)', 2, 12990],
      ],
      shipping: 3990,
      customer: { name: 'Emily Carter', email: 'emily.carter@example.com', phone: '+56912345678', locale: 'en' },
      createdAt: '2026-03-12T19:45:00.000Z',
    },
    {
      method: 'ticket',
      pix: {
        qr_code: null,
        qr_code_base64: null,
        ticket_url: 'https://www.mercadopago.cl/payments/1325476983/ticket?caller_id=1873569024',
        expires_at: null,
      },
    },
    'https://andesoutdoor.cl/orders/CL-5531/pay',
  ),
};

const paid = (order: SampleOrder): SampleOrder => ({ ...order, status: 'paid', amount_paid: order.amount_total });

/** Each template's moment in the order's life. */
const MOMENTS: Record<TemplateName, (shop: Shop) => Omit<TemplateData, 'store' | 'customer'>> = {
  order_confirmation: ({ order }) => ({ order }),
  order_paid: ({ order, card }) => ({ order: paid(order), payment: card }),
  payment_pending: ({ order, pending }) => ({ order, payment: pending }),
  payment_rejected: ({ order, card, retryUrl }) => ({
    order,
    payment: {
      ...card,
      status: 'rejected',
      status_detail: 'cc_rejected_insufficient_amount',
      provider_status: 'rejected',
      provider_status_detail: 'cc_rejected_insufficient_amount',
    },
    retry_url: retryUrl,
  }),
  order_refunded: ({ order, card }) => {
    // One item sent back.
    const refunded = order.items[0]!.unit_amount;
    return {
      order: { ...paid(order), status: 'partially_refunded', amount_refunded: refunded },
      payment: { ...card, status: 'partially_refunded', amount_refunded: refunded },
    };
  },
  order_cancelled: ({ order }) => ({ order: { ...order, status: 'cancelled' } }),
};

/** Sample data for a template in a locale: a Brazilian order for pt-BR, an Argentine one for es, a Chilean one for en. */
export function templateSample(name: TemplateName, locale: string): TemplateSample {
  const key = localeChain(locale).find((candidate): candidate is TemplateLocale => Object.hasOwn(SHOPS, candidate)) ?? 'en';
  const shop = SHOPS[key];
  return { data: { store: shop.store, customer: shop.order.customer, ...MOMENTS[name](shop) }, timeZone: shop.timeZone };
}

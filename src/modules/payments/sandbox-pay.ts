import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../../config/load.js';
import type { Orm } from '../../db/orm.js';
import { SANDBOX_MERCADOPAGO_PATH } from '../../server/app.js';
import { AppError, EXIT, invalidState, notFound, SetupError } from '../../shared/errors.js';
import { PROCESS_NOTIFICATION } from '../notifications/mercadopago-inbox.js';
import { OrderSchema, type Order } from '../orders/order.entity.js';
import type { StoreService } from '../stores/store.service.js';
import type { CheckoutService } from './checkout.service.js';
import { PaymentProviderError, type PaymentStatus } from './payment-provider.js';
import { PaymentSchema, type Payment } from './payment.entity.js';
import type { ProviderRegistry } from './provider-registry.js';
import { canTransition } from './state-machine.js';

/** What `baas sandbox pay --status` may ask the simulator for. */
export const SANDBOX_PAY_STATUSES = ['approved', 'rejected', 'pending'] as const;
export type SandboxPayStatus = (typeof SANDBOX_PAY_STATUSES)[number];

/** Payments the simulator can still move: the newest of these with a provider id is driven directly. */
const OPEN_STATUSES: PaymentStatus[] = ['pending', 'in_process', 'authorized'];

const PROBE_TIMEOUT_MS = 3_000;
const CONTROL_TIMEOUT_MS = 15_000;
const POLL_MS = 100;

export interface SandboxPayOptions {
  status: SandboxPayStatus;
  /** How long to wait for the notification to come back and be applied. */
  timeoutMs: number;
  /** Told what is happening: each step, then what the database shows while waiting. */
  onProgress?: (message: string) => void;
  pollMs?: number;
}

export interface SandboxPayResult {
  order: Order;
  payment: Payment;
  /** Where the server answers (what the CLI talked to). */
  serverUrl: string;
  /** `forced`: an existing payment was moved; `checkout`: paid through a new Checkout Pro link; `unchanged`: nothing to do. */
  via: 'forced' | 'checkout' | 'unchanged';
  checkoutId: string | null;
  /** Something the operator should know (why nothing changed). */
  notes: string[];
  elapsedMs: number;
}

/** What to wait for: our payment by id, or the one the server records for a new simulator payment. */
type WaitTarget = { paymentId: string } | { providerPaymentId: string; checkoutId: string };

export interface SandboxPayDeps {
  config: Config;
  orm: Orm;
  stores: StoreService;
  providers: ProviderRegistry;
  checkouts: CheckoutService;
}

/**
 * Where the running server answers, from the same configuration it started with: a wildcard
 * listen address is reached over loopback. Port 0 (a random port) cannot be guessed.
 */
export function localServerUrl(config: Pick<Config, 'host' | 'port'>): string {
  if (config.port === 0) {
    throw new SetupError(
      [
        'port: BAAS_PORT is 0 (a random port), so there is no telling where the server listens. Fix: set BAAS_PORT to the port `baas start` listens on',
      ],
      EXIT.config,
    );
  }
  const host = config.host === '0.0.0.0' || config.host === '::' || config.host === '' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

/**
 * `baas sandbox pay`: drives the built-in Mercado Pago simulator of the running server the way
 * a buyer (or Mercado Pago) would, so the payment changes there and a notification comes back
 * to the server, whose job reads the payment back and applies it — exactly as in production.
 * Nothing is written to our payments here: we only wait until the server has applied it.
 */
export class SandboxPay {
  constructor(
    private readonly deps: SandboxPayDeps,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async pay(orderId: string, options: SandboxPayOptions): Promise<SandboxPayResult> {
    const { config } = this.deps;
    const startedAt = Date.now();
    const progress = options.onProgress ?? (() => {});
    if (!config.sandbox) {
      throw invalidState(
        'sandbox_off',
        'The sandbox is off (BAAS_SANDBOX=false): there is no Mercado Pago simulator to pay in. Turn it on (BAAS_SANDBOX=true) and restart `baas start`.',
      );
    }
    const serverUrl = localServerUrl(config);
    const order = await this.payableOrder(orderId);
    const storeId = order.store.id;
    await this.probe(serverUrl);

    const notes: string[] = [];
    // The CLI talks to the server's simulator itself, exactly as the server would.
    this.deps.providers.useSandboxAt(`${serverUrl}${SANDBOX_MERCADOPAGO_PATH}`, serverUrl);
    const open = await this.openPayment(order);
    let target: WaitTarget;
    let via: SandboxPayResult['via'];
    let checkoutId: string | null = null;

    if (open) {
      if (options.status === 'pending') {
        notes.push(`Payment ${open.id} is already ${open.status}: nothing to change.`);
        return { order, payment: open, serverUrl, via: 'unchanged', checkoutId, notes, elapsedMs: Date.now() - startedAt };
      }
      if (!canTransition(open.status, options.status)) {
        throw invalidState(
          'transition_not_allowed',
          `Payment ${open.id} of order ${order.id} is ${open.status}; Mercado Pago never moves a ${open.status} payment to ${options.status}.`,
        );
      }
      await this.checkSimulatorHas(storeId, open);
      progress(`Moving Mercado Pago payment ${open.providerPaymentId} (${open.id}) to ${options.status} in the simulator…`);
      await this.control(serverUrl, `/payments/${encodeURIComponent(open.providerPaymentId!)}/status`, { status: options.status });
      target = { paymentId: open.id };
      via = 'forced';
    } else {
      const checkout = await this.deps.checkouts.create({ storeId, mode: 'test', requestId: null }, order.id, {});
      checkoutId = checkout.id;
      progress(`Paying Checkout Pro link ${checkout.id} with status ${options.status} in the simulator…`);
      const paid = await this.control(serverUrl, `/preferences/${encodeURIComponent(checkout.providerPreferenceId)}/pay`, {
        status: options.status,
      });
      target = { providerPaymentId: String((paid.body as { id?: unknown }).id), checkoutId: checkout.id };
      via = 'checkout';
    }

    const settled = await this.waitFor(order, target, options, progress, startedAt);
    return { ...settled, serverUrl, via, checkoutId, notes, elapsedMs: Date.now() - startedAt };
  }

  private async payableOrder(orderId: string): Promise<Order> {
    // An operator command: the order may be in any store, so no tenant filter.
    const order = await this.deps.orm.em.fork().findOne(OrderSchema, { id: orderId }, { filters: false });
    if (!order) throw notFound('resource_missing', `No such order: ${orderId}`);
    if (order.livemode) {
      throw invalidState(
        'livemode_order',
        `Order ${order.id} is a live-mode order: live payments happen in Mercado Pago itself, never in the simulator.`,
      );
    }
    if (order.status !== 'pending') {
      throw invalidState('order_not_payable', `Order ${order.id} is ${order.status}; only pending orders can be paid.`);
    }
    const credentials = await this.deps.stores.credentials(order.store.id, 'test');
    if (credentials['mercadopago.access_token']) {
      throw invalidState(
        'provider_configured',
        `Store ${order.store.id} has its own Mercado Pago credentials for test mode, so its payments live in Mercado Pago, not in the built-in simulator; pay there with Mercado Pago's test cards.`,
      );
    }
    return order;
  }

  /** The newest payment of the order the simulator can still move. */
  private async openPayment(order: Order): Promise<Payment | null> {
    const [payment] = await this.deps.orm.em
      .fork()
      .find(
        PaymentSchema,
        { store: order.store.id, livemode: false, orderId: order.id, status: { $in: OPEN_STATUSES }, providerPaymentId: { $ne: null } },
        { filters: false, orderBy: { createdAt: 'desc', id: 'desc' }, limit: 1 },
      );
    return payment ?? null;
  }

  /** The server answers, and serves its simulator. */
  private async probe(serverUrl: string): Promise<void> {
    const health = await this.request(serverUrl, '/healthz', { method: 'GET' }, PROBE_TIMEOUT_MS);
    if (!health.ok) {
      throw new SetupError(
        [
          `something answers at ${serverUrl} but it is not a baas server (GET /healthz answered ${health.status}); check BAAS_HOST/BAAS_PORT`,
        ],
        EXIT.unavailable,
      );
    }
    const simulator = await this.request(serverUrl, `${SANDBOX_MERCADOPAGO_PATH}/__control/config`, { method: 'GET' }, PROBE_TIMEOUT_MS);
    if (simulator.status === 404) {
      throw invalidState(
        'sandbox_off',
        `The baas server at ${serverUrl} runs with the sandbox off, so it serves no Mercado Pago simulator. Restart it with BAAS_SANDBOX=true.`,
      );
    }
    if (!simulator.ok) {
      throw new AppError(
        502,
        'provider_error',
        'sandbox_unavailable',
        `The simulator at ${serverUrl}${SANDBOX_MERCADOPAGO_PATH} answered ${simulator.status}.`,
      );
    }
  }

  /**
   * The simulator keeps its payments in the server's memory and numbers them from the same start
   * on every server start: after a restart the id we hold may be unknown there, or name another
   * payment. Either way, forcing it would not move ours.
   */
  private async checkSimulatorHas(storeId: string, payment: Payment): Promise<void> {
    const provider = await this.deps.providers.forStore(storeId, 'test');
    const read = await provider.getPayment(payment.providerPaymentId!).catch((error: unknown) => {
      if (error instanceof PaymentProviderError && error.providerHttpStatus === 404) return null;
      throw error;
    });
    const ours = payment.checkoutId ?? payment.id;
    if (!read || read.externalReference !== ours) {
      throw invalidState(
        'simulator_payment_lost',
        `The simulator no longer has Mercado Pago payment ${payment.providerPaymentId} of ${payment.id}: it keeps payments in the server's memory, so they are gone after a restart. That payment cannot be moved any more.`,
      );
    }
  }

  private async control(serverUrl: string, path: string, body: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    const response = await this.request(
      serverUrl,
      `${SANDBOX_MERCADOPAGO_PATH}/__control${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      CONTROL_TIMEOUT_MS,
    );
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    if (!response.ok) {
      const message = (parsed as { message?: unknown } | null)?.message;
      throw new AppError(
        502,
        'provider_error',
        'sandbox_control_failed',
        `The simulator refused POST ${path}: ${typeof message === 'string' ? message : text.slice(0, 200) || 'no reason given'} (HTTP ${response.status}).`,
      );
    }
    return { status: response.status, body: parsed };
  }

  private async request(serverUrl: string, path: string, init: RequestInit, timeoutMs: number): Promise<Response> {
    try {
      return await this.fetchImpl(`${serverUrl}${path}`, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new SetupError(
        [`no baas server answers at ${serverUrl} (${reason}); start it with \`baas start\` (same BAAS_HOST/BAAS_PORT as this command)`],
        EXIT.unavailable,
      );
    }
  }

  /**
   * Polls the database until the server has applied the notification: the payment shows the
   * wanted status (and an approved payment has paid the order). Bounded by the timeout.
   */
  private async waitFor(
    order: Order,
    target: WaitTarget,
    options: SandboxPayOptions,
    progress: (message: string) => void,
    startedAt: number,
  ): Promise<{ order: Order; payment: Payment }> {
    const deadline = startedAt + options.timeoutMs;
    const where =
      'paymentId' in target
        ? { id: target.paymentId }
        : { store: order.store.id, livemode: false, providerPaymentId: target.providerPaymentId };
    let lastSeen = '';
    for (;;) {
      const em = this.deps.orm.em.fork();
      const payment = await em.findOne(PaymentSchema, where, { filters: false });
      const current = await em.findOneOrFail(OrderSchema, { id: order.id }, { filters: false });
      const seen = payment
        ? `payment ${payment.id} ${payment.status}, order ${current.id} ${current.status}`
        : `no payment recorded yet for Mercado Pago payment ${(target as { providerPaymentId: string }).providerPaymentId}, order ${current.id} ${current.status}`;
      if (seen !== lastSeen) {
        progress(`waiting for the notification… (${seen})`);
        lastSeen = seen;
      }
      if (payment && 'checkoutId' in target && payment.checkoutId !== target.checkoutId) {
        throw invalidState(
          'simulator_payment_id_reused',
          `The simulator gave the new payment id ${target.providerPaymentId}, which ${payment.id} (order ${payment.orderId}) already had: it numbers payments from the same start on every server start, so after a restart its ids repeat those in the database and the notification went to ${payment.id}. Use a fresh data dir for sandbox runs that span restarts.`,
        );
      }
      if (payment && payment.status === options.status && (options.status !== 'approved' || current.status !== 'pending')) {
        return { order: current, payment };
      }
      if (Date.now() >= deadline) {
        throw new AppError(
          504,
          'provider_error',
          'sandbox_timeout',
          `Still not ${options.status} after ${formatSeconds(options.timeoutMs)}: last seen ${seen}. The simulator moved the payment; see whether its notification arrived and its job ran with \`baas jobs list --type ${PROCESS_NOTIFICATION}\` and read the server's log.`,
        );
      }
      await sleep(Math.min(options.pollMs ?? POLL_MS, Math.max(0, deadline - Date.now())));
    }
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

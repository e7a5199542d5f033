import { Args, Flags, ux } from '@oclif/core';
import { BaasCommand } from '../../cli/base-command.js';
import { parseDuration } from '../../cli/duration-flag.js';
import { orderJson } from '../../modules/orders/order.json.js';
import { paymentJson } from '../../modules/payments/payment.json.js';
import { SANDBOX_PAY_STATUSES, SandboxPay, type SandboxPayResult, type SandboxPayStatus } from '../../modules/payments/sandbox-pay.js';
import { CURRENCY_EXPONENTS, isCurrency } from '../../shared/currency.js';

export default class SandboxPayCommand extends BaasCommand {
  static override summary = "Pay a test order in the running server's Mercado Pago simulator";
  static override description = `Drives the built-in Mercado Pago simulator of the running server (\`baas start\` with the sandbox on): the payment changes there and the simulator's notification comes back to /hooks/mercadopago/<store>, where the server reads the payment back and applies it, exactly as in production. The command then waits until the order shows it.

If the order has a payment still open in the simulator (a Pix payment waiting for its transfer, a card in review…), that payment moves to --status. Otherwise the order is paid through a new Checkout Pro link, as a buyer would on Mercado Pago's page.

Only pending test-mode orders of stores without their own Mercado Pago credentials can be paid here. The server is found with the same configuration it starts with (BAAS_HOST / BAAS_PORT).`;

  static override examples = [
    { description: 'Approve an order (the default)', command: '<%= config.bin %> <%= command.id %> ord_01jq3v6z8m4c2r9t7w5x0y1k3n' },
    {
      description: 'Decline it: the payment is rejected, the order stays pending',
      command: '<%= config.bin %> <%= command.id %> ord_01jq3v6z8m4c2r9t7w5x0y1k3n --status rejected',
    },
    {
      description: 'Leave it pending (a Pix waiting for its transfer), then approve it later',
      command: '<%= config.bin %> <%= command.id %> ord_01jq3v6z8m4c2r9t7w5x0y1k3n --status pending',
    },
    {
      description: 'For a script: the order and its payment as the API shows them',
      command: '<%= config.bin %> <%= command.id %> ord_01jq3v6z8m4c2r9t7w5x0y1k3n --timeout 30s --json',
    },
  ];

  static override args = {
    order_id: Args.string({ required: true, description: 'the test-mode order to pay (ord_…)' }),
  };

  static override flags = {
    status: Flags.string({ description: 'what the payment becomes', options: [...SANDBOX_PAY_STATUSES], default: 'approved' }),
    timeout: Flags.string({ description: 'how long to wait for the notification to be applied: 5s, 30s, 2m', default: '15s' }),
  };

  async run() {
    const { args, flags } = await this.parse(SandboxPayCommand);
    const timeoutMs = parseDuration(flags.timeout, { flag: 'timeout', max: '10m', note: 'the default is 15s' });
    const status = flags.status as SandboxPayStatus;
    const spinner = process.stderr.isTTY && !this.jsonEnabled();
    return this.withInstance(async (instance) => {
      if (spinner) ux.action.start(`Paying ${args.order_id} in the sandbox`);
      let result: SandboxPayResult;
      try {
        result = await new SandboxPay(instance).pay(args.order_id, {
          status,
          timeoutMs,
          onProgress: (message) => {
            if (spinner) ux.action.status = message;
          },
        });
      } catch (error) {
        if (spinner) ux.action.stop('failed');
        throw error;
      }
      if (spinner) ux.action.stop(result.via === 'unchanged' ? 'nothing to do' : `done in ${(result.elapsedMs / 1000).toFixed(1)} s`);
      for (const line of this.resultLines(result)) this.log(line);
      // --json keeps stdout to the one object; what the operator should know still reaches them.
      if (this.jsonEnabled()) for (const note of result.notes) process.stderr.write(`${note}\n`);
      return { order: orderJson(result.order), payment: paymentJson(result.payment) };
    });
  }

  private resultLines({ order, payment, serverUrl, via, checkoutId, notes }: SandboxPayResult): string[] {
    const lines = [...notes];
    if (via !== 'unchanged') {
      lines.push(
        via === 'checkout'
          ? `The buyer paid on Checkout Pro link ${checkoutId} (${payment.status}); the simulator's notification reached the server and was applied.`
          : `Moved Mercado Pago payment ${payment.providerPaymentId} to ${payment.status} in the simulator; its notification reached the server and was applied.`,
      );
    }
    lines.push(
      `  order    ${order.id}  ${order.status}  (paid ${money(order.amountPaid, order.currency)} of ${money(order.amountTotal, order.currency)})`,
      `  payment  ${payment.id}  ${payment.status}${payment.providerStatusDetail ? ` (${payment.providerStatusDetail})` : ''}  ${payment.method}, Mercado Pago payment ${payment.providerPaymentId ?? '—'}`,
      'See it through the API with a test secret key of the store:',
      `  curl -s ${serverUrl}/v1/orders/${order.id} -H "Authorization: Bearer sk_test_…"`,
    );
    return lines;
  }
}

function money(minor: number, currency: string): string {
  const exponent = isCurrency(currency) ? CURRENCY_EXPONENTS[currency] : 2;
  return `${(minor / 10 ** exponent).toFixed(exponent)} ${currency}`;
}

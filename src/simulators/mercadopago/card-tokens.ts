import { randomBytes } from 'node:crypto';
import { asObject } from './context.js';
import { mpDate } from './dates.js';
import { badRequest } from './errors.js';
import type { CardToken, SimulatorState } from './state.js';

/** The BR test Visa of reference §10: the default card when a control only names the holder. */
export const TEST_CARD = { card_number: '4235647728025682', security_code: '123', expiration_month: 11 } as const;

/**
 * What Bricks does in the browser: card data in, single-use token out. The error codes are
 * the card-token API's own (string `E301`…), from MP's published list, unverified here.
 */
export function issueCardToken(state: SimulatorState, body: Record<string, unknown>, publicKey: string | null) {
  const number = String(body.card_number ?? '').replace(/[\s-]/g, '');
  if (!/^\d{13,19}$/.test(number)) throw badRequest('E301', 'Invalid card_number');
  const securityCode = String(body.security_code ?? '');
  if (!/^\d{3,4}$/.test(securityCode)) throw badRequest('E302', 'Invalid security_code');
  const month = Number(body.expiration_month);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw badRequest(325, 'Invalid expiration_month');
  const year = Number(body.expiration_year);
  if (!Number.isInteger(year) || year < new Date().getFullYear() || year > 9999) throw badRequest(326, 'Invalid expiration_year');
  const cardholder = asObject(body.cardholder);
  const name = typeof cardholder?.name === 'string' ? cardholder.name.trim() : '';
  if (!name) throw badRequest(221, 'Invalid cardholder.name');
  const identification = asObject(cardholder?.identification);

  const now = new Date();
  const token: CardToken = {
    id: randomBytes(16).toString('hex'),
    cardholderName: name,
    identification: {
      type: typeof identification?.type === 'string' ? identification.type : null,
      number: typeof identification?.number === 'string' ? identification.number : null,
    },
    firstSixDigits: number.slice(0, 6),
    lastFourDigits: number.slice(-4),
    expirationMonth: month,
    expirationYear: year,
    used: false,
    dateCreated: mpDate(now),
  };
  state.tokens.set(token.id, token);
  return {
    id: token.id,
    public_key: publicKey,
    card_id: null,
    status: 'active',
    date_created: token.dateCreated,
    date_last_updated: token.dateCreated,
    date_due: mpDate(new Date(now.getTime() + 7 * 24 * 60 * 60 * 1000)),
    luhn_validation: true,
    live_mode: false,
    require_esc: false,
    card_number_length: number.length,
    security_code_length: securityCode.length,
    first_six_digits: token.firstSixDigits,
    last_four_digits: token.lastFourDigits,
    expiration_month: month,
    expiration_year: year,
    cardholder: { name, identification: token.identification },
  };
}

/** Test cardholder names decide the result of a card payment (reference §10). */
export interface Outcome {
  status: string;
  status_detail: string;
}

export const OUTCOMES: Readonly<Record<string, Outcome>> = {
  APRO: { status: 'approved', status_detail: 'accredited' },
  OTHE: { status: 'rejected', status_detail: 'cc_rejected_other_reason' },
  CONT: { status: 'in_process', status_detail: 'pending_contingency' },
  CALL: { status: 'rejected', status_detail: 'cc_rejected_call_for_authorize' },
  FUND: { status: 'rejected', status_detail: 'cc_rejected_insufficient_amount' },
  SECU: { status: 'rejected', status_detail: 'cc_rejected_bad_filled_security_code' },
  EXPI: { status: 'rejected', status_detail: 'cc_rejected_bad_filled_date' },
  FORM: { status: 'rejected', status_detail: 'cc_rejected_bad_filled_other' },
};

/**
 * Unknown names are approved: MP documents only the names above, and a sandbox buyer typing
 * their own name expects the happy path.
 */
export function outcomeFor(cardholderName: string, options: { binaryMode: boolean; capture: boolean }): Outcome {
  const outcome = OUTCOMES[cardholderName.trim().toUpperCase()] ?? OUTCOMES.APRO!;
  // binary_mode allows only approved/rejected (§2); the rejection detail MP uses here is unverified.
  if (options.binaryMode && outcome.status === 'in_process') return { status: 'rejected', status_detail: 'cc_rejected_other_reason' };
  if (!options.capture && outcome.status === 'approved') return { status: 'authorized', status_detail: 'pending_capture' };
  return outcome;
}

/** The detail a forced status gets when the control does not name one. */
export const DEFAULT_DETAIL: Readonly<Record<string, string>> = {
  pending: 'pending_waiting_payment',
  approved: 'accredited',
  authorized: 'pending_capture',
  in_process: 'pending_review_manual',
  in_mediation: 'in_process', // unverified: MP documents no detail list for disputes
  rejected: 'cc_rejected_other_reason',
  cancelled: 'by_collector',
  refunded: 'refunded',
  charged_back: 'settled', // unverified
};

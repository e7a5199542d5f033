const E164 = /^\+[1-9]\d{6,14}$/;

/** What `to` carries: the E.164 number without its `+`, or null when the number is not E.164 at all. */
export function sendingDigits(e164: string): string | null {
  return E164.test(e164) ? e164.slice(1) : null;
}

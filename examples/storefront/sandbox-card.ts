/**
 * In production the card token comes from Mercado Pago Bricks in the buyer's browser (with the
 * public key from `baas.publicConfig.retrieve()`). Against the sandbox, baas' built-in Mercado
 * Pago simulator hands out tokens for its test cardholders: APRO is approved, OTHE rejected,
 * CONT left pending.
 */
export async function sandboxCardToken(baasUrl: string, cardholder: string): Promise<string> {
  const response = await fetch(`${baasUrl}/sandbox/mercadopago/__control/card_tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cardholder_name: cardholder }),
  });
  if (!response.ok) throw new Error(`the sandbox gave no card token (${response.status}): is baas running with BAAS_SANDBOX on?`);
  return ((await response.json()) as { id: string }).id;
}

/**
 * Pix "copia e cola" payload: an EMV BR Code with a CRC16 so storefront code that parses or
 * validates it sees something real-shaped. The QR image is a fixed 1×1 PNG placeholder: drawing
 * a real QR code would need a dependency and no test reads the pixels.
 */
const PLACEHOLDER_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export function pixTransactionData(paymentId: number, amount: number, baseUrl: string) {
  return {
    qr_code: brCode(`sim${paymentId}`, amount),
    qr_code_base64: PLACEHOLDER_PNG_BASE64,
    ticket_url: `${baseUrl}/payments/${paymentId}/ticket`,
    transaction_id: null,
  };
}

function field(id: string, value: string): string {
  return id + String(value.length).padStart(2, '0') + value;
}

function brCode(txid: string, amount: number): string {
  const account = field('00', 'br.gov.bcb.pix') + field('01', `sandbox-${txid}@mercadopago.invalid`);
  const payload =
    field('00', '01') +
    field('26', account) +
    field('52', '0000') +
    field('53', '986') +
    field('54', amount.toFixed(2)) +
    field('58', 'BR') +
    field('59', 'BAAS SANDBOX') +
    field('60', 'SAO PAULO') +
    field('62', field('05', txid.slice(0, 25))) +
    '6304';
  return payload + crc16(payload);
}

/** CRC16-CCITT (0x1021, init 0xFFFF), as the BR Code spec requires. */
function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

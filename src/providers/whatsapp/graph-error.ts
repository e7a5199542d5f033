/**
 * Why a Graph API call did not give us a wamid. `graph` is Meta's own error (from the HTTP
 * answer, or from a `failed` status webhook's `errors[]`); the others are the cases where Meta
 * said nothing we can read, some of which leave the outcome unknown (reference §3).
 */
export type WhatsAppFailure =
  | {
      kind: 'graph';
      code: number;
      subcode?: number | null;
      /** Meta's message or title, e.g. `(#132001) Template name does not exist in the translation`. */
      message?: string | null;
      /** `error_data.details`: the specific reason, what Meta says to branch on besides the code. */
      details?: string | null;
      type?: string | null;
      fbtraceId?: string | null;
      httpStatus?: number | null;
    }
  /** No answer within the timeout: Meta may have taken the message. */
  | { kind: 'timeout'; timeoutMs: number }
  /** The connection broke after the request went out: Meta may have taken the message. */
  | { kind: 'reset'; reason: string }
  /** The connection never opened (DNS, refused): nothing was sent. */
  | { kind: 'unreachable'; reason: string }
  /** An answer without a Graph error or a wamid in it (a proxy's page, a bodiless 5xx, a 200 we cannot read). */
  | { kind: 'http'; httpStatus: number };

/** What the Graph client throws: the failure, and a message fit for a log line. */
export class GraphApiError extends Error {
  constructor(
    readonly failure: WhatsAppFailure,
    options: { cause?: unknown } = {},
  ) {
    super(describe(failure), options);
    this.name = 'GraphApiError';
  }
}

function describe(failure: WhatsAppFailure): string {
  switch (failure.kind) {
    case 'graph':
      return `WhatsApp answered ${failure.httpStatus ?? 'with'} error ${failure.code}: ${failure.details ?? failure.message ?? 'no message'}`;
    case 'timeout':
      return `WhatsApp did not answer within ${failure.timeoutMs} ms`;
    case 'reset':
      return `The connection to WhatsApp broke: ${failure.reason}`;
    case 'unreachable':
      return `Could not reach WhatsApp: ${failure.reason}`;
    case 'http':
      return `WhatsApp answered HTTP ${failure.httpStatus} without a Graph API body`;
  }
}

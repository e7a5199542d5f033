import { GraphApiError } from './graph-error.js';
import { arrayOf, asObject, text } from './json.js';

/** What a 200 from `POST /{phone-number-id}/messages` tells us (reference §1, "Persist"). */
export interface GraphSendResult {
  wamid: string;
  /** `accepted`, `held_for_quality_assessment` (template pacing), or null when Meta leaves it out. */
  messageStatus: string | null;
  /** May differ from the number we sent to (old Brazilian accounts, Mexico's 521): store it verbatim. */
  waId: string | null;
  /** `to` as Meta read it. */
  input: string | null;
  httpStatus: number;
}

/** The Graph API's answer → the send result, or a GraphApiError saying what went wrong. */
export function parseSendResponse(httpStatus: number, raw: string): GraphSendResult {
  const body = asObject(parseJson(raw));
  const error = asObject(body?.error);
  if (error && typeof error.code === 'number') {
    const data = asObject(error.error_data);
    throw new GraphApiError({
      kind: 'graph',
      code: error.code,
      subcode: typeof error.error_subcode === 'number' ? error.error_subcode : null,
      message: text(error.message),
      details: text(data?.details),
      type: text(error.type),
      fbtraceId: text(error.fbtrace_id),
      httpStatus,
    });
  }
  const message = asObject(arrayOf(body?.messages)[0]);
  const contact = asObject(arrayOf(body?.contacts)[0]);
  const wamid = text(message?.id);
  // A 2xx without a wamid is as good as no answer: the message may have gone.
  if (httpStatus < 200 || httpStatus > 299 || !wamid) throw new GraphApiError({ kind: 'http', httpStatus });
  return {
    wamid,
    messageStatus: text(message?.message_status),
    waId: text(contact?.wa_id),
    input: text(contact?.input),
    httpStatus,
  };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

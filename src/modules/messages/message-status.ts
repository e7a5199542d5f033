/** A message's life: queued → sent → delivered → read, or failed before it was delivered. */
export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'read', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

const RANK: Record<Exclude<MessageStatus, 'failed'>, number> = { queued: 0, sent: 1, delivered: 2, read: 3 };

/**
 * Whether a status update moves the message on. Providers repeat and reorder their updates
 * (WhatsApp may even skip `delivered`), so only forward moves apply: anything at or behind
 * the current status is a harmless duplicate. A failure counts only until the message was
 * delivered; a failed message stays failed.
 */
export function advances(current: MessageStatus, next: MessageStatus): boolean {
  if (current === 'failed') return false;
  if (next === 'failed') return current === 'queued' || current === 'sent';
  return RANK[next] > RANK[current];
}

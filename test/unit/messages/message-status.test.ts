import { describe, expect, it } from 'vitest';
import { advances, MESSAGE_STATUSES, type MessageStatus } from '../../../src/modules/messages/message-status.js';

describe('message status moves', () => {
  it('only forward along queued → sent → delivered → read, skipping steps allowed', () => {
    expect(advances('queued', 'sent')).toBe(true);
    expect(advances('sent', 'delivered')).toBe(true);
    expect(advances('delivered', 'read')).toBe(true);
    // Meta skips `delivered` when delivery and reading happen together.
    expect(advances('sent', 'read')).toBe(true);
    expect(advances('queued', 'read')).toBe(true);
  });

  it('never backwards, and a repeat is no move', () => {
    expect(advances('read', 'delivered')).toBe(false);
    expect(advances('delivered', 'sent')).toBe(false);
    expect(advances('sent', 'sent')).toBe(false);
    expect(advances('read', 'read')).toBe(false);
  });

  it('fails only what has not been delivered, and a failure is final', () => {
    expect(advances('queued', 'failed')).toBe(true);
    expect(advances('sent', 'failed')).toBe(true);
    expect(advances('delivered', 'failed')).toBe(false);
    expect(advances('read', 'failed')).toBe(false);
    for (const next of MESSAGE_STATUSES) expect(advances('failed', next as MessageStatus)).toBe(false);
  });
});

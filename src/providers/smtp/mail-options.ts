import type { MailComposerOptions } from 'nodemailer';
import type { EmailSend } from '../../modules/messages/channel.js';

/**
 * The one description of a message that both the SMTP transport and the sandbox mailbox compose,
 * so a `.eml` in the mailbox is byte-for-byte the kind of message a relay would receive: both
 * parts (multipart/alternative) and the same Message-ID on every attempt. File and URL access are
 * off: the content is rendered from templates and customer data and must never make nodemailer
 * read a path or fetch a URL.
 */
export function mailOptions(message: EmailSend): MailComposerOptions {
  return {
    from: message.from,
    to: message.to,
    subject: message.content.subject,
    text: message.content.text,
    html: message.content.html,
    messageId: message.headerMessageId,
    // The Pix QR code is a data: image, which Gmail and Outlook do not show inline: sent as a CID attachment instead.
    attachDataUrls: true,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type MailComposerType from 'nodemailer/lib/mail-composer';
import { lazyRequire } from '../../shared/lazy-require.js';
import { ChannelError, type EmailSend, type SendOutcome } from '../../modules/messages/channel.js';
import { mailOptions } from './mail-options.js';

const mailComposer = lazyRequire<typeof MailComposerType>('nodemailer/lib/mail-composer');

/** Our ids are `msg_` plus letters and digits; anything else could name a path outside the mailbox. */
const SAFE_FILE_NAME = /^[A-Za-z0-9_-]+$/;
/** The mailbox can't be written until an operator fixes it (permissions, a file in the way); retrying won't help. */
const UNUSABLE_DIR = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST']);

/**
 * The sandbox's email: the complete MIME message as `<mailDir>/<messageId>.eml`. Written to a
 * dot-named temporary file and renamed into place, so a reader (a test, a mail viewer watching
 * the folder) never sees half a message, and a retry replaces the file instead of adding one.
 */
export async function writeToMailbox(mailDir: string, message: EmailSend): Promise<SendOutcome> {
  if (!SAFE_FILE_NAME.test(message.messageId)) {
    throw new ChannelError(
      'permanent',
      'mailbox_invalid_message_id',
      `Message id ${JSON.stringify(message.messageId)} cannot name a mailbox file`,
    );
  }
  const path = join(mailDir, `${message.messageId}.eml`);
  const temporary = join(mailDir, `.${message.messageId}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const MailComposer = mailComposer();
    const mime = await new MailComposer(mailOptions(message)).compile().build();
    await mkdir(mailDir, { recursive: true });
    await writeFile(temporary, mime);
    await rename(temporary, path);
  } catch (error) {
    // Cleanup fails too when the directory is unusable; the write's own error is the one to report.
    await rm(temporary, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (UNUSABLE_DIR.has(code)) {
      throw new ChannelError(
        'pause',
        'mailbox_not_writable',
        `Cannot write the sandbox mailbox ${mailDir} (${code}): BAAS_DATA_DIR must hold a writable mail directory`,
        { cause: error },
      );
    }
    throw new ChannelError('retry', 'mailbox_write_failed', `Writing ${path} failed: ${(error as Error).message}`, { cause: error });
  }
  return { providerMessageId: message.headerMessageId, response: `written to ${path}` };
}

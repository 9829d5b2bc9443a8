import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@social/kit';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The action link, logged only when mail goes to the dev mailbox. */
  link: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl?: string;
  from: string;
  devMailboxDir: string;
  logger: Logger;
}

/** SMTP when SMTP_URL is set; otherwise every message becomes an .eml file in the dev mailbox. */
export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl ? smtpMailer(options.smtpUrl, options) : devMailboxMailer(options);
}

function smtpMailer(url: string, options: MailerOptions): Mailer {
  // Bounded timeouts: a hung mail server must not hold a sign-up request open for minutes.
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  } as nodemailer.TransportOptions);
  return {
    async send(mail) {
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
    },
    close: () => transport.close(),
  };
}

function devMailboxMailer(options: MailerOptions): Mailer {
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  const log = options.logger.child({ component: 'dev-mailbox' });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
      await mkdir(options.devMailboxDir, { recursive: true, mode: 0o700 });
      const file = path.join(
        options.devMailboxDir,
        `${Date.now()}-${randomBytes(4).toString('hex')}.eml`,
      );
      await writeFile(file, info.message as Buffer, { mode: 0o600 });
      // Development only (no SMTP_URL): the link is how a developer completes the flow.
      log.info(
        { to: mail.to, subject: mail.subject, file, link: mail.link },
        'mail written to the dev mailbox',
      );
    },
    close: () => transport.close(),
  };
}

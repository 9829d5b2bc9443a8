import type { OutgoingMail } from './mailer';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `action` null: a notice, no link. */
function layout(
  greetingName: string,
  paragraphs: string[],
  action: { link: string; label: string } | null,
): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const button = action
    ? `\n<p><a href="${escapeHtml(action.link)}">${escapeHtml(action.label)}</a></p>
<p style="color:#666">If the button does not work, paste this address into your browser:<br>${escapeHtml(action.link)}</p>`
    : '';
  return `<!doctype html>
<html><body style="font-family: sans-serif; line-height: 1.5">
<p>Hi ${escapeHtml(greetingName)},</p>
${body}${button}
</body></html>`;
}

/** A mail with one action: its lines, the link, then what to do if it was not you. */
function linkMail(
  to: string,
  displayName: string,
  content: { subject: string; lines: string[]; closing: string; link: string; label: string },
): OutgoingMail {
  const { subject, lines, closing, link, label } = content;
  return {
    to,
    subject,
    text: `Hi ${displayName},\n\n${lines.join('\n')}\n\n${link}\n\n${closing}\n`,
    html: layout(displayName, [...lines, closing], { link, label }),
    link,
  };
}

/** A mail that only tells: its lines, no link. */
function noticeMail(
  to: string,
  displayName: string,
  content: { subject: string; lines: string[] },
): OutgoingMail {
  const { subject, lines } = content;
  return {
    to,
    subject,
    text: `Hi ${displayName},\n\n${lines.join('\n')}\n`,
    html: layout(displayName, lines, null),
    link: '',
  };
}

export function verificationMail(
  to: string,
  displayName: string,
  link: string,
  hours: number,
): OutgoingMail {
  return linkMail(to, displayName, {
    subject: 'Confirm your email address',
    lines: [
      `Welcome! Confirm your email address to finish signing up.`,
      `The link works once and expires in ${hours} hours.`,
    ],
    closing: 'If you did not sign up, ignore this message.',
    link,
    label: 'Confirm my email',
  });
}

export function passwordResetMail(
  to: string,
  displayName: string,
  link: string,
  minutes: number,
): OutgoingMail {
  return linkMail(to, displayName, {
    subject: 'Reset your password',
    lines: [
      'Someone asked to reset the password of your account.',
      `The link works once and expires in ${minutes} minutes. Resetting logs out every session.`,
    ],
    closing: 'If it was not you, ignore this message: your password stays as it is.',
    link,
    label: 'Choose a new password',
  });
}

/** To the new address: the link that moves the account there. */
export function emailChangeMail(
  to: string,
  displayName: string,
  link: string,
  hours: number,
): OutgoingMail {
  return linkMail(to, displayName, {
    subject: 'Confirm your new email address',
    lines: [
      'Someone asked to use this address for your account.',
      `Confirm it to make the change; the link works once and expires in ${hours} hours.`,
    ],
    closing: 'If it was not you, ignore this message: nothing changes.',
    link,
    label: 'Use this address',
  });
}

/**
 * To the old address, with no link: the owner learns of the request even if the session
 * that made it was not theirs, while the address still works (it changes only on confirm).
 */
export function emailChangeNotice(to: string, displayName: string, newEmail: string): OutgoingMail {
  return noticeMail(to, displayName, {
    subject: 'Your email address is about to change',
    lines: [
      `Someone asked to change the email address of your account to ${newEmail}.`,
      'It changes only when the link sent to that address is used.',
      'If it was not you, change your password now and end the sessions you do not know.',
    ],
  });
}

export function actionLink(
  publicUrl: string,
  route: 'verify-email' | 'reset-password' | 'confirm-email-change',
  token: string,
): string {
  return `${publicUrl}/${route}?token=${encodeURIComponent(token)}`;
}

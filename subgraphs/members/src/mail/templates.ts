import type { OutgoingMail } from './mailer';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(greetingName: string, paragraphs: string[], link: string, action: string): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return `<!doctype html>
<html><body style="font-family: sans-serif; line-height: 1.5">
<p>Hi ${escapeHtml(greetingName)},</p>
${body}
<p><a href="${escapeHtml(link)}">${escapeHtml(action)}</a></p>
<p style="color:#666">If the button does not work, paste this address into your browser:<br>${escapeHtml(link)}</p>
</body></html>`;
}

export function verificationMail(
  to: string,
  displayName: string,
  link: string,
  hours: number,
): OutgoingMail {
  const lines = [
    `Welcome! Confirm your email address to finish signing up.`,
    `The link works once and expires in ${hours} hours.`,
  ];
  return {
    to,
    subject: 'Confirm your email address',
    text: `Hi ${displayName},\n\n${lines.join('\n')}\n\n${link}\n\nIf you did not sign up, ignore this message.\n`,
    html: layout(
      displayName,
      [...lines, 'If you did not sign up, ignore this message.'],
      link,
      'Confirm my email',
    ),
    link,
  };
}

export function passwordResetMail(
  to: string,
  displayName: string,
  link: string,
  minutes: number,
): OutgoingMail {
  const lines = [
    'Someone asked to reset the password of your account.',
    `The link works once and expires in ${minutes} minutes. Resetting logs out every session.`,
  ];
  return {
    to,
    subject: 'Reset your password',
    text: `Hi ${displayName},\n\n${lines.join('\n')}\n\n${link}\n\nIf it was not you, ignore this message: your password stays as it is.\n`,
    html: layout(
      displayName,
      [...lines, 'If it was not you, ignore this message: your password stays as it is.'],
      link,
      'Choose a new password',
    ),
    link,
  };
}

export function actionLink(
  publicUrl: string,
  route: 'verify-email' | 'reset-password',
  token: string,
): string {
  return `${publicUrl}/${route}?token=${encodeURIComponent(token)}`;
}

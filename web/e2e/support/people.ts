import { randomBytes } from 'node:crypto';
import type { SmtpInbox } from '@social/testkit';
import type { Page } from 'playwright-core';

export interface Person {
  email: string;
  handle: string;
  displayName: string;
  password: string;
}

export function buildPerson(name: string): Person {
  const suffix = randomBytes(3).toString('hex');
  return {
    email: `${name.toLowerCase()}.${suffix}@example.test`,
    handle: `${name.toLowerCase()}_${suffix}`,
    displayName: name,
    password: `Correct horse ${suffix} battery`,
  };
}

/** The link a mail carries to `route` (e.g. /verify-email), as the person would click it. */
export function linkFromMail(text: string, origin: string, route: string): string {
  const match = new RegExp(`${origin.replace(/[.]/g, '\\.')}${route}\\?token=[A-Za-z0-9_%-]+`).exec(
    text,
  );
  if (!match) throw new Error(`no ${origin}${route}?token= link in mail:\n${text}`);
  return match[0];
}

export async function signUp(page: Page, origin: string, person: Person): Promise<void> {
  await page.goto(`${origin}/signup`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Handle').fill(person.handle);
  await page.getByLabel('Display name').fill(person.displayName);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
}

/** Opens the mailed link and confirms with one click, as the page asks. */
export async function verifyFromMail(
  page: Page,
  origin: string,
  inbox: SmtpInbox,
  person: Person,
): Promise<void> {
  const mail = await inbox.waitFor(
    (m) => m.to.includes(person.email) && m.text.includes('/verify-email'),
    20_000,
  );
  await page.goto(linkFromMail(mail.text, origin, '/verify-email'));
  await page.getByRole('button', { name: 'Confirm my email address' }).click();
  await page.getByText(`${person.email} is verified`).waitFor();
}

export async function logIn(page: Page, origin: string, person: Person): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Your feed' }).waitFor();
}

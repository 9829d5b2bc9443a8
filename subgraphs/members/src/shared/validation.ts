import { BadUserInputError, type FieldProblem } from '@social/kit';
import { isGuessablePassword } from './common-passwords';

/** Collects every problem of one input, so a form learns all of them in one round trip. */
export class FieldProblems {
  readonly problems: FieldProblem[] = [];

  add(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new BadUserInputError(this.problems);
  }
}

const EMAIL =
  /^[^\s@"(),:;<>[\\\]]{1,64}@(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const HANDLE = /^[a-z0-9_]{3,30}$/;
// Control characters make names unreadable or spoof layout; line breaks are fine in a greeting only.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROL_EXCEPT_NEWLINE =
  // eslint-disable-next-line no-control-regex -- as above
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const MIN_PASSWORD = 10;
// argon2 takes any length, but a megabyte "password" is a CPU-time gift to an attacker.
const MAX_PASSWORD = 256;

const chars = (value: string) => [...value].length;

export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

export function checkEmail(problems: FieldProblems, field: string, raw: string): string {
  const email = normalizeEmail(raw);
  if (email.length > 254 || !EMAIL.test(email))
    problems.add(field, 'must be a valid email address');
  return email;
}

export function checkHandle(problems: FieldProblems, field: string, raw: string): string {
  const handle = raw.trim().toLowerCase();
  if (!HANDLE.test(handle)) problems.add(field, 'must be 3 to 30 characters of a-z, 0-9 and _');
  return handle;
}

export function checkDisplayName(problems: FieldProblems, field: string, raw: string): string {
  const name = raw.trim();
  if (chars(name) < 1 || chars(name) > 50) problems.add(field, 'must be 1 to 50 characters');
  else if (CONTROL.test(name)) problems.add(field, 'must not contain control characters');
  return name;
}

export function checkGreeting(problems: FieldProblems, field: string, raw: string): string {
  const greeting = raw.trim();
  if (chars(greeting) > 160) problems.add(field, 'must be at most 160 characters');
  else if (CONTROL_EXCEPT_NEWLINE.test(greeting))
    problems.add(field, 'must not contain control characters');
  return greeting;
}

export function checkAvatarUrl(problems: FieldProblems, field: string, raw: string): string {
  const value = raw.trim();
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  // https only: no mixed content, no javascript:/data: URLs; credentials in a URL are a leak.
  if (!url || url.protocol !== 'https:' || url.username || url.password || value.length > 2048) {
    problems.add(field, 'must be an https URL of at most 2048 characters');
  }
  return value;
}

/** Checks a new password; `related` are the account's email and handle, which make poor passwords. */
export function checkNewPassword(
  problems: FieldProblems,
  field: string,
  password: string,
  related: string[] = [],
): void {
  const length = chars(password);
  if (length < MIN_PASSWORD)
    return problems.add(field, `must be at least ${MIN_PASSWORD} characters`);
  if (length > MAX_PASSWORD)
    return problems.add(field, `must be at most ${MAX_PASSWORD} characters`);
  if (isGuessablePassword(password, related)) {
    problems.add(field, 'is too easy to guess; choose a less common password');
  }
}

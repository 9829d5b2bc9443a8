import { CombinedGraphQLErrors, ServerError } from '@apollo/client';

export interface ErrorView {
  /** One sentence for the top of a form or a page. */
  message: string;
  /** Problems by input name, shown next to their fields. */
  fields: Record<string, string>;
  code?: string;
  reason?: string;
}

interface Extensions {
  code?: string;
  reason?: string;
  retryAfterSeconds?: number;
  fields?: Array<{ field: string; message: string }>;
}

export function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

const CONFLICT_FIELDS: Record<string, [string, string]> = {
  EMAIL_TAKEN: ['email', 'is already registered; log in or reset your password'],
  HANDLE_TAKEN: ['handle', 'is taken; choose another one'],
};

function fromExtensions(message: string, ext: Extensions): ErrorView {
  const view: ErrorView = { message, fields: {}, code: ext.code, reason: ext.reason };
  switch (ext.code) {
    case 'BAD_USER_INPUT':
      for (const problem of ext.fields ?? [])
        view.fields[problem.field.split('.').pop() ?? problem.field] = problem.message;
      view.message = ext.fields?.length ? 'Please correct the highlighted fields.' : message;
      break;
    case 'RATE_LIMITED':
      view.message = `Too many attempts. Please wait ${waitText(ext.retryAfterSeconds ?? 60)} and try again.`;
      break;
    case 'UNAUTHENTICATED':
      view.message =
        ext.reason === 'INVALID_CREDENTIALS'
          ? 'That email and password do not match.'
          : 'Please log in again.';
      break;
    case 'EMAIL_NOT_VERIFIED':
      view.message = 'Please verify your email address first: open the link we mailed you.';
      break;
    case 'CONFLICT': {
      const conflict = ext.reason ? CONFLICT_FIELDS[ext.reason] : undefined;
      if (conflict) view.fields[conflict[0]] = conflict[1];
      break;
    }
    case 'FORBIDDEN':
      view.message = 'You are not allowed to do that.';
      break;
    case 'NOT_FOUND':
      view.message = 'That no longer exists.';
      break;
    case 'SERVICE_UNAVAILABLE':
      view.message = 'The service is busy or briefly unavailable. Please try again in a moment.';
      break;
    case 'INTERNAL_SERVER_ERROR':
      view.message = 'Something went wrong on our side. Please try again.';
      break;
  }
  return view;
}

/** Turns whatever Apollo threw into words for people, keyed by the API's error codes. */
export function describeError(error: unknown): ErrorView {
  if (CombinedGraphQLErrors.is(error) && error.errors.length > 0) {
    const first = error.errors[0];
    return fromExtensions(first.message, (first.extensions ?? {}) as Extensions);
  }
  if (ServerError.is(error)) {
    return {
      message: `The server could not answer (HTTP ${error.statusCode}). Please try again.`,
      fields: {},
    };
  }
  return {
    message: 'Could not reach the server. Check your connection and try again.',
    fields: {},
  };
}

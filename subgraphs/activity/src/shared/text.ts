import { BadUserInputError } from '@social/kit';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Trims and checks a text body. Length counts Unicode code points, the way MySQL counts
 * utf8mb4 characters, so an emoji is one character. Everything else is kept verbatim: HTML
 * is data, and escaping is the client's job when it renders.
 */
export function validBody(field: string, raw: string, max: number): string {
  const body = raw.trim();
  const length = [...body].length;
  if (length < 1 || length > max) {
    throw new BadUserInputError([
      { field, message: `must be 1 to ${max} characters after trimming` },
    ]);
  }
  if (LONE_SURROGATE.test(body)) {
    throw new BadUserInputError([{ field, message: 'is not valid Unicode text' }]);
  }
  return body;
}

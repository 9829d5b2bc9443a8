// Service logs as the launcher echoes them: pretty (pino-pretty) in development, the JSON lines
// untouched otherwise, so production and anything parsing them keep one JSON object per line.
// Loaded after `npm ci`: pino-pretty is a dependency of the repository root.

/** A line formatter for startService(): identity unless NODE_ENV is development. */
export async function logFormat(env = process.env) {
  if ((env.NODE_ENV ?? 'development') !== 'development') return (line) => line;
  const { prettyFactory } = await import('pino-pretty');
  const prettify = prettyFactory({
    colorize: Boolean(process.stdout.isTTY),
    translateTime: 'SYS:HH:MM:ss.l',
    // The launcher prefixes the service name; pid and host say nothing on one machine.
    ignore: 'pid,hostname,service,name',
    singleLine: true,
  });
  return (line) => {
    if (!line.startsWith('{')) return line;
    try {
      return prettify(line).trimEnd();
    } catch {
      return line;
    }
  };
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
];

export function timeAgo(date: Date, now = Date.now()): string {
  let amount = Math.round((date.getTime() - now) / 1000);
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return relative.format(amount, unit);
    amount = Math.round(amount / size);
  }
  return absolute.format(date);
}

export function Time({ value }: { value: string }) {
  const date = new Date(value);
  return (
    <time dateTime={value} title={absolute.format(date)}>
      {timeAgo(date)}
    </time>
  );
}

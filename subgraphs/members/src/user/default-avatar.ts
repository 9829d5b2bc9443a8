import { createHash } from 'node:crypto';

/** The default avatar's address: served by members, proxied by the gateway under /avatars. */
export function defaultAvatarUrl(publicUrl: string, userId: string): string {
  return `${publicUrl}/avatars/${userId}.svg`;
}

/**
 * A 5x5 mirrored identicon drawn from sha256(user id): deterministic, needs no database
 * read, reveals nothing about the member, and can be cached forever.
 */
export function renderAvatarSvg(userId: string): string {
  const digest = createHash('sha256').update(userId).digest();
  const hue = digest.readUInt16BE(0) % 360;
  const cells: string[] = [];
  for (let row = 0; row < 5; row += 1) {
    for (let col = 0; col < 3; col += 1) {
      if ((digest[2 + row * 3 + col] & 1) === 0) continue;
      for (const x of new Set([col, 4 - col]))
        cells.push(`<rect x="${x * 10 + 5}" y="${row * 10 + 5}" width="10" height="10"/>`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 60" width="120" height="120">
<rect width="60" height="60" fill="hsl(${hue}, 30%, 92%)"/>
<g fill="hsl(${hue}, 55%, 45%)">${cells.join('')}</g>
</svg>
`;
}

import { readFileSync } from 'node:fs';
import net from 'node:net';

/** A loopback port nobody listens on right now, for a server a test starts itself. */
export function freePort(): Promise<number> {
  return listenOn(0);
}

/**
 * A free loopback port below the kernel's ephemeral range, for a server the test stops and starts
 * again on the same port. A port from freePort() lies inside that range, so while the server is
 * down any outbound connection on the machine may be given it as its local port, and the restart
 * then fails with EADDRINUSE. Outbound connections are never given a port below the range.
 */
export async function restartablePort(): Promise<number> {
  const top = ephemeralRangeStart();
  const bottom = 20_000;
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = bottom + Math.floor(Math.random() * (top - bottom));
    // Leave the project's fixed ports alone (test broker 19092/3, bench broker 29092/3).
    if (port % 1000 === 92 || port % 1000 === 93) continue;
    const got = await listenOn(port).catch(() => 0);
    if (got) return got;
  }
  throw new Error(`no free port between ${bottom} and ${top} after 50 tries`);
}

function ephemeralRangeStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (Number.isInteger(low) && low > 21_000) return low;
  } catch {
    // Not Linux: the IANA range starts at 49152, Linux's default at 32768; take the lower.
  }
  return 32_768;
}

function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Every run writes its screenshots to .dev/screenshots (ignored), so a test run leaves the
 * tree clean; `UPDATE_SCREENSHOTS=1 npm test` refreshes the committed ones the READMEs show.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? path.resolve(__dirname, '..', 'screenshots')
  : path.resolve(__dirname, '..', '..', '..', '.dev', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** What Chromium refused under the served Content-Security-Policy, as its console says. */
  cspViolations: string[];
  close(): Promise<void>;
}

/** One person's browser: Debian's Chromium with a fresh profile (its own cookie jar). */
export async function openBrowser(
  options: { width?: number; height?: number; userAgent?: string } = {},
): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: options.width ?? 1024, height: options.height ?? 800 },
    userAgent: options.userAgent,
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return {
    context,
    page,
    cspViolations,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** What the page sends to /graphql and gets back, for assertions about the auth flow. */
export class GraphQLTraffic {
  /** Bodies of requests whose operation is refreshToken. */
  readonly refreshCalls: string[] = [];
  readonly unauthorized: string[] = [];
  inflight = 0;
  /** The newest access token the page received (from login or refreshToken). */
  accessToken: string | null = null;

  constructor(page: Page) {
    const isApi = (request: Request) =>
      new URL(request.url()).pathname === '/graphql' && request.method() === 'POST';
    page.on('request', (request) => {
      if (!isApi(request)) return;
      this.inflight += 1;
      if (request.postData()?.includes('refreshToken'))
        this.refreshCalls.push(request.postData() ?? '');
    });
    const settled = (request: Request) => {
      if (isApi(request)) this.inflight -= 1;
    };
    page.on('requestfailed', settled);
    page.on('requestfinished', settled);
    page.on('response', async (response) => {
      if (!isApi(response.request())) return;
      if (response.status() === 401) this.unauthorized.push(response.request().postData() ?? '');
      const body = response.request().postData() ?? '';
      if (!/login\(|refreshToken/.test(body)) return;
      try {
        const json = (await response.json()) as {
          data?: Record<string, { accessToken?: string } | null>;
        };
        const token = json.data?.login?.accessToken ?? json.data?.refreshToken?.accessToken;
        if (token) this.accessToken = token;
      } catch {
        // not JSON: nothing to learn
      }
    });
  }

  reset(): void {
    this.refreshCalls.length = 0;
    this.unauthorized.length = 0;
  }
}

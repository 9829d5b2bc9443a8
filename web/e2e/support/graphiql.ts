import { waitFor } from '@social/testkit';
import type { Page } from 'playwright-core';

/** Replaces the text of one of GraphiQL's Monaco editors, as if pasted. */
async function replaceText(page: Page, editorSelector: string, text: string): Promise<void> {
  const editor = page.locator(editorSelector).first();
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/**
 * Runs `operation` (a named operation), waits until the response pane shows `expectText`, and
 * returns the response body. GraphiQL takes the editor's text into its state a moment after
 * typing; the tab's title shows when it has.
 */
export async function runInGraphiQL(
  page: Page,
  operation: { name: string; query: string; headers?: string; expectText: string },
): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  await replaceText(page, '.graphiql-query-editor .monaco-editor', operation.query);
  if (operation.headers) {
    await page.getByRole('button', { name: 'Headers' }).click();
    await replaceText(
      page,
      '.graphiql-editor-tool .monaco-editor[data-uri$="headers.json"]',
      operation.headers,
    );
  }
  await page.locator('.graphiql-tab').filter({ hasText: operation.name }).waitFor();
  const response = page.waitForResponse((r) =>
    (r.request().postData() ?? '').includes(`"operationName":"${operation.name}"`),
  );
  await page.getByRole('button', { name: /Execute query/ }).click();
  const body = await (await response).json();
  const pane = page.locator('.graphiql-response');
  await waitFor(`the response pane to show ${operation.expectText}`, async () =>
    (await pane.innerText()).replace(/\s+/g, ' ').includes(operation.expectText),
  );
  return body;
}

import type { Page } from "playwright-core";
import type { LayoutJson } from "./documents";
import type { Platform } from "./platform";

type LayoutToken = LayoutJson["pages"][number]["tokens"][number];

const spelling = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** The consecutive words of a page that spell `phrase` (spaces and punctuation aside). */
export function findRun(layout: LayoutJson, phrase: string, page = 0): LayoutToken[] {
  const tokens = layout.pages[page]!.tokens;
  const want = spelling(phrase);
  for (let start = 0; start < tokens.length; start++) {
    let text = "";
    for (let end = start; end < tokens.length; end++) {
      text += spelling(tokens[end]!.text);
      if (text === want) return tokens.slice(start, end + 1);
      if (!want.startsWith(text)) break;
    }
  }
  throw new Error(`no run of words spells '${phrase}'`);
}

/** Wait until the page image (fetched with the token, shown from a blob URL) has loaded. */
export async function waitForPageImage(page: Page): Promise<void> {
  const image = page.getByTestId("page-image");
  await image.waitFor();
  await image.evaluate(async (img) => {
    const el = img as unknown as {
      complete: boolean;
      naturalWidth: number;
      decode(): Promise<void>;
    };
    if (!el.complete || el.naturalWidth === 0) await el.decode();
  });
}

/** A field's row in the review panel. */
export const fieldRow = (page: Page, name: string) =>
  page.locator(`[data-testid="field-row"][data-field="${name}"]`);

export const fieldInput = (page: Page, name: string) =>
  fieldRow(page, name).getByTestId("field-value-input");

/** Click the first word, Shift+click the others: the words become the selected field's value. */
export async function clickWords(page: Page, tokens: readonly LayoutToken[]): Promise<void> {
  for (const [i, token] of tokens.entries()) {
    await page
      .locator(`[data-testid="token-box"][data-token-id="${token.id}"]`)
      .click(i === 0 ? {} : { modifiers: ["Shift"] });
  }
}

/** Drag a rectangle over the words (just inside the box that holds them all). */
export async function dragOverWords(page: Page, tokens: readonly LayoutToken[]): Promise<void> {
  const boxes = [];
  for (const token of tokens) {
    const box = await page
      .locator(`[data-testid="token-box"][data-token-id="${token.id}"]`)
      .boundingBox();
    if (!box) throw new Error(`word ${token.id} is not on screen`);
    boxes.push(box);
  }
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  await page.mouse.move(x0 + 1, y0 + 1);
  await page.mouse.down();
  await page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, { steps: 4 });
  await page.mouse.move(x1 - 1, y1 - 1, { steps: 4 });
  await page.mouse.up();
}

/** A document's layout read with a project's own token (support/documents reads `default`). */
export async function getLayoutAs(
  platform: Platform,
  id: string,
  project: { name: string; token: string },
): Promise<LayoutJson> {
  const res = await platform.request(
    `/v1/projects/${project.name}/documents/${id}/layout`,
    {},
    project.token,
  );
  if (!res.ok) throw new Error(`GET layout answered ${res.status}`);
  return (await res.json()) as LayoutJson;
}

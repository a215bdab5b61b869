import type { Page } from 'playwright-core';
import { checkpoint, viewports } from './browser.ts';

type ViewportName = keyof typeof viewports;

function viewportName(page: Page): ViewportName {
  return page.viewportSize()?.width === viewports.phone.width ? 'phone' : 'desktop';
}

/** Two animation frames: the layout has followed a viewport change. */
async function settled(page: Page): Promise<void> {
  // A string: the e2e project has no DOM typings; this runs in the page.
  await page.evaluate(
    'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
  );
}

/**
 * A full-page screenshot of a scrolled page draws the console's fixed header where the window
 * was; from the top, every shot shows the page as it is laid out.
 */
async function fromTheTop(page: Page): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await settled(page);
}

/**
 * `checkpoint` (axe scan and full-page screenshot) of the same screen on the page's own viewport
 * and on the other one (phone 390×844 / desktop 1280×800), then back: `<name>-desktop.png` and
 * `<name>-phone.png`. The page keeps its state: the same screen, resized as a user would.
 */
export async function checkpointBoth(page: Page, journey: string, name: string): Promise<void> {
  const own = viewportName(page);
  const other: ViewportName = own === 'phone' ? 'desktop' : 'phone';
  await fromTheTop(page);
  await checkpoint(page, journey, `${name}-${own}`);
  await page.setViewportSize(viewports[other]);
  await fromTheTop(page);
  await checkpoint(page, journey, `${name}-${other}`);
  await page.setViewportSize(viewports[own]);
  await settled(page);
}

// Lighthouse 12.2 (mobile, its default settings: a mid-range phone on a slow 4G connection,
// simulated) on the pages named in the JSON file given as the first argument, each signed in
// with its session cookie where it has one; writes the scores and figures as JSON to the second.
// Called by audits/run.py.
import { readFileSync, writeFileSync } from "node:fs";
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";

const [input, output] = process.argv.slice(2);
const { base, chromium, pages } = JSON.parse(readFileSync(input, "utf8"));

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});
const results = [];
try {
  for (const { name, path, cookie } of pages) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    if (cookie) {
      await page.setCookie({ name: "sessionid", value: cookie, url: base });
    }
    const { lhr } = await lighthouse(
      base + path,
      {
        logLevel: "error",
        onlyCategories: ["performance", "accessibility"],
        disableStorageReset: true, // keeps the session cookie
        locale: "nl",
      },
      undefined,
      page,
    );
    const audit = (id) => lhr.audits[id];
    results.push({
      name,
      path,
      url: lhr.finalDisplayedUrl,
      performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      fcp: audit("first-contentful-paint").numericValue,
      lcp: audit("largest-contentful-paint").numericValue,
      tbt: audit("total-blocking-time").numericValue,
      cls: audit("cumulative-layout-shift").numericValue,
      dom: audit("dom-size")?.numericValue ?? null,
      failing: lhr.categories.accessibility.auditRefs
        .filter((ref) => ref.weight > 0 && audit(ref.id).score !== null && audit(ref.id).score < 1)
        .map((ref) => ref.id),
      opportunities: Object.values(lhr.audits)
        .filter((a) => a.details?.type === "opportunity" && (a.details.overallSavingsMs ?? 0) > 50)
        .map((a) => `${a.id} (${Math.round(a.details.overallSavingsMs)} ms)`),
      lighthouse: lhr.lighthouseVersion,
      chromium: lhr.environment.hostUserAgent,
    });
    await context.close();
  }
} finally {
  await browser.close();
}
writeFileSync(output, JSON.stringify(results, null, 2));

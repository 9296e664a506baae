// What the reading-site tests check pages with: their JSON-LD and valid HTML. (The rows
// they need come from ../helpers/factories.ts.)
import { HtmlValidate } from 'html-validate';
import { expect } from 'vitest';

/** Every JSON-LD object of a page, parsed (throws on invalid JSON). */
export function jsonLdOf(html: string): Record<string, unknown>[] {
  const found = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  return found.map((m) => JSON.parse(m[1] ?? '') as Record<string, unknown>);
}

// Preact writes void elements as <meta/>; that style is valid HTML, so the rule is off.
// An aria-label on a list is allowed by ARIA; the recommendation against it is advisory.
export const htmlValidator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'void-style': 'off', 'aria-label-misuse': 'off' },
});

export async function expectValidHtml(html: string): Promise<void> {
  const report = await htmlValidator.validateString(html);
  const problems = report.results.flatMap((r) =>
    r.messages.map((m) => `${m.ruleId}: ${m.message} (${m.selector})`),
  );
  expect(problems).toEqual([]);
}

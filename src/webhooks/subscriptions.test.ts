import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPLIANCE_TOPICS, WEBHOOK_HANDLERS } from './index.js';

// The app's configuration must subscribe to every topic a handler exists for, at the route's path.
const toml = readFileSync(new URL('../../shopify.app.toml', import.meta.url), 'utf8');

/** Each `[[webhooks.subscriptions]]` block's keys, read line by line (the file's own flat style). */
function subscriptions(): Array<Record<string, string>> {
  const blocks = toml.split(/^\[\[webhooks\.subscriptions\]\]$/m).slice(1);
  return blocks.map((block) => {
    const body = block.split(/^\[/m)[0] ?? '';
    const entries = [...body.matchAll(/^(\w+)\s*=\s*(.+)$/gm)].map((m) => [m[1], m[2]?.trim()]);
    return Object.fromEntries(entries) as Record<string, string>;
  });
}

const list = (value: string | undefined): string[] =>
  value ? (JSON.parse(value) as string[]) : [];

describe('shopify.app.toml webhooks', () => {
  it('pins the webhook API version', () => {
    expect(toml).toMatch(/^\[webhooks\]\napi_version = "2026-10"$/m);
  });

  it('subscribes every handled topic, the compliance ones as compliance_topics, to /webhooks', () => {
    const subs = subscriptions();
    expect(subs.length).toBeGreaterThanOrEqual(2);
    for (const sub of subs) expect(sub.uri).toBe('"/webhooks"');
    const topics = subs.flatMap((s) => list(s.topics));
    const compliance = subs.flatMap((s) => list(s.compliance_topics));
    expect(new Set(compliance)).toEqual(COMPLIANCE_TOPICS);
    for (const topic of Object.keys(WEBHOOK_HANDLERS)) {
      expect(COMPLIANCE_TOPICS.has(topic) ? compliance : topics).toContain(topic);
    }
  });
});

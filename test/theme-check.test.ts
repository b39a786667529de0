// Shopify's Theme Check, with its theme-app-extension rules, finds nothing to report in the extension.
import { fileURLToPath } from 'node:url';
import { check } from '@shopify/theme-check-node';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../theme-extension', import.meta.url));
const config = fileURLToPath(new URL('../theme-extension/.theme-check.yml', import.meta.url));

describe('theme extension', () => {
  it('passes Theme Check with the theme-app-extension config and zero offenses', async () => {
    const offenses = await check(root, config);
    const report = offenses.map(
      (o) => `${o.uri.split('/theme-extension/')[1]} ${o.check}: ${o.message}`,
    );
    expect(report).toEqual([]);
  });

  it('is checked with the app-extension rules, which would flag an oversized block script', async () => {
    const { loadConfig } = await import('@shopify/theme-check-node');
    const loaded = await loadConfig(config, root);
    const names = loaded.checks.map((c) => c.meta.code);
    expect(names).toContain('AssetSizeAppBlockJavaScript');
    expect(names).toContain('AppBlockValidTags');
  });
});

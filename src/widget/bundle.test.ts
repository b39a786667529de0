// The built assets: the widget chunk carries no zod and no dictionaries; the loader is a classic script.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const asset = (name: string) =>
  readFileSync(new URL(`../../theme-extension/assets/${name}`, import.meta.url), 'utf8');

describe('built assets', () => {
  it('keep zod and every dictionary out of the widget chunk', () => {
    const widget = asset('track-order-widget.js');
    expect(widget).toMatch(/export\s*\{/);
    expect(widget).not.toContain('ZodError');
    expect(widget).not.toContain('Looking up your order');
    expect(widget).not.toContain('Spor bestillingen');
  });

  it('ship the loader as a classic script: no static import or export', () => {
    const loader = asset('track-order-loader.js');
    expect(loader).not.toMatch(/(^|[;}])\s*(import\s*[{*\w]|export\s)/);
    expect(loader).toContain('import(');
  });
});

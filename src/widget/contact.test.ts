import { describe, expect, it } from 'vitest';
import { contactHref } from './contact.js';

describe('the contact page setting', () => {
  it.each([
    '/pages/contact',
    '/de/pages/kontakt',
    '/pages/contact?topic=order#form',
    'https://help.example.com',
    'https://help.example.com/contact',
    'HTTPS://Example.com/?q=1',
  ])('links %s', (url) => {
    expect(contactHref(url)).toBe(url);
  });

  it('trims spaces around it', () => {
    expect(contactHref('  /pages/contact ')).toBe('/pages/contact');
  });

  it.each([
    undefined,
    '',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<b>x</b>',
    'http://example.com/contact',
    '//evil.example/contact',
    '/\\evil.example',
    'https://user@evil.example',
    'https://evil.example\\@shop.example',
    'pages/contact',
    '/pages/contact us',
    `/${'a'.repeat(600)}`,
  ])('drops %s', (url) => {
    expect(contactHref(url)).toBeUndefined();
  });
});

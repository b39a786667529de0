import { describe, expect, it } from 'vitest';
import { splitUrl } from './split-url.js';

const asParsed = (href: string) => {
  const url = new URL(href);
  return { pathname: url.pathname, search: url.search };
};

describe('splitUrl', () => {
  it.each([
    'http://localhost/proxy/lookup?shop=a.myshopify.com&signature=ab',
    'http://localhost/proxy/lookup',
    'http://localhost/',
    'https://example.com:8443/a/b/?x=1&y=%2F',
    'http://localhost/a?x=1#frag?y=2',
    'http://localhost/a#frag?y=2',
    'http://localhost/a?',
    'http://localhost/a?#b',
  ])('gives what the URL parser gives for %s', (href) => {
    expect(splitUrl(new Request(href).url)).toEqual(asParsed(href));
  });

  it('hands URLs of other schemes to the parser', () => {
    expect(splitUrl('file:///tmp/x?y')).toEqual({ pathname: '/tmp/x', search: '?y' });
  });
});

// A Request URL's path and query without parsing the URL again.

/**
 * Path and query of a Request's URL, which is always serialised: for an http(s) URL the path starts
 * at the first `/` after the authority and the query at the first `?` before any `#`. Cheaper than
 * parsing it again with `new URL`; any other URL still goes through the parser.
 */
export function splitUrl(href: string): { pathname: string; search: string } {
  const scheme = href.startsWith('https://') ? 8 : href.startsWith('http://') ? 7 : -1;
  const start = scheme < 0 ? -1 : href.indexOf('/', scheme);
  if (start < 0) {
    const url = new URL(href);
    return { pathname: url.pathname, search: url.search };
  }
  const hash = href.indexOf('#', start);
  const end = hash < 0 ? href.length : hash;
  const question = href.indexOf('?', start);
  // An empty query is no query, as the parser has it.
  if (question < 0 || question >= end - 1)
    return {
      pathname: href.slice(start, question < 0 || question > end ? end : question),
      search: '',
    };
  return { pathname: href.slice(start, question), search: href.slice(question, end) };
}

// Escaping for HTML that Shopify renders as Liquid: data can never open a tag, an attribute, `{{` or `{%`.

const HTML: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/**
 * Applied to the whole finished page: no brace reaches Shopify's Liquid renderer, so neither `{{`
 * nor `{%` can come from data, whoever rendered the HTML. The page itself therefore holds no Liquid.
 */
export function liquidSafe(html: string): string {
  return html.replace(/[{}]/g, (c) => (c === '{' ? '&#123;' : '&#125;'));
}

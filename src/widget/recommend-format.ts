// Price text for recommendation cards, shared by the lazy chunk and the no-JS page.

/**
 * `amount` (Shopify's decimal string, `"29.0"`) in `currency` (ISO 4217) as the shopper's locale
 * writes money: `29,00 €` in `de`, `€29.00` in `en-IE`. Falls back to `29.0 EUR` when Intl does
 * not know the locale or the currency.
 */
export function formatPrice(amount: string, currency: string, locale: string): string {
  const value = Number(amount);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
  } catch {
    return `${amount} ${currency}`;
  }
}

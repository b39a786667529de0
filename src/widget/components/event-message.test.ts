import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHIPMENT_STATUSES } from '../../contract/tracking-view.js';
import { stringsFromLocale } from '../strings.js';
import { eventMessage } from './ShipmentCard.js';

const dir = fileURLToPath(new URL('../../../theme-extension/locales/', import.meta.url));
const LOCALES = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
  .map((f) => ({
    locale: f.replace(/(\.default)?\.json$/, ''),
    strings: stringsFromLocale(JSON.parse(readFileSync(dir + f, 'utf8'))),
  }));

/** Ways carriers restate a status: other case, accents dropped, punctuation and spaces added. */
const restatements = (label: string): string[] => [
  label,
  label.toUpperCase(),
  label.toLowerCase(),
  `${label}.`,
  `  ${label}!`,
  `${label}。`,
  label.normalize('NFD').replace(/\p{M}/gu, ''),
];

describe('a carrier message that only restates the status', () => {
  it('covers the 12 storefront locales', () => {
    expect(LOCALES).toHaveLength(12);
  });

  for (const { locale, strings } of LOCALES) {
    it(`is not repeated in ${locale}`, () => {
      for (const status of SHIPMENT_STATUSES) {
        const label = strings[`status.${status}`];
        for (const message of restatements(label)) {
          expect(eventMessage({ status, at: '2026-04-20', message }, label, locale), message).toBe(
            '',
          );
        }
        const more = `${label}: Oslo terminal`;
        expect(eventMessage({ status, at: '2026-04-20', message: more }, label, locale)).toBe(more);
      }
    });
  }
});

describe('carrier text in another language than the page', () => {
  const event = (messageLanguage?: string) => ({
    status: 'in_transit' as const,
    at: '2026-04-20',
    message: 'Sendingen er på vei',
    ...(messageLanguage && { messageLanguage }),
  });
  it.each([
    [undefined, 'nb', true],
    ['nb', 'nb', true],
    ['nb-NO', 'nb', true],
    ['no', 'nb', true],
    ['NB', 'nb-NO', true],
    ['en', 'nb', false],
    ['nb', 'en', false],
    ['sv', 'nb', false],
    ['pt', 'pt-BR', true],
    ['pt-PT', 'pt-BR', true],
  ])('language %s on a %s page: shown %s', (language, locale, shown) => {
    expect(eventMessage(event(language), 'Underveis', locale)).toBe(
      shown ? 'Sendingen er på vei' : '',
    );
  });
});

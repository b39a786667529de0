import { type GraphQLEnumType, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SHIPPED_LANGUAGES } from '../core/shopper-language.js';
import { storefrontLanguage } from '../recommendations/recommend.js';
import { loadAdminSchema } from './admin-schema.js';
import {
  ALL_STOREFRONT_DOCUMENTS,
  STOREFRONT_TOKEN_CREATE_MUTATION,
} from './storefront-documents.js';
import { loadStorefrontSchema } from './storefront-schema.js';

describe("Storefront documents are valid against Shopify's published 2026-10 schemas", () => {
  const storefront = loadStorefrontSchema();

  it.each(Object.entries(ALL_STOREFRONT_DOCUMENTS))(
    '%s validates on the Storefront schema',
    (_n, source) => {
      expect(validate(storefront, parse(source)).map((e) => e.message)).toEqual([]);
    },
  );

  it('the token mutation validates on the Admin schema', () => {
    const errors = validate(loadAdminSchema(), parse(STOREFRONT_TOKEN_CREATE_MUTATION));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it('rejects a field the Storefront API does not have (the check can fail)', () => {
    const doc = parse('query { productRecommendations(productId: "x") { id notAField } }');
    expect(validate(storefront, doc).length).toBeGreaterThan(0);
  });

  it('every shipped storefront language maps to a LanguageCode Shopify knows', () => {
    const codes = new Set(
      (storefront.getType('LanguageCode') as GraphQLEnumType).getValues().map((v) => v.name),
    );
    const locales = [...SHIPPED_LANGUAGES, 'pt-BR', 'pt-PT', 'zh-CN', 'zh-TW', 'no'];
    for (const locale of locales) expect(codes, locale).toContain(storefrontLanguage(locale));
  });
});

// The demo shop's products as its storefront sells them: the seed orders' items and a few more, with translations, prices and Shopify's recommendations.

export interface CatalogueProduct {
  /** Numeric part of the product GID. */
  id: number;
  handle: string;
  /** English title; `titles` holds the storefront's translations by Storefront LanguageCode. */
  title: string;
  titles: Partial<Record<string, string>>;
  /** Price in EUR, the shop's currency; other markets convert it (see MARKET_CURRENCIES). */
  priceEur: number;
  /** Colour of the drawn product picture. */
  colour: string;
  alt: string;
  availableForSale: boolean;
  related: number[];
  complementary: number[];
}

const product = (p: CatalogueProduct) => p;

/** Order line items name these titles (seed-orders.ts); the GIDs are `gid://shopify/Product/<id>`. */
export const CATALOGUE: readonly CatalogueProduct[] = [
  product({
    id: 8101,
    handle: 'merino-hiking-socks',
    title: 'Merino Hiking Socks',
    titles: {
      DE: 'Merino-Wandersocken',
      NB: 'Turstrømper i merino',
      FR: 'Chaussettes de randonnée en mérinos',
    },
    priceEur: 19,
    colour: '#8a8f98',
    alt: 'Grey merino hiking socks, folded',
    availableForSale: true,
    related: [8110, 8105],
    complementary: [8111, 8102],
  }),
  product({
    id: 8102,
    handle: 'fjord-rain-jacket',
    title: 'Fjord Rain Jacket',
    titles: { DE: 'Fjord-Regenjacke', NB: 'Fjord regnjakke', FR: 'Veste de pluie Fjord' },
    priceEur: 189,
    colour: '#23395d',
    alt: 'Navy rain jacket with hood',
    availableForSale: true,
    related: [8112, 8110],
    complementary: [8111, 8101],
  }),
  product({
    id: 8103,
    handle: 'enamel-camp-mug',
    title: 'Enamel Camp Mug',
    titles: { DE: 'Emaille-Campingbecher', NB: 'Emaljekopp', FR: 'Tasse de camping émaillée' },
    priceEur: 14,
    colour: '#f2efe9',
    alt: 'White enamel mug with a blue rim',
    availableForSale: true,
    related: [8113, 8114],
    complementary: [8113, 8104],
  }),
  product({
    id: 8104,
    handle: 'aurora-desk-lamp',
    title: 'Aurora Desk Lamp',
    titles: {
      DE: 'Aurora-Schreibtischlampe',
      NB: 'Aurora skrivebordslampe',
      FR: 'Lampe de bureau Aurora',
    },
    priceEur: 79,
    colour: '#b08d57',
    alt: 'Brass desk lamp with a round shade',
    availableForSale: true,
    related: [8115],
    complementary: [8106],
  }),
  product({
    id: 8105,
    handle: 'trail-boots',
    title: 'Trail Boots',
    titles: { DE: 'Trailstiefel', NB: 'Turstøvler', FR: 'Chaussures de trail' },
    priceEur: 149,
    colour: '#6b4f3a',
    alt: 'Brown leather trail boots',
    availableForSale: true,
    related: [8101, 8111],
    complementary: [8101, 8116],
  }),
  product({
    id: 8106,
    handle: 'field-guide-nordic-trails',
    title: 'Field Guide to Nordic Trails (e-book)',
    titles: {
      DE: 'Wanderführer Nordische Pfade (E-Book)',
      NB: 'Turguide til nordiske stier (e-bok)',
    },
    priceEur: 12,
    colour: '#2f6f4f',
    alt: 'Cover of a trail guide showing a fjord',
    availableForSale: true,
    related: [8114],
    complementary: [8105],
  }),
  product({
    id: 8110,
    handle: 'wool-beanie',
    title: 'Wool Beanie',
    titles: { DE: 'Wollmütze', NB: 'Ullue', FR: 'Bonnet en laine' },
    priceEur: 29,
    colour: '#a23b3b',
    alt: 'Red knitted wool beanie',
    availableForSale: true,
    related: [8101],
    complementary: [8102],
  }),
  product({
    id: 8111,
    handle: 'trekking-poles',
    title: 'Trekking Poles',
    titles: { DE: 'Trekkingstöcke', NB: 'Turstaver', FR: 'Bâtons de randonnée' },
    priceEur: 59,
    colour: '#3c3c3c',
    alt: 'A pair of black trekking poles',
    availableForSale: true,
    related: [8105],
    complementary: [8101],
  }),
  product({
    id: 8112,
    handle: 'down-vest',
    title: 'Down Vest',
    titles: { DE: 'Daunenweste', NB: 'Dunvest', FR: 'Doudoune sans manches' },
    priceEur: 119,
    colour: '#4a6b8a',
    alt: 'Blue quilted down vest',
    availableForSale: true,
    related: [8102],
    complementary: [8110],
  }),
  product({
    id: 8113,
    handle: 'thermal-flask',
    title: 'Thermal Flask',
    titles: { DE: 'Thermosflasche', NB: 'Termos', FR: 'Bouteille isotherme' },
    priceEur: 34,
    colour: '#5f7d6e',
    alt: 'Green steel thermal flask',
    availableForSale: true,
    related: [8103],
    complementary: [8103],
  }),
  product({
    id: 8114,
    handle: 'headlamp',
    title: 'Headlamp',
    titles: { DE: 'Stirnlampe', NB: 'Hodelykt', FR: 'Lampe frontale' },
    priceEur: 39,
    colour: '#d9a400',
    alt: 'Yellow headlamp with an elastic strap',
    availableForSale: true,
    related: [8104],
    complementary: [8106],
  }),
  product({
    id: 8115,
    handle: 'linen-lampshade',
    title: 'Linen Lampshade',
    titles: { DE: 'Lampenschirm aus Leinen', NB: 'Lampeskjerm i lin' },
    priceEur: 45,
    colour: '#e6dccb',
    alt: 'Natural linen lampshade',
    availableForSale: false,
    related: [8104],
    complementary: [],
  }),
  product({
    id: 8116,
    handle: 'boot-wax',
    title: 'Boot Wax',
    titles: { DE: 'Schuhwachs', NB: 'Skovoks' },
    priceEur: 9,
    colour: '#9c7a54',
    alt: 'A tin of boot wax',
    availableForSale: true,
    related: [8105],
    complementary: [8105],
  }),
];

/** The catalogue product a seed line item title names, if any. */
export function productForTitle(title: string): CatalogueProduct | undefined {
  return CATALOGUE.find((p) => p.title === title);
}

/** Currency and a fixed demo rate from EUR for the markets the demo shop sells in. */
export const MARKET_CURRENCIES: Readonly<Record<string, { currency: string; rate: number }>> = {
  NO: { currency: 'NOK', rate: 11.5 },
  SE: { currency: 'SEK', rate: 11.3 },
  DK: { currency: 'DKK', rate: 7.46 },
  US: { currency: 'USD', rate: 1.08 },
  GB: { currency: 'GBP', rate: 0.85 },
  JP: { currency: 'JPY', rate: 160 },
  BR: { currency: 'BRL', rate: 5.9 },
};

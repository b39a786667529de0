// The carriers we recognise: stable code, display name, the names Shopify and merchants use, public tracking page.

export interface CarrierEntry {
  code: string;
  name: string;
  /** Names as normalised by `carrierNameKey`; Shopify's fixed list first, common spellings after. */
  aliases: readonly string[];
  /** Public tracking page; `{n}` is replaced by the URL-encoded tracking number. Absent where we know none. */
  link?: string;
}

const DHL_GLOBAL = 'https://www.dhl.com/global-en/home/tracking.html?tracking-id={n}&submit=1';
const DHL_GERMANY = 'https://www.dhl.de/de/privatkunden/dhl-sendungsverfolgung.html?piececode={n}';
const LA_POSTE = 'https://www.laposte.fr/outils/suivre-vos-envois?code={n}';

/** Carriers we know well: common spellings beside Shopify's, and some with live adapters. */
const KNOWN: readonly CarrierEntry[] = [
  {
    code: 'bring',
    name: 'Bring',
    aliases: ['bring', 'bringexpress', 'bringparcels', 'bringcargo'],
    link: 'https://tracking.bring.com/tracking/{n}',
  },
  {
    code: 'posten_norge',
    name: 'Posten Norge',
    aliases: ['postennorge', 'posten', 'postennorway', 'norwaypost', 'postenbring'],
    link: 'https://sporing.posten.no/sporing/{n}',
  },
  {
    code: 'postnord',
    name: 'PostNord',
    aliases: [
      'postnord',
      'postnordse',
      'postnorddk',
      'postnordno',
      'postnordfi',
      'postnordsverige',
      'postnorddanmark',
      'postnordnorge',
      'postnordsweden',
      'postnorddenmark',
      'postnordnorway',
      'postnordfinland',
      'postdanmark',
      'portalpostnord',
    ],
    link: 'https://portal.postnord.com/tracking/details/{n}',
  },
  {
    code: 'dhl_express',
    name: 'DHL Express',
    aliases: ['dhlexpress', 'dhlexpressuk', 'dhlexpressus'],
    link: 'https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id={n}',
  },
  {
    code: 'dhl_ecommerce',
    name: 'DHL eCommerce',
    aliases: ['dhlecommerce', 'dhlecommerceasia', 'dhlecommerceus', 'dhlglobalmail'],
    link: DHL_GLOBAL,
  },
  {
    code: 'dhl_parcel',
    name: 'DHL Parcel',
    aliases: ['dhlparcel', 'dhlpaket', 'dhlparceluk', 'dhlparcelnl', 'dhlparceleurope'],
    link: DHL_GERMANY,
  },
  { code: 'dhl', name: 'DHL', aliases: ['dhl'], link: DHL_GLOBAL },
  {
    code: 'deutsche_post',
    name: 'Deutsche Post',
    aliases: [
      'deutschepost',
      'deutschepostde',
      'deutscheposten',
      'deutschepostdhl',
      'deutschepostinternational',
    ],
    link: DHL_GERMANY,
  },
  {
    code: 'ups',
    name: 'UPS',
    aliases: ['ups', 'upsground', 'upssurepost', 'upsmailinnovations', 'unitedparcelservice'],
    link: 'https://www.ups.com/track?tracknum={n}',
  },
  {
    code: 'usps',
    name: 'USPS',
    aliases: ['usps', 'unitedstatespostalservice'],
    link: 'https://tools.usps.com/go/TrackConfirmAction?tLabels={n}',
  },
  {
    code: 'fedex',
    name: 'FedEx',
    aliases: ['fedex', 'fedexground', 'fedexexpress', 'fedexsmartpost', 'federalexpress'],
    link: 'https://www.fedex.com/fedextrack/?trknbr={n}',
  },
  {
    code: 'royal_mail',
    name: 'Royal Mail',
    aliases: ['royalmail'],
    link: 'https://www.royalmail.com/track-your-item#/tracking-results/{n}',
  },
  {
    code: 'evri',
    name: 'Evri',
    // Bare "Hermes" is left out on purpose: it also names Hermes Germany, a different carrier.
    aliases: ['evri', 'evriinternational', 'hermesuk', 'myhermes'],
    link: 'https://www.evri.com/track/parcel/{n}',
  },
  {
    code: 'dpd_uk',
    name: 'DPD UK',
    aliases: ['dpduk', 'dpdlocal'],
    link: 'https://track.dpd.co.uk/parcels/{n}',
  },
  {
    code: 'dpd',
    name: 'DPD',
    aliases: ['dpd', 'dpdde', 'dpdgermany', 'dpdgroup'],
    link: 'https://tracking.dpd.de/status/en_US/parcel/{n}',
  },
  {
    code: 'gls',
    name: 'GLS',
    aliases: ['gls', 'glseurope', 'glsgermany', 'glsnetherlands', 'glsdenmark', 'glsgroup'],
    link: 'https://gls-group.com/GROUP/en/parcel-tracking?match={n}',
  },
  {
    code: 'postnl',
    name: 'PostNL',
    aliases: ['postnl', 'postnlinternational', 'postnlinternationalmail'],
    link: 'https://jouw.postnl.nl/track-and-trace/{n}',
  },
  {
    code: 'colissimo',
    name: 'Colissimo',
    aliases: ['colissimo', 'lapostecolissimo'],
    link: LA_POSTE,
  },
  { code: 'la_poste', name: 'La Poste', aliases: ['laposte', 'lapostefrance'], link: LA_POSTE },
  {
    code: 'canada_post',
    name: 'Canada Post',
    aliases: ['canadapost', 'postescanada', 'canadapostpostescanada'],
    link: 'https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={n}',
  },
  {
    code: 'australia_post',
    name: 'Australia Post',
    aliases: ['australiapost', 'auspost'],
    link: 'https://auspost.com.au/mypost/track/details/{n}',
  },
  {
    code: 'japan_post',
    name: 'Japan Post',
    aliases: ['japanpost', 'japanposten', 'japanpostja'],
    link: 'https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1={n}&locale=en',
  },
  {
    code: 'correos',
    name: 'Correos',
    // "Correos Express" is a separate parcel company with its own tracking.
    aliases: ['correos', 'correosdeespana', 'correosspain'],
    link: 'https://www.correos.es/es/en/tools/tracker/items/details?tracking-number={n}',
  },
  {
    code: 'ontrac',
    name: 'OnTrac',
    aliases: ['ontrac'],
    link: 'https://www.ontrac.com/tracking/?number={n}',
  },
  {
    code: 'amazon',
    name: 'Amazon Logistics',
    aliases: [
      'amazon',
      'amazonlogistics',
      'amazonlogisticsus',
      'amazonlogisticsuk',
      'amazonshipping',
    ],
    link: 'https://track.amazon.com/tracking/{n}',
  },
];

/**
 * The rest of Shopify's supported tracking companies (FulfillmentTrackingInfo.company, global and
 * per-country lists), each under its own code: `[code, display name, names as Shopify and
 * merchants write them, public tracking page when we know its pattern]`. A carrier without a link
 * still gets its code, so the aggregator can be asked and reports can group by it.
 */
const MORE: ReadonlyArray<readonly [string, string, readonly string[], string?]> = [
  ['four_px', '4PX', ['4PX'], 'https://track.4px.com/#/result/0/{n}'],
  ['ags', 'AGS', ['AGS']],
  ['an_post', 'An Post', ['An Post'], 'https://www.anpost.com/Post-Parcels/Track/History?item={n}'],
  ['anjun', 'Anjun Logistics', ['Anjun Logistics', 'Anjun']],
  ['apc', 'APC', ['APC', 'APC Postal Logistics']],
  ['asendia', 'Asendia', ['Asendia USA', 'Asendia']],
  ['bonshaw', 'Bonshaw', ['Bonshaw']],
  [
    'bpost',
    'bpost',
    ['BPost', 'BPost International'],
    'https://track.bpost.cloud/btr/web/#/search?itemCode={n}',
  ],
  ['canpar', 'Canpar', ['Canpar']],
  ['cdl', 'CDL Last Mile', ['CDL Last Mile', 'CDL']],
  ['china_post', 'China Post', ['China Post']],
  [
    'chronopost',
    'Chronopost',
    ['Chronopost'],
    'https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT={n}',
  ],
  ['chukou1', 'Chukou1', ['Chukou1']],
  ['comingle', 'Comingle', ['Comingle']],
  ['coordinadora', 'Coordinadora', ['Coordinadora']],
  ['correios', 'Correios', ['Correios']],
  ['ctt', 'CTT', ['CTT']],
  ['ctt_express', 'CTT Express', ['CTT Express']],
  ['cyprus_post', 'Cyprus Post', ['Cyprus Post']],
  ['delnext', 'Delnext', ['Delnext']],
  ['dtd_express', 'DTD Express', ['DTD Express']],
  ['dx', 'DX', ['DX']],
  ['eagle', 'Eagle', ['Eagle']],
  ['estes', 'Estes', ['Estes']],
  ['first_global_logistics', 'First Global Logistics', ['First Global Logistics']],
  ['first_line', 'First Line', ['First Line']],
  ['fsc', 'FSC', ['FSC']],
  ['fulfilla', 'Fulfilla', ['Fulfilla']],
  ['wse', 'WSE', ['Guangdong Weisuyi Information Technology (WSE)', 'WSE']],
  ['heppner', 'Heppner', ['Heppner Internationale Spedition GmbH & Co.', 'Heppner']],
  ['iceland_post', 'Iceland Post', ['Iceland Post']],
  ['idex', 'IDEX', ['IDEX']],
  ['israel_post', 'Israel Post', ['Israel Post']],
  // Not La Poste (France): Burkina Faso's national post.
  ['la_poste_burkina_faso', 'La Poste Burkina Faso', ['La Poste Burkina Faso']],
  ['lasership', 'LaserShip', ['Lasership']],
  ['latvia_post', 'Latvia Post', ['Latvia Post']],
  ['lietuvos_pastas', 'Lietuvos paštas', ['Lietuvos Paštas']],
  ['logisters', 'Logisters', ['Logisters']],
  ['lso', 'Lone Star Overnight', ['Lone Star Overnight', 'LSO']],
  ['m3_logistics', 'M3 Logistics', ['M3 Logistics']],
  ['meteor_space', 'Meteor Space', ['Meteor Space']],
  ['mondial_relay', 'Mondial Relay', ['Mondial Relay']],
  ['nz_post', 'New Zealand Post', ['New Zealand Post', 'NZ Post']],
  ['ninja_van', 'Ninja Van', ['NinjaVan']],
  [
    'north_russia_supply_chain',
    'North Russia Supply Chain',
    ['North Russia Supply Chain (Shenzhen) Co.'],
  ],
  ['packeta', 'Packeta', ['Packeta', 'Zásilkovna'], 'https://tracking.packeta.com/en/?id={n}'],
  ['pago', 'Pago Logistics', ['Pago Logistics']],
  ['pingan_tengfei', 'Ping An Da Tengfei Express', ['Ping An Da Tengfei Express']],
  ['pitney_bowes', 'Pitney Bowes', ['Pitney Bowes']],
  ['poste_italiane', 'Poste Italiane', ['Poste Italiane']],
  [
    'purolator',
    'Purolator',
    ['Purolator'],
    'https://www.purolator.com/en/shipping/tracker?pin={n}',
  ],
  ['qxpress', 'Qxpress', ['Qxpress']],
  ['qyun', 'Qyun Express', ['Qyun Express']],
  ['royal_shipments', 'Royal Shipments', ['Royal Shipments']],
  ['sagawa', 'Sagawa', ['Sagawa (EN)', 'Sagawa (JA)', 'Sagawa']],
  ['sendle', 'Sendle', ['Sendle']],
  ['sf_express', 'SF Express', ['SF Express']],
  ['sfc', 'SFC Fulfillment', ['SFC Fulfillment']],
  ['shipbob', 'ShipBob', ['ShipBob']],
  ['shree_nandan', 'Shree Nandan Courier', ['SHREE NANDAN COURIER']],
  ['singpost', 'Singapore Post', ['Singapore Post']],
  ['southwest_cargo', 'Southwest Air Cargo', ['Southwest Air Cargo']],
  ['startrack', 'StarTrack', ['StarTrack']],
  ['step_forward', 'Step Forward Freight', ['Step Forward Freight']],
  ['swiss_post', 'Swiss Post', ['Swiss Post']],
  ['tforce', 'TForce Final Mile', ['TForce Final Mile']],
  ['tinghao', 'Tinghao', ['Tinghao']],
  [
    'tnt',
    'TNT',
    ['TNT'],
    'https://www.tnt.com/express/en_gc/site/shipping-tools/tracking.html?searchType=con&cons={n}',
  ],
  ['toll', 'Toll IPEC', ['Toll IPEC']],
  ['uds', 'United Delivery Service', ['United Delivery Service']],
  ['venipak', 'Venipak', ['Venipak']],
  ['we_post', 'We Post', ['We Post']],
  ['whistl', 'Whistl', ['Whistl']],
  ['wizmo', 'Wizmo', ['Wizmo']],
  ['wmyc', 'WMYC', ['WMYC']],
  ['xpedigo', 'Xpedigo', ['Xpedigo']],
  ['xpo', 'XPO Logistics', ['XPO Logistics']],
  ['yamato', 'Yamato', ['Yamato (EN)', 'Yamato (JA)', 'Yamato']],
  ['yifan', 'YiFan Express', ['YiFan Express']],
  ['yunexpress', 'YunExpress', ['YunExpress']],
  // Shown only to shops in one country.
  ['aramex_au', 'Aramex Australia', ['Aramex Australia']],
  ['tnt_au', 'TNT Australia', ['TNT Australia']],
  ['hunter_express', 'Hunter Express', ['Hunter Express']],
  ['couriers_please', 'CouriersPlease', ['Couriers Please']],
  ['bonds', 'Bonds', ['Bonds']],
  ['allied_express', 'Allied Express', ['Allied Express']],
  ['direct_couriers', 'Direct Couriers', ['Direct Couriers']],
  ['northline', 'Northline', ['Northline']],
  ['go_logistics', 'GO Logistics', ['GO Logistics']],
  ['austrian_post', 'Österreichische Post', ['Österreichische Post', 'Austrian Post']],
  ['speedy', 'Speedy', ['Speedy']],
  ['intelcom', 'Intelcom', ['Intelcom']],
  ['boxknight', 'BoxKnight', ['BoxKnight']],
  ['loomis', 'Loomis', ['Loomis']],
  ['wanb', 'WanbExpress', ['WanbExpress']],
  ['swiship', 'Swiship', ['Swiship']],
  // Hermes Germany; Hermes UK is Evri.
  ['hermes_de', 'Hermes', ['Hermes', 'Hermes Germany']],
  ['seur', 'SEUR', ['SEUR']],
  ['colis_prive', 'Colis Privé', ['Colis Privé']],
  [
    'parcelforce',
    'Parcelforce',
    ['Parcelforce', 'Parcelforce Worldwide'],
    'https://www.parcelforce.com/track-trace?trackNumber={n}',
  ],
  ['yodel', 'Yodel', ['Yodel'], 'https://www.yodel.co.uk/tracking/{n}'],
  ['tuffnells', 'Tuffnells', ['Tuffnells']],
  ['acs_courier', 'ACS Courier', ['ACS Courier']],
  ['fastway', 'Fastway', ['Fastway']],
  ['dpd_ireland', 'DPD Ireland', ['DPD Ireland']],
  ['dtdc', 'DTDC', ['DTDC']],
  ['india_post', 'India Post', ['India Post']],
  ['delhivery', 'Delhivery', ['Delhivery']],
  ['gati', 'Gati KWE', ['Gati KWE', 'Gati']],
  ['professional_couriers', 'The Professional Couriers', ['Professional Couriers']],
  ['xpressbees', 'XpressBees', ['XpressBees']],
  ['ecom_express', 'Ecom Express', ['Ecom Express']],
  ['ekart', 'Ekart', ['Ekart']],
  ['shadowfax', 'Shadowfax', ['Shadowfax']],
  ['bluedart', 'Blue Dart', ['Bluedart']],
  ['brt', 'BRT', ['BRT']],
  ['gls_italy', 'GLS Italy', ['GLS Italy']],
  ['ecohai', 'エコ配', ['エコ配']],
  ['seino', '西濃運輸', ['西濃運輸']],
  ['seino_super_express', '西濃スーパーエキスプレス', ['西濃スーパーエキスプレス']],
  ['fukuyama', '福山通運', ['福山通運']],
  ['nippon_express', '日本通運', ['日本通運']],
  ['meitetsu', '名鉄運輸', ['名鉄運輸']],
  ['daiichi_kamotsu', '第一貨物', ['第一貨物']],
  ['inpost', 'InPost', ['Inpost'], 'https://inpost.pl/sledzenie-przesylek?number={n}'],
  ['ptt', 'PTT', ['PTT']],
  ['yurtici', 'Yurtiçi Kargo', ['Yurtiçi Kargo']],
  ['aras', 'Aras Kargo', ['Aras Kargo']],
  ['surat', 'Sürat Kargo', ['Sürat Kargo']],
  ['alliance_air_freight', 'Alliance Air Freight', ['Alliance Air Freight']],
  ['pilot_freight', 'Pilot Freight', ['Pilot Freight']],
  ['old_dominion', 'Old Dominion', ['Old Dominion']],
  ['pandion', 'Pandion', ['Pandion']],
  ['rl_carriers', 'R+L Carriers', ['R+L Carriers']],
  ['skynet', 'Skynet', ['Skynet']],
];

/** Every carrier we recognise. */
export const CARRIERS: readonly CarrierEntry[] = [
  ...KNOWN,
  ...MORE.map(([code, name, names, link]): CarrierEntry => {
    const aliases = names.map(carrierNameKey);
    return link ? { code, name, aliases, link } : { code, name, aliases };
  }),
];

const BY_CODE = new Map(CARRIERS.map((entry) => [entry.code, entry]));
const BY_ALIAS = new Map(
  CARRIERS.flatMap((entry) => entry.aliases.map((a) => [a, entry] as const)),
);

/**
 * Case, accents, spaces and punctuation do not matter: "PostNord SE" and "postnord-se" are one
 * name. Letters of every script count (Shopify lists Japanese carriers by their Japanese names).
 */
export function carrierNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]/gu, '');
}

export function carrierByCode(code: string): CarrierEntry | undefined {
  return BY_CODE.get(code);
}

export function carrierByName(name: string): CarrierEntry | undefined {
  return BY_ALIAS.get(carrierNameKey(name));
}

// The carriers we recognise: stable code, display name, the names Shopify and merchants use, public tracking page.

export interface CarrierEntry {
  code: string;
  name: string;
  /** Names as normalised by `carrierNameKey`; Shopify's fixed list first, common spellings after. */
  aliases: readonly string[];
  /** Public tracking page; `{n}` is replaced by the URL-encoded tracking number. */
  link?: string;
}

const DHL_GLOBAL = 'https://www.dhl.com/global-en/home/tracking.html?tracking-id={n}&submit=1';
const DHL_GERMANY = 'https://www.dhl.de/de/privatkunden/dhl-sendungsverfolgung.html?piececode={n}';
const LA_POSTE = 'https://www.laposte.fr/outils/suivre-vos-envois?code={n}';

export const CARRIERS: readonly CarrierEntry[] = [
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
    aliases: ['deutschepost', 'deutschepostdhl', 'deutschepostinternational'],
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
    aliases: ['amazonlogistics', 'amazonlogisticsus', 'amazonlogisticsuk', 'amazonshipping'],
    link: 'https://track.amazon.com/tracking/{n}',
  },
];

const BY_CODE = new Map(CARRIERS.map((entry) => [entry.code, entry]));
const BY_ALIAS = new Map(
  CARRIERS.flatMap((entry) => entry.aliases.map((a) => [a, entry] as const)),
);

/** Case, accents, spaces and punctuation do not matter: "PostNord SE" and "postnord-se" are one name. */
export function carrierNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function carrierByCode(code: string): CarrierEntry | undefined {
  return BY_CODE.get(code);
}

export function carrierByName(name: string): CarrierEntry | undefined {
  return BY_ALIAS.get(carrierNameKey(name));
}

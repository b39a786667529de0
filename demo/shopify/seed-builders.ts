// Small builders that turn compact order descriptions into full Admin-shaped seed objects.
import type {
  SeedAddress,
  SeedCommentEvent,
  SeedCustomer,
  SeedFulfillment,
  SeedFulfillmentEvent,
  SeedFulfillmentOrder,
  SeedLineItem,
  SeedOrder,
} from './seed-types.js';
import { productForTitle } from './storefront-catalogue.js';

/** ISO timestamps relative to a fixed `now`, in Shopify's DateTime form (seconds, `Z`). */
export type Hours = (hoursFromNow: number) => string;

export function hoursFrom(now: Date): Hours {
  return (h) =>
    new Date(now.getTime() + Math.round(h * 3_600_000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface PersonSpec {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  address1: string;
  address2?: string;
  city: string;
  province?: string;
  provinceCode?: string;
  zip: string;
  country: string;
  countryCode: string;
  locale?: string;
  note: string;
  tags: string[];
}

export function address(p: PersonSpec, idSuffix: string): SeedAddress {
  return {
    id: `gid://shopify/MailingAddress/${p.id}${idSuffix}`,
    firstName: p.firstName,
    lastName: p.lastName,
    name: `${p.firstName} ${p.lastName}`,
    company: null,
    address1: p.address1,
    address2: p.address2 ?? null,
    city: p.city,
    province: p.province ?? null,
    provinceCode: p.provinceCode ?? null,
    zip: p.zip,
    country: p.country,
    countryCodeV2: p.countryCode,
    phone: p.phone,
  };
}

export function customer(p: PersonSpec): SeedCustomer {
  return {
    id: `gid://shopify/Customer/${p.id}`,
    legacyResourceId: String(p.id),
    firstName: p.firstName,
    lastName: p.lastName,
    displayName: `${p.firstName} ${p.lastName}`,
    email: p.email,
    phone: p.phone,
    note: p.note,
    tags: p.tags,
    defaultAddress: address(p, '1'),
    locale: p.locale ?? 'en',
    verifiedEmail: true,
  };
}

export interface ItemSpec {
  title: string;
  variant?: string;
  quantity: number;
  sku: string;
  vendor?: string;
  digital?: boolean;
}

export interface EventSpec {
  status: string;
  hoursAgo: number;
  message: string;
  city?: string;
  province?: string;
  country?: string;
  zip?: string;
}

export interface ShipmentSpec {
  displayStatus: string | null;
  status?: string;
  createdHoursAgo: number;
  inTransitHoursAgo?: number;
  deliveredHoursAgo?: number;
  /** Hours from now (negative when the promise has passed). */
  estimatedInHours?: number;
  tracking: Array<{ company: string | null; number: string | null; url: string | null }>;
  /** Oldest first; the emulator sorts them on request like Shopify does. */
  events?: EventSpec[];
  /** Pairs of (line item index, quantity); every line item in full when left out. */
  items?: Array<[number, number]>;
}

export interface HoldSpec {
  reason: string;
  displayReason: string;
  reasonNotes: string;
}

export interface FulfillmentOrderSpec {
  status: string;
  fulfillAtInHours?: number;
  holds?: HoldSpec[];
}

export interface OrderSpec {
  seq: number;
  name: string;
  person: PersonSpec;
  processedHoursAgo: number;
  financial: string | null;
  fulfillment: string;
  returnStatus?: string;
  cancelled?: { hoursAgo: number; reason: string };
  items: ItemSpec[];
  shipments?: ShipmentSpec[];
  fulfillmentOrders?: FulfillmentOrderSpec[];
  note: string;
  tags: string[];
  comments: string[];
}

function productOf(title: string): { id: string } | null {
  const product = productForTitle(title);
  return product ? { id: `gid://shopify/Product/${product.id}` } : null;
}

function lineItem(seq: number, index: number, spec: ItemSpec): SeedLineItem {
  return {
    id: `gid://shopify/LineItem/${seq * 100 + index + 1}`,
    name: spec.variant ? `${spec.title} - ${spec.variant}` : spec.title,
    title: spec.title,
    variantTitle: spec.variant ?? null,
    sku: spec.sku,
    vendor: spec.vendor ?? 'Nordlys Outfitters',
    quantity: spec.quantity,
    currentQuantity: spec.quantity,
    requiresShipping: !spec.digital,
    isGiftCard: false,
    product: productOf(spec.title),
  };
}

function fulfillmentEvent(id: string, e: EventSpec, at: Hours): SeedFulfillmentEvent {
  return {
    id,
    status: e.status,
    happenedAt: at(-e.hoursAgo),
    createdAt: at(-e.hoursAgo + 0.05),
    message: e.message,
    address1: null,
    city: e.city ?? null,
    province: e.province ?? null,
    zip: e.zip ?? null,
    country: e.country ?? null,
    latitude: null,
    longitude: null,
    estimatedDeliveryAt: null,
  };
}

function fulfillment(
  spec: OrderSpec,
  items: SeedLineItem[],
  s: ShipmentSpec,
  index: number,
  at: Hours,
): SeedFulfillment {
  const fid = spec.seq * 10 + index + 1;
  const pairs = s.items ?? items.map((item, i) => [i, item.quantity] as [number, number]);
  const fulfillmentLineItems = pairs.map(([i, quantity], n) => {
    const item = items[i];
    if (!item) throw new Error(`${spec.name}: shipment ${index} names line item ${i}`);
    return {
      id: `gid://shopify/FulfillmentLineItem/${fid * 100 + n + 1}`,
      quantity,
      lineItem: item,
    };
  });
  const lastEvent = s.events?.at(-1);
  return {
    id: `gid://shopify/Fulfillment/${fid}`,
    legacyResourceId: String(fid),
    name: `${spec.name}-F${index + 1}`,
    status: s.status ?? 'SUCCESS',
    displayStatus: s.displayStatus,
    createdAt: at(-s.createdHoursAgo),
    updatedAt: at(-(lastEvent?.hoursAgo ?? s.createdHoursAgo)),
    inTransitAt: s.inTransitHoursAgo === undefined ? null : at(-s.inTransitHoursAgo),
    deliveredAt: s.deliveredHoursAgo === undefined ? null : at(-s.deliveredHoursAgo),
    estimatedDeliveryAt: s.estimatedInHours === undefined ? null : at(s.estimatedInHours),
    requiresShipping: true,
    totalQuantity: fulfillmentLineItems.reduce((sum, f) => sum + f.quantity, 0),
    trackingInfo: s.tracking,
    events: (s.events ?? []).map((e, n) =>
      fulfillmentEvent(`gid://shopify/FulfillmentEvent/${fid * 100 + n + 1}`, e, at),
    ),
    fulfillmentLineItems,
  };
}

const CLOSED_WHEN: Record<string, string> = {
  FULFILLED: 'CLOSED',
  FULFILLMENT_NOT_REQUIRED: 'CLOSED',
  PARTIALLY_FULFILLED: 'IN_PROGRESS',
  IN_PROGRESS: 'IN_PROGRESS',
};

function fulfillmentOrders(spec: OrderSpec, at: Hours): SeedFulfillmentOrder[] {
  const specs: FulfillmentOrderSpec[] = spec.fulfillmentOrders ?? [
    { status: spec.cancelled ? 'CLOSED' : (CLOSED_WHEN[spec.fulfillment] ?? 'OPEN') },
  ];
  return specs.map((fo, i) => {
    const id = spec.seq * 10 + i + 1;
    return {
      id: `gid://shopify/FulfillmentOrder/${id}`,
      status: fo.status,
      requestStatus: 'UNSUBMITTED',
      createdAt: at(-spec.processedHoursAgo),
      updatedAt: at(-spec.processedHoursAgo + 0.5),
      fulfillAt: fo.fulfillAtInHours === undefined ? null : at(fo.fulfillAtInHours),
      fulfillBy: null,
      orderId: `gid://shopify/Order/${spec.seq}`,
      orderName: spec.name,
      orderProcessedAt: at(-spec.processedHoursAgo),
      fulfillmentHolds: (fo.holds ?? []).map((h, n) => ({
        id: `gid://shopify/FulfillmentHold/${id * 10 + n + 1}`,
        reason: h.reason,
        reasonNotes: h.reasonNotes,
        displayReason: h.displayReason,
        handle: null,
        heldByRequestingApp: false,
      })),
    };
  });
}

function comment(seq: number, index: number, text: string, createdAt: string): SeedCommentEvent {
  return {
    __typename: 'CommentEvent',
    id: `gid://shopify/CommentEvent/${seq * 10 + index + 1}`,
    action: 'comment',
    appTitle: null,
    attributeToApp: false,
    attributeToUser: true,
    criticalAlert: false,
    createdAt,
    message: text,
    rawMessage: text,
    canDelete: true,
    canEdit: true,
    edited: false,
    attachments: [],
  };
}

// Shopify's confirmation codes avoid characters that read alike (0/O, 1/I).
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A stable 9-character confirmation code for a seed order, starting with a letter: `seq` → code. */
export function confirmationNumberFor(seq: number): string {
  let state = (seq * 2654435761) >>> 0;
  let code = '';
  for (let i = 0; i < 9; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const pool = i === 0 ? 24 : CODE_ALPHABET.length;
    code += CODE_ALPHABET[(state >>> 16) % pool];
  }
  return code;
}

export function buildOrder(spec: OrderSpec, at: Hours): SeedOrder {
  const items = spec.items.map((item, i) => lineItem(spec.seq, i, item));
  const processedAt = at(-spec.processedHoursAgo);
  const lastChange = spec.shipments?.flatMap((s) => s.events ?? []).at(-1)?.hoursAgo;
  const shipping = items.some((i) => i.requiresShipping);
  return {
    id: `gid://shopify/Order/${spec.seq}`,
    legacyResourceId: String(spec.seq),
    number: Number(spec.name.replace(/\D/g, '')),
    name: spec.name,
    confirmationNumber: confirmationNumberFor(spec.seq),
    email: spec.person.email,
    phone: spec.person.phone,
    createdAt: processedAt,
    updatedAt: at(-(lastChange ?? spec.processedHoursAgo)),
    processedAt,
    cancelledAt: spec.cancelled ? at(-spec.cancelled.hoursAgo) : null,
    cancelReason: spec.cancelled?.reason ?? null,
    closed: false,
    closedAt: null,
    confirmed: true,
    test: false,
    currencyCode: 'NOK',
    displayFinancialStatus: spec.financial,
    displayFulfillmentStatus: spec.fulfillment,
    returnStatus: spec.returnStatus ?? 'NO_RETURN',
    requiresShipping: shipping,
    note: spec.note,
    tags: spec.tags,
    hasTimelineComment: spec.comments.length > 0,
    customer: customer(spec.person),
    shippingAddress: shipping ? address(spec.person, '2') : null,
    billingAddress: address(spec.person, '3'),
    lineItems: items,
    fulfillments: (spec.shipments ?? []).map((s, i) => fulfillment(spec, items, s, i, at)),
    fulfillmentOrders: fulfillmentOrders(spec, at),
    events: spec.comments.map((text, i) =>
      comment(spec.seq, i, text, at(-spec.processedHoursAgo + 1 + i)),
    ),
  };
}

/**
 * Every string in an order that must never reach a shopper: contact details beyond the email they
 * typed, addresses, and staff notes, tags, comments and hold notes.
 */
export function privateStrings(order: SeedOrder): string[] {
  const c = order.customer;
  const a = order.shippingAddress ?? order.billingAddress;
  return [
    order.phone,
    order.note,
    ...order.tags,
    ...order.events.map((e) => e.rawMessage),
    ...order.fulfillmentOrders.flatMap((fo) => fo.fulfillmentHolds.map((h) => h.reasonNotes)),
    c?.lastName,
    c?.note,
    ...(c?.tags ?? []),
    a?.address1,
    a?.zip,
    a?.phone,
  ].filter((s): s is string => typeof s === 'string' && s.length > 0);
}

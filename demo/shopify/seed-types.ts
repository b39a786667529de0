// Shapes of the seeded Admin objects: field names and enum values as Shopify's 2026-10 schema spells them.

export interface SeedAddress {
  id: string;
  firstName: string;
  lastName: string;
  name: string;
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  province: string | null;
  provinceCode: string | null;
  zip: string;
  country: string;
  countryCodeV2: string;
  phone: string;
}

export interface SeedCustomer {
  id: string;
  legacyResourceId: string;
  firstName: string;
  lastName: string;
  displayName: string;
  email: string;
  phone: string;
  /** Staff-only: never shown to a shopper. */
  note: string;
  /** Staff-only: never shown to a shopper. */
  tags: string[];
  defaultAddress: SeedAddress;
  locale: string;
  verifiedEmail: boolean;
}

export interface SeedLineItem {
  id: string;
  name: string;
  title: string;
  variantTitle: string | null;
  sku: string;
  vendor: string;
  quantity: number;
  currentQuantity: number;
  requiresShipping: boolean;
  isGiftCard: boolean;
  /** The catalogue product (storefront-catalogue.ts); null for items the storefront does not sell. */
  product: { id: string } | null;
}

export interface SeedFulfillmentLineItem {
  id: string;
  quantity: number;
  lineItem: SeedLineItem;
}

export interface SeedTrackingInfo {
  company: string | null;
  number: string | null;
  url: string | null;
}

export interface SeedFulfillmentEvent {
  id: string;
  status: string;
  happenedAt: string;
  createdAt: string;
  message: string | null;
  address1: string | null;
  city: string | null;
  province: string | null;
  zip: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  estimatedDeliveryAt: string | null;
}

export interface SeedFulfillment {
  id: string;
  legacyResourceId: string;
  name: string;
  status: string;
  displayStatus: string | null;
  createdAt: string;
  updatedAt: string;
  inTransitAt: string | null;
  deliveredAt: string | null;
  estimatedDeliveryAt: string | null;
  requiresShipping: boolean;
  totalQuantity: number;
  trackingInfo: SeedTrackingInfo[];
  events: SeedFulfillmentEvent[];
  fulfillmentLineItems: SeedFulfillmentLineItem[];
}

export interface SeedFulfillmentHold {
  id: string;
  reason: string;
  /** Staff-only: why staff put the hold on. */
  reasonNotes: string | null;
  displayReason: string;
  handle: string | null;
  heldByRequestingApp: boolean;
}

export interface SeedFulfillmentOrder {
  id: string;
  status: string;
  requestStatus: string;
  createdAt: string;
  updatedAt: string;
  fulfillAt: string | null;
  fulfillBy: string | null;
  orderId: string;
  orderName: string;
  orderProcessedAt: string;
  fulfillmentHolds: SeedFulfillmentHold[];
}

/** A staff timeline comment: the `CommentEvent` member of the `Event` interface. */
export interface SeedCommentEvent {
  __typename: 'CommentEvent';
  id: string;
  action: string;
  appTitle: string | null;
  attributeToApp: boolean;
  attributeToUser: boolean;
  criticalAlert: boolean;
  createdAt: string;
  message: string;
  rawMessage: string;
  canDelete: boolean;
  canEdit: boolean;
  edited: boolean;
  attachments: never[];
}

export interface SeedOrder {
  id: string;
  legacyResourceId: string;
  number: number;
  name: string;
  /** The code on the thank-you page (`Order.confirmationNumber`): upper-case letters and digits. */
  confirmationNumber: string | null;
  email: string | null;
  phone: string | null;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  closed: boolean;
  closedAt: string | null;
  confirmed: boolean;
  test: boolean;
  currencyCode: string;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  returnStatus: string;
  requiresShipping: boolean;
  /** Staff-only: never shown to a shopper. */
  note: string | null;
  /** Staff-only: never shown to a shopper. */
  tags: string[];
  hasTimelineComment: boolean;
  customer: SeedCustomer | null;
  shippingAddress: SeedAddress | null;
  billingAddress: SeedAddress | null;
  lineItems: SeedLineItem[];
  fulfillments: SeedFulfillment[];
  fulfillmentOrders: SeedFulfillmentOrder[];
  /** Staff timeline comments (`Order.events`). */
  events: SeedCommentEvent[];
}

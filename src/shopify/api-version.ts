// The Admin API version every query in this project is written and validated against.
export const ADMIN_API_VERSION = '2026-10';
/** The Storefront API version the recommendations query is written and validated against. */
export const STOREFRONT_API_VERSION = '2026-10';

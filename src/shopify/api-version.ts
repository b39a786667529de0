// The Admin API version every query in this project is written and validated against.
export const ADMIN_API_VERSION = '2026-10';

// The board's counts in the order the admin home shows them; no imports, so the admin bundle and tests share it.

/** Keys of `GET /api/overview`'s counts the board shows: waiting orders first, then shipments by how far they got. */
export const BOARD_KEYS = [
  'unfulfilled',
  'on_hold',
  'scheduled',
  'label_created',
  'in_transit',
  'out_for_delivery',
  'ready_for_pickup',
  'attempted_delivery',
  'delayed',
  'stalled',
  'failure',
  'returned_to_sender',
  'delivered',
] as const;

// Check-digit arithmetic for the tracking-number formats we detect ourselves (UPU S10, GS1).

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/** UPU S10: the check digit of an 8-digit serial (weights 8,6,4,2,3,5,9,7; 11 − sum mod 11; 10→0, 11→5). */
export function s10CheckDigit(serial: string): number | undefined {
  if (!/^\d{8}$/.test(serial)) return undefined;
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(serial[i]) * (S10_WEIGHTS[i] ?? 0);
  const check = 11 - (sum % 11);
  if (check === 10) return 0;
  if (check === 11) return 5;
  return check;
}

/** GS1 mod 10 (GTIN, GSIN, SSCC): weights 3,1,3,1… from the rightmost digit of the payload. */
export function gs1CheckDigit(payload: string): number | undefined {
  if (!/^\d+$/.test(payload)) return undefined;
  let sum = 0;
  for (let i = 0; i < payload.length; i += 1) {
    const digit = Number(payload[payload.length - 1 - i]);
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` is the GS1 check digit of the rest. */
export function hasValidGs1CheckDigit(digits: string): boolean {
  if (digits.length < 2) return false;
  return gs1CheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}

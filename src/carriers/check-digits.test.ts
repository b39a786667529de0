import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, hasValidGs1CheckDigit, s10CheckDigit } from './check-digits.js';

describe('s10CheckDigit', () => {
  it('computes the UPU example RB 12345678 5', () => {
    expect(s10CheckDigit('12345678')).toBe(5);
  });

  it('turns a computed 11 into 5 and a computed 10 into 0', () => {
    expect(s10CheckDigit('00000000')).toBe(5);
    expect(s10CheckDigit('00300000')).toBe(0);
    expect(s10CheckDigit('00000001')).toBe(4);
  });

  it('refuses anything but eight digits', () => {
    expect(s10CheckDigit('1234567')).toBeUndefined();
    expect(s10CheckDigit('1234567A')).toBeUndefined();
  });
});

describe('gs1CheckDigit', () => {
  it('computes a known GTIN-13 check digit', () => {
    // 4006381333931 is a widely printed EAN-13
    expect(gs1CheckDigit('400638133393')).toBe(1);
  });

  it('validates a full number by its last digit', () => {
    expect(hasValidGs1CheckDigit('4006381333931')).toBe(true);
    expect(hasValidGs1CheckDigit('4006381333932')).toBe(false);
  });
});

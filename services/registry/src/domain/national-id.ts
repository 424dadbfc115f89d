import { InputError } from '@rehab/domain-kit';
import { registryErrors } from './errors.ts';

/**
 * The 12-digit personal identification number (số định danh cá nhân) printed on the
 * citizen ID card (Law on Identification 2023 Art. 12). Only the length and digits are
 * checked: the embedded province/sex/year codes are not a checksum and old cards exist.
 */
export function isValidNationalId(value: string): boolean {
  return /^\d{12}$/.test(value);
}

/** Validates and returns the number, or throws an input error naming the field. */
export function requireValidNationalId(value: string, field = 'nationalId'): string {
  if (!isValidNationalId(value)) throw new InputError(registryErrors.invalidNationalId, { field });
  return value;
}

/** What may be shown to agencies that do not own the number: first 3 and last 2 digits. */
export function maskNationalId(value: string): string {
  return `${value.slice(0, 3)}*******${value.slice(-2)}`;
}

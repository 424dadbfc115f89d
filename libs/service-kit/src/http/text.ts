// One primitive for every free-text field (names, addresses, notes, reasons): what is stored
// is Unicode NFC, trimmed, and bounded, with no character that hides or corrupts text: C0 and
// C1 controls (NUL, BEL, ...), bidirectional overrides and isolates, or a lone surrogate. The
// same schema validates the field and documents it (`pattern`, `maxLength`) in OpenAPI.
import { z } from 'zod';

// ECMA-262 and JSON Schema alike: anything but the controls and the bidi formatting marks.
// Naming the control characters is the point of this pattern.
// eslint-disable-next-line no-control-regex
const ALLOWED = /^[^\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/;

/** A free-text field of `min` (default 1) to `max` characters after trimming. */
export function freeText(options: { max: number; min?: number; example?: string }) {
  const { max, min = 1, example } = options;
  return z
    .string()
    .normalize('NFC')
    .trim()
    .min(min)
    .max(max)
    .regex(ALLOWED, 'must not contain control characters or bidirectional overrides')
    .refine((text) => text.isWellFormed(), 'must be well-formed Unicode (no lone surrogate)')
    .meta(example ? { example } : {});
}

import { Transform } from 'class-transformer';

/** Trims a string field before validation, so "   " is as empty as "". */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

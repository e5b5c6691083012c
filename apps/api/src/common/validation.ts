import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError, type FieldError } from './app-error';

/** Field errors by path (nested fields as `nominee.kind`), as every 400 names them. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/**
 * Strict validation for every DTO: unknown properties are refused, and a 400 names each invalid field
 * (nested fields by path, e.g. `nominee.kind`).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      return new AppError('VALIDATION_FAILED', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
    },
  });
}

import { createParamDecorator, type ExecutionContext, type PipeTransform, Injectable } from '@nestjs/common';
import { AppError } from './app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `:id` must be a UUID; a 400 names the parameter. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw AppError.field('id', 'must be a UUID');
    return value.toLowerCase();
  }
}

const KEY = /^[\w.:-]{1,200}$/;

/** The `Idempotency-Key` header: a retried request with the same key applies once. */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers[
    'idempotency-key'
  ];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY.test(value)) {
    throw AppError.field('Idempotency-Key', 'must be 1–200 characters of letters, digits, and . _ : -');
  }
  return value;
});

import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { AppError, type FieldError } from './app-error';
import { isDatabaseUnavailable } from './db-errors';

/** The one JSON shape of every error the API returns. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: FieldError[];
  correlationId: string;
}

const HTTP_CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'INVALID_STATE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * Known errors keep their status and body; anything else becomes a 500 with a correlation id, logged with
 * its stack, and nothing internal leaks to the client.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const header = req.headers['x-correlation-id'];
    const correlationId = typeof header === 'string' && /^[\w-]{1,64}$/.test(header) ? header : randomUUID();
    let body: ErrorBody;
    if (exception instanceof AppError) {
      body = { statusCode: exception.status, error: exception.code, message: exception.message, correlationId };
      if (exception.fields.length) body.fields = exception.fields;
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? (response as { message: string[] }).message.join('; ')
            : String((response as { message?: unknown }).message ?? exception.message);
      body = { statusCode: status, error: HTTP_CODES[status] ?? `HTTP_${status}`, message, correlationId };
    } else if (isDatabaseUnavailable(exception)) {
      this.logger.warn(
        `Database unavailable [${correlationId}] ${req.method} ${req.url}: ${(exception as Error).message}`,
      );
      body = {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'SERVICE_UNAVAILABLE',
        message: 'The database is unavailable; retry shortly',
        correlationId,
      };
      res.setHeader('Retry-After', '5');
    } else {
      this.logger.error(
        `Unhandled error [${correlationId}] ${req.method} ${req.url}`,
        (exception as Error)?.stack ?? String(exception),
      );
      body = {
        statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
        error: 'INTERNAL',
        message: 'Internal error; quote the correlation id when reporting it',
        correlationId,
      };
    }
    if (body.statusCode >= 400 && body.statusCode < 500 && body.statusCode !== 404) {
      await this.recordDenied(req, body);
    }
    res.setHeader('x-correlation-id', correlationId);
    res.status(body.statusCode).json(body);
  }

  /**
   * Denied and invalid attempts (4xx but plain 404s) go to the audit log: who, what, why. Best effort: a
   * failure to record never changes the answer.
   */
  private async recordDenied(req: Request, body: ErrorBody): Promise<void> {
    const user = (req as Request & { user?: { username: string; role: string; orgUnitCode: string } }).user;
    try {
      await this.ds.query(
        `INSERT INTO denied_attempts (username, role, org_code, method, path, status, error, message, correlation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          user?.username ?? null,
          user?.role ?? null,
          user?.orgUnitCode ?? null,
          req.method.slice(0, 8),
          req.originalUrl.slice(0, 512),
          body.statusCode,
          body.error.slice(0, 64),
          body.message.slice(0, 2000),
          body.correlationId,
        ],
      );
    } catch (err) {
      this.logger.warn(`Could not record a denied attempt: ${(err as Error).message}`);
    }
  }
}

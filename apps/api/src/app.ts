import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation';
import type { Env } from '../../../libs/config/env';

export const API_PREFIX = 'api/v1';

/** Builds the HTTP application; main.ts listens with it, and the end-to-end tests drive the same one. */
export async function createApp(
  env: Env,
  options: { logger?: false | ('error' | 'warn' | 'log')[] } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env), {
    logger: options.logger ?? ['error', 'warn', 'log'],
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: '1mb' });
  // Security headers (CSP, HSTS, no sniffing, frame denial…); Swagger UI's own assets are same-origin.
  app.use(helmet());
  app.set('trust proxy', 'loopback');
  const origins = env.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  // Only the configured browser origins may call the API cross-origin; none by default (same origin).
  app.enableCors({
    origin: origins.length > 0 ? origins : false,
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Acting-For'],
  });
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  answerMalformedRequestsInJson(app.getHttpServer() as Server);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Award Dossier Engine API')
      .setDescription(
        'Hồ sơ đề nghị khen thưởng: nominate, appraise, vote, decide. Every route but login and health needs a bearer token.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

/**
 * Requests Node's HTTP parser refuses before Express sees them (headers or URL too large, garbage) get
 * the API's one error shape too, instead of Node's bare status line.
 */
function answerMalformedRequestsInJson(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify({
      statusCode: status,
      error: tooLarge ? 'HEADERS_TOO_LARGE' : 'MALFORMED_REQUEST',
      message: tooLarge ? 'The request line or headers are too large' : 'The HTTP request could not be parsed',
      correlationId: randomUUID(),
    });
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

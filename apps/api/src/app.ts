import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
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
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
  });
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
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

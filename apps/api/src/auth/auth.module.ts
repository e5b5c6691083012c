import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Env } from '../../../../libs/config/env';
import { ENV } from '../config/env.provider';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { RolesGuard } from './roles';
import { SubstitutionsController } from '../substitutions/substitutions.controller';
import { SubstitutionsService } from '../substitutions/substitutions.service';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ENV],
      useFactory: (env: Env) => ({
        // A KeyObject, made once: given a string, jsonwebtoken first tries it as a PEM public key on every
        // verify and builds a secret key only after that throws (≈ 0.5 ms of each request, in a CPU profile).
        secret: createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8')),
        signOptions: { expiresIn: env.JWT_EXPIRES_IN as unknown as number, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [ENV],
      useFactory: (env: Env) => [{ name: 'login', ttl: 60_000, limit: env.LOGIN_RATE_LIMIT }],
    }),
  ],
  controllers: [AuthController, SubstitutionsController],
  providers: [
    AuthService,
    SubstitutionsService,
    LoginThrottlerGuard,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AuthModule {}

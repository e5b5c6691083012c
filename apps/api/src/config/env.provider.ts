import { Global, Module } from '@nestjs/common';
import type { Env } from '../../../../libs/config/env';

/** Injection token of the validated environment. */
export const ENV = Symbol('ENV');

/** Makes the validated environment injectable everywhere. */
@Global()
@Module({})
export class EnvModule {
  static forRoot(env: Env) {
    return { module: EnvModule, providers: [{ provide: ENV, useValue: env }], exports: [ENV] };
  }
}

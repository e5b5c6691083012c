import { Global, Module, type OnApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { ENV } from '../config/env.provider';
import type { Env } from '../../../../libs/config/env';

export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');

@Injectable()
class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

/**
 * The Temporal client. The connection is lazy, so the API starts (and reports Temporal as down on
 * /health) while Temporal is unreachable, and connects on first use.
 */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CLIENT,
      inject: [ENV],
      useFactory: (env: Env) =>
        new Client({
          connection: Connection.lazy({ address: env.TEMPORAL_ADDRESS }),
          namespace: env.TEMPORAL_NAMESPACE,
        }),
    },
    TemporalConnectionCloser,
  ],
  exports: [TEMPORAL_CLIENT],
})
export class TemporalModule {}

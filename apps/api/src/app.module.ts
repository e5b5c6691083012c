import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '../../../libs/persistence/data-source';
import { AuthModule } from './auth/auth.module';
import { AwardsController } from './awards/awards.controller';
import { AwardsService } from './awards/awards.service';
import { ErrorFilter } from './common/error.filter';
import type { Env } from '../../../libs/config/env';
import { EnvModule } from './config/env.provider';
import { DossiersController, InboxController } from './dossiers/dossiers.controller';
import { DossiersService } from './dossiers/dossiers.service';
import { HealthController } from './health/health.controller';
import { OrgUnitsController } from './org-units/org-units.controller';
import { TemporalModule } from './temporal/temporal.module';
import { webAppModules } from './web/web-app.module';

@Module({})
export class AppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EnvModule.forRoot(env),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(env.DATABASE_URL, { poolSize: env.DATABASE_POOL_SIZE, applicationName: 'dossier-api' }),
        }),
        TemporalModule,
        TerminusModule,
        AuthModule,
        ...webAppModules(),
      ],
      controllers: [OrgUnitsController, AwardsController, DossiersController, InboxController, HealthController],
      providers: [AwardsService, DossiersService, { provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}

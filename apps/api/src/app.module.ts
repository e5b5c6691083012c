import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '../../../libs/persistence/data-source';
import { AdminController } from './admin/admin.controller';
import { AdminService } from './admin/admin.service';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
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
      ],
      controllers: [
        OrgUnitsController,
        AwardsController,
        DossiersController,
        InboxController,
        HealthController,
        AdminController,
        AuditController,
      ],
      providers: [
        AwardsService,
        DossiersService,
        AdminService,
        AuditService,
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '../../../libs/persistence/data-source';
import { AdminController } from './admin/admin.controller';
import { AdminService } from './admin/admin.service';
import { ReorganisationsController } from './reorganisations/reorganisations.controller';
import { ReorganisationsService } from './reorganisations/reorganisations.service';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AuthModule } from './auth/auth.module';
import { AwardsController } from './awards/awards.controller';
import { AwardsService } from './awards/awards.service';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { ErrorFilter } from './common/error.filter';
import type { Env } from '../../../libs/config/env';
import { EnvModule } from './config/env.provider';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardService } from './dashboard/dashboard.service';
import { DossiersController, InboxController } from './dossiers/dossiers.controller';
import { DossiersService } from './dossiers/dossiers.service';
import { HealthController } from './health/health.controller';
import { MulterModule } from '@nestjs/platform-express';
import { BLOB_STORE, blobStoreFromEnv } from './documents/blob-store';
import { BlobsController, DocumentsController } from './documents/documents.controller';
import { DocumentsService } from './documents/documents.service';
import { CLOSE_GUARD } from './councils/councils.service';
import { BatchesController } from './batches/batches.controller';
import { BatchesService } from './batches/batches.service';
import { CampaignsController } from './campaigns/campaigns.controller';
import { CampaignsService } from './campaigns/campaigns.service';
import { QuotaGuard } from './campaigns/quota-guard';
import { DecisionsController } from './decisions/decisions.controller';
import { DecisionsService } from './decisions/decisions.service';
import { CouncilsController } from './councils/councils.controller';
import { CouncilsService } from './councils/councils.service';
import { EligibilityController } from './eligibility/eligibility.controller';
import { EligibilityService } from './eligibility/eligibility.service';
import { SubmissionChecks } from './eligibility/submission-checks.service';
import { NomineesController } from './nominees/nominees.controller';
import { NomineesService } from './nominees/nominees.service';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { OrgUnitsController } from './org-units/org-units.controller';
import { TemporalModule } from './temporal/temporal.module';
import { OperationsController } from './operations/operations.controller';
import { OperationsService } from './operations/operations.service';
import { OperationsWorker } from './operations/operations.worker';
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
        // Uploads stay in memory (bounded by the size limit) so their hash is computed before anything is stored.
        MulterModule.register({
          limits: { fileSize: env.DOCUMENTS_MAX_BYTES, files: 1, fields: 10 },
          // Vietnamese file names arrive as UTF-8; multer would read them as latin1.
          defParamCharset: 'utf8',
        }),
        ...webAppModules(),
      ],
      controllers: [
        OrgUnitsController,
        AwardsController,
        DossiersController,
        InboxController,
        HealthController,
        NomineesController,
        EligibilityController,
        DocumentsController,
        BlobsController,
        CouncilsController,
        CampaignsController,
        BatchesController,
        DecisionsController,
        AdminController,
        ReorganisationsController,
        AuditController,
        CalendarController,
        DashboardController,
        NotificationsController,
        OperationsController,
      ],
      providers: [
        AwardsService,
        DossiersService,
        NomineesService,
        EligibilityService,
        SubmissionChecks,
        DocumentsService,
        CouncilsService,
        CampaignsService,
        BatchesService,
        DecisionsService,
        AdminService,
        ReorganisationsService,
        AuditService,
        CalendarService,
        DashboardService,
        NotificationsService,
        OperationsService,
        OperationsWorker,
        { provide: CLOSE_GUARD, useClass: QuotaGuard },
        { provide: BLOB_STORE, useValue: blobStoreFromEnv(env) },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}

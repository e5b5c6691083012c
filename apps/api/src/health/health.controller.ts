import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Client } from '@temporalio/client';
import { Public } from '../auth/auth-user';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Up when both PostgreSQL and Temporal answer; 503 otherwise' })
  check() {
    return this.health.check([
      () => this.db.pingCheck('postgresql', { timeout: 2000 }),
      async () => {
        const indicator = this.indicators.check('temporal');
        try {
          await Promise.race([
            this.temporal.connection.workflowService.getSystemInfo({}),
            new Promise((_, reject) => setTimeout(() => reject(new Error('timeout after 2000 ms')), 2000)),
          ]);
          return indicator.up();
        } catch (err) {
          return indicator.down({ message: (err as Error).message });
        }
      },
    ]);
  }
}

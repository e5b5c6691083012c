import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { operationsTaskQueue } from '../../../../libs/contracts';
import type { Env } from '../../../../libs/config/env';
import { ENV } from '../config/env.provider';
import { OperationsService } from './operations.service';

const RETRY_MS = 2000;

/**
 * An activity-only Temporal worker inside the API process: it serves the items of long operations (task queue
 * `<queue>-api`), because an item is the API's own service code. The workflows stay in apps/worker. It
 * connects in the background, so the API starts (and answers /health) while Temporal is away, and reconnects
 * when the connection is lost; every API instance serves the queue, so a crashed one's items go to another.
 */
@Injectable()
export class OperationsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OperationsWorker.name);
  private closing = false;
  private worker: Worker | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly operations: OperationsService,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.serve();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    if (worker && worker.getState() === 'RUNNING') worker.shutdown();
    // A connection attempt in flight is not waited for: it closes itself once it settles (see serve).
    if (worker) await this.loop;
  }

  private async serve(): Promise<void> {
    let warned = false;
    while (!this.closing) {
      let connection: NativeConnection | null = null;
      try {
        connection = await NativeConnection.connect({ address: this.env.TEMPORAL_ADDRESS });
        if (this.closing) break;
        this.worker = await Worker.create({
          connection,
          namespace: this.env.TEMPORAL_NAMESPACE,
          taskQueue: operationsTaskQueue(this.env.TEMPORAL_TASK_QUEUE),
          activities: this.operations.activities(),
          // A few operations at once, each running a handful of items: the API keeps answering requests.
          maxConcurrentActivityTaskExecutions: 16,
          // An item cut short at shutdown is retried by its workflow on another (or the restarted) API.
          shutdownGraceTime: '5 seconds',
        });
        if (this.closing) break;
        warned = false;
        await this.worker.run();
      } catch (err) {
        if (!warned) this.logger.warn(`operations worker not serving, retrying: ${(err as Error)?.message}`);
        warned = true;
      } finally {
        this.worker = null;
        await connection?.close().catch(() => undefined);
      }
      if (!this.closing) await new Promise((r) => setTimeout(r, RETRY_MS).unref());
    }
  }
}

import type { MigrationInterface } from 'typeorm';

/**
 * Squashed (issue 14): it changed the trigger-kept dashboard pre-aggregates, which migration 1764800000001 retired.
 * See 1764710000000. Kept under its name so databases that ran it and new ones list the same migrations.
 */
export class DashboardPriorityClass1764720000001 implements MigrationInterface {
  name = 'DashboardPriorityClass1764720000001';

  async up(): Promise<void> {}

  async down(): Promise<void> {}
}

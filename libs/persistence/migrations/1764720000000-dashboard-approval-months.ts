import type { MigrationInterface } from 'typeorm';

/**
 * Squashed (issue 14): it changed the trigger-kept dashboard pre-aggregates, which migration 1764800000001 retired.
 * See 1764710000000. Kept under its name so databases that ran it and new ones list the same migrations.
 */
export class DashboardApprovalMonths1764720000000 implements MigrationInterface {
  name = 'DashboardApprovalMonths1764720000000';

  async up(): Promise<void> {}

  async down(): Promise<void> {}
}

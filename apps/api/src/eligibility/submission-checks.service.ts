import { Injectable } from '@nestjs/common';
import type { DossierState } from '../../../../libs/domain/dossier-machine';
import { AppError } from '../common/app-error';
import { todayInVietnam } from '../common/org-scope';
import { EligibilityService } from './eligibility.service';

/**
 * What the API checks before a `submit` or `resubmit` Update reaches the workflow: the released workflow
 * stays as it is, and a dossier that cannot go forward is refused with 422 naming what is missing.
 */
@Injectable()
export class SubmissionChecks {
  constructor(private readonly eligibility: EligibilityService) {}

  /** Throws 422 naming every unmet hard criterion; on success the dossier's initiatives are claimed. */
  async beforeSubmit(state: DossierState): Promise<{ release: () => Promise<void> }> {
    const result = await this.eligibility.forDossier(state, todayInVietnam());
    if (!result.eligible) {
      throw new AppError(
        'UNPROCESSABLE',
        `Not eligible for ${state.awardCode}: ${result.unmetHard.map((r) => r.code).join(', ')}`,
        result.unmetHard.map((r) => ({
          field: `eligibility.${r.code}`,
          message: `${r.description} (${r.legalBasis}): ${r.detail}`,
        })),
      );
    }
    const link = await this.eligibility.link(state.dossierId);
    if (link && !(await this.eligibility.claimInitiatives(state.dossierId, link.initiativeCodes))) {
      throw AppError.field('initiativeCodes', 'an initiative was used by another dossier meanwhile', 'UNPROCESSABLE');
    }
    return { release: () => this.eligibility.releaseInitiatives(state.dossierId) };
  }
}

import { Injectable } from '@nestjs/common';
import type { DossierState } from '../../../../libs/domain/dossier-machine';
import { AppError } from '../common/app-error';
import { todayInVietnam } from '../common/org-scope';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DocumentsService } from '../documents/documents.service';
import { EligibilityService } from './eligibility.service';

/**
 * What the API checks before a `submit` or `resubmit` Update reaches the workflow: the released workflow
 * stays as it is, and a dossier that cannot go forward is refused with 422 naming what is missing.
 */
@Injectable()
export class SubmissionChecks {
  constructor(
    private readonly eligibility: EligibilityService,
    private readonly documents: DocumentsService,
    private readonly campaigns: CampaignsService,
  ) {}

  /**
   * Throws 422 naming every missing document and every unmet hard criterion at once; on success the
   * dossier's initiatives are claimed.
   */
  async beforeSubmit(state: DossierState, action: 'submit' | 'resubmit'): Promise<{ release: () => Promise<void> }> {
    const today = todayInVietnam();
    const link = await this.eligibility.link(state.dossierId);
    // The campaign's window binds the first submission; a returned dossier may be revised after it closes.
    const campaign = action === 'submit' && link?.campaignCode ? await this.campaigns.find(link.campaignCode) : null;
    const window = campaign ? this.campaigns.windowProblem(campaign, today) : null;
    const checklist = await this.documents.checklist(state);
    const result = await this.eligibility.forDossier(state, today);
    const fields = [
      ...(window ? [{ field: 'campaignCode', message: window }] : []),
      ...checklist.items
        .filter((i) => checklist.missing.includes(i.code))
        .map((i) => ({ field: `documents.${i.code}`, message: `missing: ${i.name}` })),
      ...result.unmetHard.map((r) => ({
        field: `eligibility.${r.code}`,
        message: `${r.description} (${r.legalBasis}): ${r.detail}`,
      })),
    ];
    if (fields.length) {
      const parts = [
        window ?? '',
        checklist.missing.length ? `missing documents: ${checklist.missing.join(', ')}` : '',
        result.unmetHard.length ? `not eligible: ${result.unmetHard.map((r) => r.code).join(', ')}` : '',
      ].filter(Boolean);
      throw new AppError('UNPROCESSABLE', `Cannot submit ${state.awardCode}: ${parts.join('; ')}`, fields);
    }
    if (link && !(await this.eligibility.claimInitiatives(state.dossierId, link.initiativeCodes))) {
      throw AppError.field('initiativeCodes', 'an initiative was used by another dossier meanwhile', 'UNPROCESSABLE');
    }
    return { release: () => this.eligibility.releaseInitiatives(state.dossierId) };
  }
}

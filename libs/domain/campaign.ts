/**
 * Campaign kinds (đợt thi đua): annual (thường xuyên, year-end review), thematic (chuyên đề / theo phong
 * trào) and ad hoc (đột xuất). Ad hoc and thematic nominations follow shorter time limits (FACTS: within 45
 * days, sector example), and their results do not count toward merit awards (Decree 98/152 Art. 4).
 */
export const CAMPAIGN_KINDS = ['ANNUAL', 'THEMATIC', 'AD_HOC'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

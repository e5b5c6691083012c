import type { Campaign } from '../api/types';

/** Today in Vietnam (YYYY-MM-DD), whatever the browser's time zone. */
export function vietnamToday(now = Date.now()): string {
  return new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * The campaigns whose window for nominations closes within the next `days` days (today included), soonest first,
 * with the days left (0: closes today). A campaign already closed or not yet open is not due.
 */
export function campaignsClosingSoon(
  campaigns: readonly Campaign[],
  today: string,
  days = 7,
): { campaign: Campaign; daysLeft: number }[] {
  return campaigns
    .filter((c) => c.opensOn <= today && c.closesOn >= today)
    .map((c) => ({ campaign: c, daysLeft: Math.round((dayMs(c.closesOn) - dayMs(today)) / 86_400_000) }))
    .filter((c) => c.daysLeft < days)
    .sort((a, b) => a.daysLeft - b.daysLeft || a.campaign.name.localeCompare(b.campaign.name));
}

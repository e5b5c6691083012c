/**
 * Priority groups in awards (Law on Emulation and Commendation Art. 5; Decree 152/2025 Art. 4): direct workers
 * (người lao động trực tiếp) and small collectives (tập thể nhỏ). The law does not put a number on "small":
 * the threshold below is a configurable default, not a legal figure.
 */
export const PRIORITY_RULES = {
  smallCollectiveMaxMembers: 10,
  basis:
    'Law Art. 5; Decree 152/2025 Art. 4. "Small collective" has no legal size: ≤ 10 members is a configurable default',
} as const;

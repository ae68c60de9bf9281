/** Input limits shared by the DTO validators and the console's forms. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;

/** Why a staff member opens a resident's record (audited with the view). */
export const VIEW_PURPOSES = ['support_case', 'correction', 'card_request', 'data_quality_review', 'registry_conflict_review'] as const;
export type ViewPurpose = (typeof VIEW_PURPOSES)[number];
export const VIEW_PURPOSE_LABELS: Readonly<Record<ViewPurpose, string>> = {
  support_case: 'Support case',
  correction: 'Record correction',
  card_request: 'Card request by the resident',
  data_quality_review: 'Data-quality review',
  registry_conflict_review: 'Registry conflict review',
};

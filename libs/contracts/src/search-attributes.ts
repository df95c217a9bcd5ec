import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes. They are stored unencrypted in Temporal's visibility store, so they carry
 * codes and ids only, never personal data (no names, phone numbers, reporter identities).
 */
export const CASE_TYPE = defineSearchAttributeKey('DubanCaseType', SearchAttributeType.KEYWORD);
export const CASE_STATUS = defineSearchAttributeKey('DubanStatus', SearchAttributeType.KEYWORD);
export const CASE_UNIT = defineSearchAttributeKey('DubanUnit', SearchAttributeType.KEYWORD);
export const CASE_GRADE = defineSearchAttributeKey('DubanGrade', SearchAttributeType.KEYWORD);
export const CASE_OVERDUE = defineSearchAttributeKey('DubanOverdue', SearchAttributeType.BOOL);
export const CASE_DUE_AT = defineSearchAttributeKey('DubanDueAt', SearchAttributeType.DATETIME);
export const CASE_ACTION = defineSearchAttributeKey('DubanAction', SearchAttributeType.INT);
export const CARD_COLOUR = defineSearchAttributeKey('DubanCardColour', SearchAttributeType.KEYWORD);
export const CARD_SUBJECT_TYPE = defineSearchAttributeKey('DubanSubjectType', SearchAttributeType.KEYWORD);
/**
 * Temporal's own: the time a schedule meant a run for (set on every scheduled and backfilled run).
 * Not registered by Duban; reporting cycles read it as their period reference.
 */
export const SCHEDULED_START_TIME = defineSearchAttributeKey(
  'TemporalScheduledStartTime',
  SearchAttributeType.DATETIME,
);

export const DUBAN_SEARCH_ATTRIBUTES = [
  CASE_TYPE,
  CASE_STATUS,
  CASE_UNIT,
  CASE_GRADE,
  CASE_OVERDUE,
  CASE_DUE_AT,
  CASE_ACTION,
  CARD_COLOUR,
  CARD_SUBJECT_TYPE,
] as const;

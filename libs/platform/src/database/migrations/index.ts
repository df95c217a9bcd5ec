import { InitialSchema1732780800000 } from './1732780800000-initial-schema.js';
import { Notifications1732867200000 } from './1732867200000-notifications.js';
import { Idempotency1732870800000 } from './1732870800000-idempotency.js';
import { RiskItems1732874400000 } from './1732874400000-risk-items.js';
import { Cards1732878000000 } from './1732878000000-cards.js';
import { Referrals1732881600000 } from './1732881600000-referrals.js';
import { CampaignPlan1732885200000 } from './1732885200000-campaign-plan.js';
import { Audit1732888800000 } from './1732888800000-audit.js';
import { ReportingCycles1732892400000 } from './1732892400000-reporting-cycles.js';
import { Incidents1732899600000 } from './1732899600000-incidents.js';
import { CountyGovernmentAndReopenLinks1732903200000 } from './1732903200000-county-government-and-reopen-links.js';
import { ListIndexes1732906800000 } from './1732906800000-list-indexes.js';
import { PlanActionNumber1732914000000 } from './1732914000000-plan-action-number.js';
import { BulletinPublicationAndScoreApproval1732915000000 } from './1732915000000-bulletin-publication-and-score-approval.js';
import { SubjectsWithoutCreditCode1732917600000 } from './1732917600000-subjects-without-credit-code.js';
import { Complaints1732928400000 } from './1732928400000-complaints.js';
import { Accounts1732921200000 } from './1732921200000-accounts.js';
import { DirectiveListIndexes1732932000000 } from './1732932000000-directive-list-indexes.js';
import { ComplaintDueAt1732935600000 } from './1732935600000-complaint-due-at.js';
import { RiskItemSortIndexesCarryFilters1732939200000 } from './1732939200000-risk-item-sort-indexes-carry-filters.js';
import { ShortTextSearch1732942800000 } from './1732942800000-short-text-search.js';
import { InboxByKind1732947300000 } from './1732947300000-inbox-by-kind.js';
import { UnitAddedAt1732950900000 } from './1732950900000-unit-added-at.js';
import { UnitNameEnOptional1732954500000 } from './1732954500000-unit-name-en-optional.js';
import { UnitRetiredAt1732954600000 } from './1732954600000-unit-retired-at.js';

/** Every migration, in order. Schema changes are only ever made by adding one here. */
export const MIGRATIONS = [
  InitialSchema1732780800000,
  Notifications1732867200000,
  Idempotency1732870800000,
  RiskItems1732874400000,
  Cards1732878000000,
  Referrals1732881600000,
  CampaignPlan1732885200000,
  Audit1732888800000,
  ReportingCycles1732892400000,
  Incidents1732899600000,
  CountyGovernmentAndReopenLinks1732903200000,
  ListIndexes1732906800000,
  PlanActionNumber1732914000000,
  BulletinPublicationAndScoreApproval1732915000000,
  SubjectsWithoutCreditCode1732917600000,
  Accounts1732921200000,
  Complaints1732928400000,
  DirectiveListIndexes1732932000000,
  ComplaintDueAt1732935600000,
  RiskItemSortIndexesCarryFilters1732939200000,
  ShortTextSearch1732942800000,
  InboxByKind1732947300000,
  UnitAddedAt1732950900000,
  UnitNameEnOptional1732954500000,
  UnitRetiredAt1732954600000,
];

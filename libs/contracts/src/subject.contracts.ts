/**
 * Who or what a hazard or a criminal lead is about (docs/domain.md §3.1). Many subjects a county meets
 * have no 统一社会信用代码: a street stall, an unlicensed workshop (黑窝点), a farmer, a field, a pond.
 */
export enum SubjectKind {
  /** 登记注册的市场主体: the credit code is required. */
  RegisteredBusiness = 'registered-business',
  /** 食品小摊点 / 流动摊贩. */
  StreetStall = 'street-stall',
  /** 无证无照黑窝点. */
  UnlicensedWorkshop = 'unlicensed-workshop',
  /** 种植户、养殖户. */
  Farmer = 'farmer',
  /** 农田、地块. */
  Farmland = 'farmland',
  /** 河流、湖库、坑塘. */
  WaterBody = 'water-body',
}

/** Identifiers other than the credit code, each fitting some kinds of subject. */
export enum SubjectIdentifier {
  /** 食品小摊点备案卡号. */
  StallRegistration = 'stallRegistration',
  /** 居民身份证号码 of a farmer (GB 11643). */
  ResidentId = 'residentId',
  /** 承包地块编码 of a field. */
  ParcelCode = 'parcelCode',
  /** 河湖编码 (河长制名录). */
  WaterBodyCode = 'waterBodyCode',
}

/** The identifiers that fit each kind; a registered business is identified by its credit code alone. */
export const IDENTIFIERS_BY_KIND: Readonly<Record<SubjectKind, readonly SubjectIdentifier[]>> = {
  [SubjectKind.RegisteredBusiness]: [],
  [SubjectKind.StreetStall]: [SubjectIdentifier.StallRegistration, SubjectIdentifier.ResidentId],
  [SubjectKind.UnlicensedWorkshop]: [],
  [SubjectKind.Farmer]: [SubjectIdentifier.ResidentId],
  [SubjectKind.Farmland]: [SubjectIdentifier.ParcelCode],
  [SubjectKind.WaterBody]: [SubjectIdentifier.WaterBodyCode],
};

export interface HazardSubject {
  /** Absent on records older than subject kinds: those are registered businesses. */
  kind?: SubjectKind;
  /** The business's or operator's name, or how the place is known (e.g. 某村东坑塘). */
  name: string;
  /** 统一社会信用代码 (GB 32100-2015): required for a registered business, optional for others. */
  creditCode?: string | null;
  identifiers?: Partial<Record<SubjectIdentifier, string>>;
  address: string;
  /** Unit id of the township (乡镇/街道) where the subject is. */
  townshipId: string;
}

/** The kind of a subject, registered business for records older than kinds. */
export const subjectKindOf = (subject: Pick<HazardSubject, 'kind'>): SubjectKind =>
  subject.kind ?? SubjectKind.RegisteredBusiness;

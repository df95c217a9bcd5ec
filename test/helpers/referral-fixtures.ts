import { createHash } from 'node:crypto';
import { ReferralDocumentKind, type ReferralDocument } from '../../libs/contracts/src/referral.contracts.js';

/** A document record of a kind, with a sha256 of its (imaginary) content. */
export const referralDoc = (kind: ReferralDocumentKind): ReferralDocument => ({
  kind,
  fileName: `${kind}.pdf`,
  mediaType: 'application/pdf',
  size: 20_480,
  sha256: createHash('sha256').update(kind).digest('hex'),
});

/** A complete transfer dossier under the default checklist (R art. 6), with the procuratorate's copy. */
export const FULL_DOSSIER: ReferralDocument[] = [
  ReferralDocumentKind.TransferLetter,
  ReferralDocumentKind.InvestigationReport,
  ReferralDocumentKind.SeizedItemsList,
  ReferralDocumentKind.TestReports,
  ReferralDocumentKind.OtherMaterials,
  ReferralDocumentKind.ProcuratorateCopy,
].map(referralDoc);

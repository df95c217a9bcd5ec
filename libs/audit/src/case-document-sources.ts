import { Injectable } from '@nestjs/common';
import { type CaseDocument, type CaseDocumentSource } from '../../contracts/src/audit.contracts.js';

/**
 * Where dossiers find documents kept outside the ledger. A context registers its source once (e.g. in
 * its module's onModuleInit, injecting this from AuditModule); documents its steps put on the ledger
 * are found without one.
 */
@Injectable()
export class CaseDocumentSources {
  private readonly sources: CaseDocumentSource[] = [];

  register(source: CaseDocumentSource): void {
    this.sources.push(source);
  }

  async documentsOf(caseType: string, caseId: string): Promise<CaseDocument[]> {
    return (await Promise.all(this.sources.map((s) => s.documentsOf(caseType, caseId)))).flat();
  }
}

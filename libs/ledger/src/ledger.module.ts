import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerEntryEntity } from './ledger-entry.entity.js';
import { AccessAuditInterceptor } from './access-audit.interceptor.js';
import { DailyChainLedger } from './daily-chain.js';
import { LedgerService } from './ledger.service.js';
import { RefusalLedger } from './refusal-ledger.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([LedgerEntryEntity])],
  providers: [LedgerService, DailyChainLedger, RefusalLedger, AccessAuditInterceptor],
  exports: [LedgerService, DailyChainLedger, RefusalLedger, AccessAuditInterceptor],
})
export class LedgerModule {}

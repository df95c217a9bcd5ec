import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerEntryEntity } from './ledger-entry.entity.js';
import { LedgerService } from './ledger.service.js';
import { RefusalLedger } from './refusal-ledger.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([LedgerEntryEntity])],
  providers: [LedgerService, RefusalLedger],
  exports: [LedgerService, RefusalLedger],
})
export class LedgerModule {}

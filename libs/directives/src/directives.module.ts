import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../../identity/src/identity.module.js';
import { LedgerModule } from '../../ledger/src/ledger.module.js';
import { CaseNumberService } from '../../platform/src/database/case-number.service.js';
import { DirectiveActivitiesService } from './directive.activities.js';
import { DirectiveEntity } from './directive.entity.js';
import { DirectivesController } from './directives.controller.js';
import { DirectivesService } from './directives.service.js';

/** HTTP side of directives (API). */
@Module({
  imports: [TypeOrmModule.forFeature([DirectiveEntity]), IdentityModule, LedgerModule],
  controllers: [DirectivesController],
  providers: [DirectivesService, CaseNumberService],
})
export class DirectivesModule {}

/** Worker side of directives: the activities bound onto the Temporal worker. */
@Module({
  imports: [TypeOrmModule.forFeature([DirectiveEntity]), LedgerModule],
  providers: [DirectiveActivitiesService],
  exports: [DirectiveActivitiesService],
})
export class DirectiveActivitiesModule {}

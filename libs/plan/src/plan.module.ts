import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PLAN_SOURCE } from '../../contracts/src/plan.contracts.js';
import { LedgerModule } from '../../ledger/src/ledger.module.js';
import { PlanController } from './plan.controller.js';
import { PlanLoader } from './plan-loader.service.js';
import { PlanVersionEntity } from './plan-version.entity.js';
import { PlanStore } from './plan.store.js';
import { wrapYamlBody } from './yaml-body.middleware.js';

/** The plan store, read side: PLAN_SOURCE for every context that needs the plan (API and worker). */
@Module({
  imports: [TypeOrmModule.forFeature([PlanVersionEntity])],
  providers: [PlanStore, { provide: PLAN_SOURCE, useExisting: PlanStore }],
  exports: [PlanStore, PLAN_SOURCE],
})
export class PlanModule {}

/** HTTP side (API): reading versions, and loading new ones (admin). */
@Module({
  imports: [PlanModule, LedgerModule],
  controllers: [PlanController],
  providers: [PlanLoader],
})
export class PlanApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(wrapYamlBody).forRoutes({ path: 'plan/versions', method: RequestMethod.POST });
  }
}

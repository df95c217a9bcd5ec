import { Module } from '@nestjs/common';
import { AccessTokensController } from './access-tokens.controller.js';
import { AuthController } from './auth.controller.js';
import { IdentityModule } from './identity.module.js';
import { PeopleController } from './people.controller.js';
import { StaffDirectoryController } from './staff-directory.controller.js';
import { StaffDirectoryService } from './staff-directory.service.js';
import { TaskForceController } from './task-force.controller.js';
import { TaskForceService } from './task-force.service.js';
import { UnitsAdminController } from './units-admin.controller.js';
import { UnitsAdminService } from './units-admin.service.js';

/** The HTTP routes of sign-in, people, the staff directory, units, tokens and the task force (decision 0020). */
@Module({
  imports: [IdentityModule],
  controllers: [
    AuthController,
    AccessTokensController,
    PeopleController,
    UnitsAdminController,
    TaskForceController,
    StaffDirectoryController,
  ],
  providers: [UnitsAdminService, TaskForceService, StaffDirectoryService],
})
export class AccountsModule {}

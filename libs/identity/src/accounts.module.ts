import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { IdentityModule } from './identity.module.js';

/** The HTTP routes of sign-in, people, units, tokens and the task force (decision 0020). */
@Module({
  imports: [IdentityModule],
  controllers: [AuthController],
})
export class AccountsModule {}

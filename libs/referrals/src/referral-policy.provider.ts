import { type Provider } from '@nestjs/common';
import { AppConfig } from '../../platform/src/config/app-config.js';
import { loadReferralPolicy } from './referral-policy.loader.js';

/** The clock policy in force, read and validated once at boot (REFERRAL_POLICY_FILE or the default). */
export const REFERRAL_POLICY = Symbol('REFERRAL_POLICY');

export const referralPolicyProvider: Provider = {
  provide: REFERRAL_POLICY,
  inject: [AppConfig],
  useFactory: (config: AppConfig) =>
    config.REFERRAL_POLICY_FILE ? loadReferralPolicy(config.REFERRAL_POLICY_FILE) : loadReferralPolicy(),
};

import { type Provider } from '@nestjs/common';
import { AppConfig } from '../../platform/src/config/app-config.js';
import { loadReportingPolicy } from './reporting-policy.loader.js';

/** The reporting policy in force, read and validated once at boot (REPORTING_POLICY_FILE or the bundled default). */
export const REPORTING_POLICY = Symbol('REPORTING_POLICY');

export const reportingPolicyProvider: Provider = {
  provide: REPORTING_POLICY,
  inject: [AppConfig],
  useFactory: (config: AppConfig) =>
    config.REPORTING_POLICY_FILE ? loadReportingPolicy(config.REPORTING_POLICY_FILE) : loadReportingPolicy(),
};

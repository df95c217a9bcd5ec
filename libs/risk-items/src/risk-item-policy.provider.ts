import { type Provider } from '@nestjs/common';
import { AppConfig } from '../../platform/src/config/app-config.js';
import { loadRiskItemPolicy } from './risk-item-policy.loader.js';

/** The policy in force, read and validated once at boot (RISK_ITEM_POLICY_FILE or the bundled default). */
export const RISK_ITEM_POLICY = Symbol('RISK_ITEM_POLICY');

export const riskItemPolicyProvider: Provider = {
  provide: RISK_ITEM_POLICY,
  inject: [AppConfig],
  useFactory: (config: AppConfig) =>
    config.RISK_ITEM_POLICY_FILE ? loadRiskItemPolicy(config.RISK_ITEM_POLICY_FILE) : loadRiskItemPolicy(),
};

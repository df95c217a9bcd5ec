// The public face of the complaints context (architecture rule 17).
export { ComplaintActivitiesModule, ComplaintsModule } from './complaints.module.js';
export { ComplaintActivitiesService } from './complaint.activities.js';
export { loadComplaintPolicy } from './complaint-policy.loader.js';
export { planComplaintClock, type ComplaintPolicy } from './domain/complaint-policy.js';
export { computeReward, rewardIneligibility, type RewardPolicy } from './domain/reward.js';
export { newKeyFileContent } from './sealing/key-encryption-keys.js';

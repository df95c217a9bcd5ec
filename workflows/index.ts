// Every workflow type the worker registers; the bundler starts from this file.
export { directiveWorkflow } from './directive.workflow.js';
export { notificationWorkflow } from './notification.workflow.js';
export { cardWorkflow } from './card.workflow.js';
export { riskItemWorkflow } from './risk-item.workflow.js';
export { referralWorkflow } from './referral.workflow.js';
export { reportRequestWorkflow } from './report-request.workflow.js';
export { monthlyDispatchWorkflow, quarterlyBulletinWorkflow } from './reporting-cycles.workflow.js';
export { complaintWorkflow } from './complaint.workflow.js';

import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { CardActivitiesService } from '../../../libs/cards/src/card.activities.js';
import { DirectiveActivitiesService } from '../../../libs/directives/src/directive.activities.js';
import { NotificationActivitiesService } from '../../../libs/notifications/src/notification.activities.js';
import { IncidentMetrics } from '../../../libs/incidents/src/incident-metrics.js';
import { IncidentRecorder } from '../../../libs/incidents/src/incident-recorder.service.js';
import { AppConfig } from '../../../libs/platform/src/config/app-config.js';
import { RiskItemActivitiesService } from '../../../libs/risk-items/src/risk-item.activities.js';
import { ReferralActivitiesService } from '../../../libs/referrals/src/referral.activities.js';
import { ReportingActivitiesService } from '../../../libs/reporting/src/reporting.activities.js';
import { ComplaintActivitiesService } from '../../../libs/complaints/src/complaint.activities.js';
import { bindActivities } from './activities.js';
import { incidentInterceptors } from './incident.interceptor.js';
import { caseWorkerTuning } from '../../../libs/platform/src/temporal/worker-tuning.js';

/** Hosts the Temporal worker inside the Nest application context; stops it gracefully on shutdown. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly directives: DirectiveActivitiesService,
    private readonly notifications: NotificationActivitiesService,
    private readonly riskItems: RiskItemActivitiesService,
    private readonly cards: CardActivitiesService,
    private readonly referrals: ReferralActivitiesService,
    private readonly reporting: ReportingActivitiesService,
    private readonly complaints: ComplaintActivitiesService,
    private readonly incidents: IncidentRecorder,
    private readonly incidentMetrics: IncidentMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = await NativeConnection.connect({ address: this.config.TEMPORAL_ADDRESS });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.TEMPORAL_NAMESPACE,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      workflowBundle: { codePath: this.config.WORKFLOW_BUNDLE_PATH },
      ...caseWorkerTuning(this.config),
      activities: bindActivities(
        this.directives,
        this.notifications,
        this.riskItems,
        this.cards,
        this.referrals,
        this.reporting,
        this.complaints,
      ),
      interceptors: {
        activity: [
          incidentInterceptors(this.incidents, this.incidentMetrics, this.config.INCIDENT_RETRY_THRESHOLD),
        ],
      },
    });
    this.running = this.worker.run();
    this.running.catch((err: unknown) => this.logger.error({ err }, 'worker stopped with an error'));
    this.logger.log(`worker polling task queue ${this.config.TEMPORAL_TASK_QUEUE}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}

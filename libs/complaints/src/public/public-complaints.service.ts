import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { ErrorKind } from '../../../contracts/src/errors.js';
import {
  COMPLAINT_CASE_TYPE,
  COMPLAINT_ID_PREFIX,
  complaintReceivedUpdate,
  ComplaintStatus,
  complaintStepUpdate,
  ComplaintStep,
  complaintWorkflowId,
  type ComplaintState,
  type ComplaintStepInput,
  type ReceiveComplaintInput,
  type ReporterView,
} from '../../../contracts/src/complaint.contracts.js';
import {
  CASE_ACTION,
  CASE_OVERDUE,
  CASE_STATUS,
  CASE_TYPE,
  CASE_UNIT,
} from '../../../contracts/src/search-attributes.js';
import { AppConfig } from '../../../platform/src/config/app-config.js';
import { CaseNumberService } from '../../../platform/src/database/case-number.service.js';
import { DubanError, type FieldProblem } from '../../../platform/src/errors/duban-error.js';
import { toDubanError } from '../../../platform/src/errors/problem-details.filter.js';
import { COMPLAINT_POLICY } from '../complaint-policy.loader.js';
import { type ComplaintPolicy } from '../domain/complaint-policy.js';
import { groupKeyOf, reporterView } from '../domain/complaint.rules.js';
import { type AnswerQuestionDto, type ReceiptDto, type SubmitComplaintDto } from '../dto/complaint.dto.js';
import { SealedIdentities } from '../sealing/sealed-identities.service.js';
import { FixedWindowLimiter, type LimitVerdict } from './rate-limiter.js';
import { hashSecret, newFollowUpSecret, newPseudonym, newReceiptCode, secretMatches } from './receipts.js';
import { caseRunOptions } from '../../../platform/src/temporal/case-run-options.js';

/** What the reporter keeps: the only way back to the report. The secret is shown this once. */
export interface ComplaintReceipt {
  receiptCode: string;
  secret: string;
  category: string;
  status: ComplaintStatus;
  receivedAt: string;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** One answer for an unknown code and a wrong secret, so neither tells which codes exist. */
const noMatch = () =>
  new DubanError(
    ErrorKind.NotFound,
    'complaint.receipt-not-found',
    'No report matches this receipt code and secret',
  );

const tooMany = (verdict: Extract<LimitVerdict, { allowed: false }>, what: string) =>
  new DubanError(ErrorKind.TooManyRequests, 'complaint.rate-limited', `Too many ${what}; try again later`, {
    retryAfterSeconds: verdict.retryAfterSeconds,
  });

const EXTENSION_BY_TYPE: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/heic': 'heic',
  'video/mp4': 'mp4',
  'audio/mpeg': 'mp3',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

/**
 * The public door (no account): file a complaint or report, then follow it with the receipt code and
 * secret. Limits per client address and per receipt code live in this process (config at boot).
 */
@Injectable()
export class PublicComplaintsService {
  private readonly intakes: FixedWindowLimiter;
  private readonly followUps: FixedWindowLimiter;
  private readonly wrongSecrets: FixedWindowLimiter;

  constructor(
    private readonly temporal: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(COMPLAINT_POLICY) private readonly policy: ComplaintPolicy,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly numbers: CaseNumberService,
    private readonly identities: SealedIdentities,
  ) {
    this.intakes = new FixedWindowLimiter(config.COMPLAINT_INTAKE_PER_ADDRESS_PER_HOUR, HOUR);
    this.followUps = new FixedWindowLimiter(config.COMPLAINT_FOLLOW_UPS_PER_ADDRESS_PER_MINUTE, MINUTE);
    this.wrongSecrets = new FixedWindowLimiter(config.COMPLAINT_FAILED_SECRETS_PER_RECEIPT_PER_HOUR, HOUR);
  }

  async submit(dto: SubmitComplaintDto, address: string, requestId: string): Promise<ComplaintReceipt> {
    this.checkEvidence(dto);
    if (dto.anonymous && dto.reporter) {
      throw new DubanError(
        ErrorKind.Validation,
        'complaint.invalid',
        'An anonymous report takes no identity',
        {},
        [{ path: 'reporter', message: 'leave reporter out of an anonymous report' }],
      );
    }
    this.identities.requireSealing();
    const verdict = this.intakes.take(address);
    if (!verdict.allowed) throw tooMany(verdict, 'reports from this address');

    const id = await this.numbers.next(COMPLAINT_ID_PREFIX);
    const receiptCode = newReceiptCode();
    const secret = newFollowUpSecret();
    const business = {
      name: dto.business.name,
      creditCode: dto.business.creditCode ?? null,
      address: dto.business.address ?? null,
    };
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO complaint_receipt (complaint_id, receipt_code, secret_hash) VALUES ($1, $2, $3)`,
        [id, receiptCode, hashSecret(secret)],
      );
      if (dto.reporter) {
        const { name, phone, idNumber, contact } = dto.reporter;
        await this.identities.seal(tx, id, {
          name,
          phone,
          idNumber: idNumber ?? null,
          contact: contact ?? null,
        });
      }
    });
    const received: ReceiveComplaintInput = {
      id,
      category: dto.category,
      unitId: this.policy.handlingUnitId,
      actionNo: this.policy.actionNo,
      business,
      groupKey: groupKeyOf(business),
      what: dto.what,
      occurredOn: dto.occurredOn ?? null,
      place: dto.place ?? null,
      // File names often carry people's names: the record keeps type, size and hash under a neutral name.
      evidence: (dto.evidence ?? []).map((file, index) => ({
        fileName: `evidence-${index + 1}.${EXTENSION_BY_TYPE[file.mediaType] ?? 'bin'}`,
        mediaType: file.mediaType,
        size: file.size,
        sha256: file.sha256,
      })),
      named: !dto.anonymous,
      // Online reporters hold the receipt code and secret, so even an anonymous one can be reached.
      traceable: true,
      pseudonym: newPseudonym(dto.category),
      insider: dto.insider,
      employer: dto.insider ? (dto.employer ?? null) : null,
      requestId,
    };
    const start = new WithStartWorkflowOperation('complaintWorkflow', {
      workflowId: complaintWorkflowId(id),
      workflowIdConflictPolicy: 'FAIL',
      ...caseRunOptions(this.config.TEMPORAL_TASK_QUEUE, 'complaintWorkflow'),
      args: [{ received }],
      typedSearchAttributes: [
        { key: CASE_TYPE, value: COMPLAINT_CASE_TYPE },
        { key: CASE_STATUS, value: ComplaintStatus.Received },
        { key: CASE_UNIT, value: received.unitId },
        { key: CASE_ACTION, value: received.actionNo },
        { key: CASE_OVERDUE, value: false },
      ],
    });
    const view = await this.temporal.workflow.executeUpdateWithStart(complaintReceivedUpdate, {
      args: [null],
      startWorkflowOperation: start,
    });
    return { receiptCode, secret, category: view.category, status: view.status, receivedAt: view.receivedAt };
  }

  async status(dto: ReceiptDto, address: string): Promise<ReporterView> {
    return reporterView(await this.verified(dto, address));
  }

  async answer(dto: AnswerQuestionDto, address: string, requestId: string): Promise<ReporterView> {
    const state = await this.verified(dto, address);
    return this.reporterStep(state, ComplaintStep.Answer, {
      context: null,
      requestId,
      questionId: dto.questionId,
      answer: dto.answer,
    });
  }

  async claimReward(dto: ReceiptDto, address: string, requestId: string): Promise<ReporterView> {
    const state = await this.verified(dto, address);
    return this.reporterStep(state, ComplaintStep.ClaimReward, { context: null, requestId });
  }

  /** Evidence within the configured limits; every problem named by its field. */
  private checkEvidence(dto: SubmitComplaintDto): void {
    const files = dto.evidence ?? [];
    const problems: FieldProblem[] = [];
    if (files.length > this.config.COMPLAINT_EVIDENCE_MAX_FILES) {
      problems.push({
        path: 'evidence',
        message: `at most ${this.config.COMPLAINT_EVIDENCE_MAX_FILES} files`,
      });
    }
    files.forEach((file, index) => {
      if (file.size > this.config.COMPLAINT_EVIDENCE_MAX_BYTES) {
        problems.push({
          path: `evidence[${index}].size`,
          message: `a file may have at most ${this.config.COMPLAINT_EVIDENCE_MAX_BYTES} bytes`,
        });
      }
    });
    if (problems.length > 0) {
      throw new DubanError(
        ErrorKind.Validation,
        'complaint.evidence-refused',
        'Evidence over the limits',
        {},
        problems,
      );
    }
  }

  /** The case behind a receipt code, once the secret matches; limited per address and per code. */
  private async verified(dto: ReceiptDto, address: string): Promise<ComplaintState> {
    const perAddress = this.followUps.take(address);
    if (!perAddress.allowed) throw tooMany(perAddress, 'requests from this address');
    const perReceipt = this.wrongSecrets.check(dto.receiptCode);
    if (!perReceipt.allowed) throw tooMany(perReceipt, 'wrong secrets for this receipt code');
    const [row]: Array<{ secret_hash: Buffer; state: ComplaintState | null }> = await this.dataSource.query(
      `SELECT r.secret_hash, c.state FROM complaint_receipt r LEFT JOIN complaint c ON c.id = r.complaint_id
       WHERE r.receipt_code = $1`,
      [dto.receiptCode],
    );
    if (!row || !secretMatches(row.secret_hash, dto.secret) || !row.state) {
      this.wrongSecrets.take(dto.receiptCode);
      throw noMatch();
    }
    return row.state;
  }

  /** A step of the reporter's; a refusal tells what and why, never the case worker's view of the case. */
  private async reporterStep(
    state: ComplaintState,
    step: ComplaintStep,
    input: ComplaintStepInput,
  ): Promise<ReporterView> {
    try {
      const view = await this.temporal.workflow
        .getHandle(complaintWorkflowId(state.id))
        .executeUpdate(complaintStepUpdate, { args: [step, input] });
      return reporterView(view);
    } catch (err) {
      const error = toDubanError(err);
      if (error.kind === ErrorKind.NotFound && error.code === 'case.not-found') {
        throw new DubanError(ErrorKind.Conflict, 'complaint.closed', 'This report is closed');
      }
      throw new DubanError(error.kind, error.code, error.message, {}, error.fields);
    }
  }
}

import { join } from 'node:path';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsDefined,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ClockPolicyFile } from '../../calendar/src/dto/clock-policy.dto.js';
import { packageRoot } from '../../platform/src/config/package-root.js';
import { loadPolicyFile } from '../../platform/src/config/policy-file.js';
import { type ReportingPolicy } from './domain/reporting-policy.js';

class ScheduleTimeFile {
  // Days 29–31 do not exist in every month: a schedule on them would skip months.
  @IsInt()
  @Min(1)
  @Max(28)
  dayOfMonth: number;

  @IsInt()
  @Min(0)
  @Max(23)
  hour: number;
}

class SchedulesFile {
  @IsDefined()
  @ValidateNested()
  @Type(() => ScheduleTimeFile)
  monthlyDispatch: ScheduleTimeFile;

  @IsDefined()
  @ValidateNested()
  @Type(() => ScheduleTimeFile)
  quarterlyBulletin: ScheduleTimeFile;
}

class MonthlyReportFile {
  @IsDefined()
  @ValidateNested()
  @Type(() => ClockPolicyFile)
  due: ClockPolicyFile;

  @IsInt()
  @Min(0)
  @Max(30)
  reminderBeforeWorkdays: number;
}

class DeliverableFile {
  @IsInt()
  @Min(0)
  @Max(30)
  reminderBeforeWorkdays: number;
}

class LaggingFile {
  @IsNumber()
  @Min(0)
  @Max(100)
  percentPoints: number;

  @IsNumber()
  @Min(0)
  @Max(1)
  countShare: number;
}

class DeductionsFile {
  @IsNumber()
  @Min(0)
  overdueRiskItem: number;

  @IsNumber()
  @Min(0)
  missedReport: number;

  @IsNumber()
  @Min(0)
  referralFailure: number;

  @IsObject()
  cardByColour: Record<string, number>;
}

class GradeFile {
  @IsNumber()
  min: number;

  @IsString()
  @MinLength(1)
  grade: string;

  @IsString()
  @MinLength(1)
  nameZh: string;
}

class AssessmentFile {
  @IsNumber()
  @Min(0)
  attainmentPoints: number;

  @IsNumber()
  @Min(0)
  basePoints: number;

  @IsDefined()
  @ValidateNested()
  @Type(() => DeductionsFile)
  deductions: DeductionsFile;

  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => GradeFile)
  grades: GradeFile[];
}

class ReportingPolicyFile {
  @IsString()
  @MinLength(1)
  version: string;

  @IsOptional()
  @IsString()
  description?: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => SchedulesFile)
  schedules: SchedulesFile;

  @IsDefined()
  @ValidateNested()
  @Type(() => MonthlyReportFile)
  monthlyReport: MonthlyReportFile;

  @IsDefined()
  @ValidateNested()
  @Type(() => DeliverableFile)
  deliverable: DeliverableFile;

  @IsDefined()
  @ValidateNested()
  @Type(() => LaggingFile)
  lagging: LaggingFile;

  @IsDefined()
  @ValidateNested()
  @Type(() => AssessmentFile)
  assessment: AssessmentFile;
}

/** The bundled default policy; REPORTING_POLICY_FILE points at another. */
export function defaultReportingPolicyFile(): string {
  return join(packageRoot(import.meta.url), 'libs/reporting/policy/reporting-policy.json');
}

/**
 * Reads and validates the reporting policy; every problem is reported with its path. Card deductions
 * must be non-negative numbers and grade bands run from the highest minimum down.
 */
export function loadReportingPolicy(file = defaultReportingPolicyFile()): ReportingPolicy {
  const policy = loadPolicyFile(file, ReportingPolicyFile, 'reporting policy');
  const bad = Object.entries(policy.assessment.deductions.cardByColour).filter(
    ([, points]) => typeof points !== 'number' || !(points >= 0),
  );
  if (bad.length > 0) {
    throw new Error(
      `Invalid reporting policy ${file}: assessment.deductions.cardByColour.${bad[0][0]} must be a number ≥ 0`,
    );
  }
  const mins = policy.assessment.grades.map((g) => g.min);
  if (mins.some((min, i) => i > 0 && min >= mins[i - 1])) {
    throw new Error(
      `Invalid reporting policy ${file}: assessment.grades must run from the highest minimum down`,
    );
  }
  return policy;
}

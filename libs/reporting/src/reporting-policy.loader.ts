import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsBoolean,
  IsDefined,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Max,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ClockPolicyFile } from '../../calendar/src/dto/clock-policy.dto.js';
import {
  bundledPolicyFile,
  loadPolicyFile,
  PolicyFileHeader,
} from '../../platform/src/config/policy-file.js';
import { type AssessmentComponent, type ReportingPolicy } from './domain/reporting-policy.js';

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

  /** True unless the file says otherwise: a policy file written before the rule keeps loading. */
  @IsBoolean()
  unreportedLags: boolean = true;
}

class DeductionsFile {
  @IsObject()
  cardByColour: Record<string, number>;
}

class LabelFile {
  @IsString()
  @MinLength(1)
  zh: string;

  @IsString()
  @MinLength(1)
  en: string;
}

class WeightsFile implements Record<AssessmentComponent, number> {
  @IsNumber() @Min(0) indicators: number;
  @IsNumber() @Min(0) monthlyReports: number;
  @IsNumber() @Min(0) deliverables: number;
  @IsNumber() @Min(0) riskItems: number;
  @IsNumber() @Min(0) referrals: number;
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
  @IsDefined()
  @ValidateNested()
  @Type(() => LabelFile)
  label: LabelFile;

  @IsDefined()
  @ValidateNested()
  @Type(() => WeightsFile)
  weights: WeightsFile;

  @IsDefined()
  @ValidateNested()
  @Type(() => DeductionsFile)
  deductions: DeductionsFile;

  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => GradeFile)
  grades: GradeFile[];
}

class ReportingPolicyFile extends PolicyFileHeader {
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
  return bundledPolicyFile('libs/reporting/policy/reporting-policy.json');
}

/**
 * Reads and validates the reporting policy; every problem is reported with its path. Card deductions
 * must be non-negative numbers and grade bands run from the highest minimum down.
 */
export function loadReportingPolicy(file = defaultReportingPolicyFile()): ReportingPolicy {
  return loadPolicyFile(file, ReportingPolicyFile, 'reporting policy', ({ assessment }) => {
    const badDeductions = Object.entries(assessment.deductions.cardByColour)
      .filter(([, points]) => typeof points !== 'number' || !(points >= 0))
      .map(([colour]) => `assessment.deductions.cardByColour.${colour}: must be a number ≥ 0`);
    const mins = assessment.grades.map((g) => g.min);
    const gradesOutOfOrder = mins.some((min, i) => i > 0 && min >= mins[i - 1])
      ? ['assessment.grades: must run from the highest minimum down']
      : [];
    const noWeight = Object.values(assessment.weights).every((w) => w === 0)
      ? ['assessment.weights: at least one must be above 0']
      : [];
    return [...badDeductions, ...gradesOutOfOrder, ...noWeight];
  });
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEnum,
  IsObject,
  IsOptional,
  Matches,
  registerDecorator,
  ValidateIf,
  type ValidationArguments,
} from 'class-validator';
import { UNIT_ID_PATTERN } from '../../../contracts/src/identity.js';
import {
  SubjectIdentifier,
  SubjectKind,
  type HazardSubject,
} from '../../../contracts/src/subject.contracts.js';
import { RequiredText } from '../../../platform/src/http/text-fields.js';
import { identifierProblems, needsCreditCode } from '../domain/subject.js';
import { IsCreditCode } from './is-credit-code.decorator.js';

/** The identifiers must fit the subject's kind (the rule is the domain's, checked once here). */
function FitKind(): PropertyDecorator {
  const problems = (args: ValidationArguments) => identifierProblems(args.object);
  return (target: object, propertyName: string | symbol): void => {
    registerDecorator({
      name: 'fitsSubjectKind',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => problems(args).length === 0,
        defaultMessage: (args: ValidationArguments) =>
          problems(args)
            .map((p) => p.message)
            .join('; '),
      },
    });
  };
}

/**
 * The subject of a hazard or a lead: a registered business with its credit code, or a stall, an
 * unlicensed workshop, a farmer, a field or a water body with the identifiers that fit it.
 */
export class TargetBusinessDto implements HazardSubject {
  @ApiPropertyOptional({
    enum: SubjectKind,
    default: SubjectKind.RegisteredBusiness,
    example: SubjectKind.RegisteredBusiness,
    description: 'What the subject is; without it, a registered business',
  })
  @IsOptional()
  @IsEnum(SubjectKind)
  kind?: SubjectKind;

  @RequiredText(200, { example: '武陟县某某食品经营部' })
  name: string;

  @ApiPropertyOptional({
    example: '91350100M000100Y43',
    description: '统一社会信用代码 (GB 32100-2015): required for a registered business, optional otherwise',
    nullable: true,
  })
  @ValidateIf((subject: TargetBusinessDto) => needsCreditCode(subject))
  @IsCreditCode()
  creditCode?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    properties: Object.fromEntries(Object.values(SubjectIdentifier).map((key) => [key, { type: 'string' }])),
    description:
      'Identifiers that fit the kind: street-stall stallRegistration, residentId; farmer residentId; ' +
      'farmland parcelCode; water-body waterBodyCode (e.g. {"stallRegistration": "HN-WZ-0042"})',
  })
  @IsOptional()
  @IsObject()
  @FitKind()
  identifiers?: Partial<Record<SubjectIdentifier, string>>;

  @RequiredText(300, { example: '木城街道建设路88号' })
  address: string;

  @ApiProperty({
    example: 'township-sample-1',
    description: 'Unit id of the township (GET /units, kind township)',
  })
  @Matches(UNIT_ID_PATTERN, { message: 'townshipId must be a unit id such as township-sample-1' })
  townshipId: string;
}

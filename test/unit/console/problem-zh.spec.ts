import { describe, expect, it } from '@jest/globals';
import { fieldMessageZh, fieldProblemsZh, problemTextZh } from '../../../apps/console/src/api/problem-zh.js';
import { DubanError, type FieldProblem } from '../../../libs/platform/src/errors/duban-error.js';
import { createValidationPipe } from '../../../libs/platform/src/errors/validation.js';
import { CreatePersonDto } from '../../../libs/identity/src/dto/people.dto.js';
import { IssueDirectiveDto } from '../../../libs/directives/src/dto/issue-directive.dto.js';
import { RaiseCardDto } from '../../../libs/cards/src/dto/card.dto.js';
import { RegisterRiskItemDto } from '../../../libs/risk-items/src/dto/register-risk-item.dto.js';
import { riskItemBody } from '../../helpers/risk-item-fixtures.js';

const CHINESE = /[\u4e00-\u9fff]/;

/** The field problems the API's own validation pipe answers for `body`. */
async function fieldProblemsOf(metatype: new () => object, body: object): Promise<FieldProblem[]> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype });
  } catch (error) {
    if (error instanceof DubanError) return error.fields;
    throw error;
  }
  throw new Error('the body was accepted');
}

describe("the console's Chinese for the API's problems", () => {
  it('says a known code in Chinese, a family of codes by its ending, and an unknown code in English', () => {
    expect(problemTextZh('audit.unknown-case', 'no case FX-9999 on the ledger')).toBe(
      '台账上没有这个案件，请核对案件编号',
    );
    expect(problemTextZh('report-request.step-in-progress', 'Another step…')).toBe(
      '该案件的上一步骤仍在记录中，请稍后再试',
    );
    expect(problemTextZh('something.new', 'A new refusal')).toBe('A new refusal');
  });

  it("keeps the specifics a problem body carries as fields: a lock's end in Beijing time, an incident", () => {
    expect(
      problemTextZh('auth.account-locked', 'locked until…', { lockedUntil: '2026-03-01T02:15:00.000Z' }),
    ).toBe('登录失败次数过多，账号已锁定至北京时间 2026/03/01 10:15，届时再试或请管理员重置密码');
    expect(problemTextZh('engine.step-failed', 'failed', { incidentId: '42' })).toContain('故障编号 42');
  });

  it('translates the field messages of class-validator and the custom validators by their shape', () => {
    expect(fieldMessageZh('sourceDate: 2030-01-01 is in the future')).toBe('不能晚于今天');
    expect(fieldMessageZh('credit code must be 18 characters long (got 5)')).toBe(
      '统一社会信用代码应为 18 位（现为 5 位）',
    );
    expect(fieldMessageZh('title must be a string')).toBe('请填写');
    expect(fieldMessageZh('title must not be blank')).toBe('不能为空');
    expect(fieldMessageZh('title must be shorter than or equal to 200 characters')).toBe('不能超过 200 个字');
    expect(fieldMessageZh('to must be after from')).toBe('须晚于开始日期');
    expect(fieldMessageZh('is taken')).toBe('已被占用');
    expect(fieldMessageZh('property nickname should not exist')).toBe('不应提交此项');
    expect(fieldMessageZh('actionNo must not be greater than 12')).toBe('不能大于 12');
    expect(fieldMessageZh('element 1: credit code must be 18 characters long (got 3)')).toBe(
      '第 2 项：统一社会信用代码应为 18 位（现为 3 位）',
    );
    expect(fieldMessageZh('a value for zb-5-1 (快检室覆盖率) is required')).toBe('请填写“快检室覆盖率”');
  });

  it("says a resident id's problems in Chinese without giving away the check character", () => {
    for (const field of ['idNumber', 'residentId']) {
      expect(fieldMessageZh(`${field} invalid check character; expected 3`)).toBe(
        '身份证号码校验位不正确，请核对是否抄错',
      );
      expect(fieldMessageZh(`${field} must be 17 digits and a check digit or X`)).toBe(
        '身份证号码应为 18 位：17 位数字加 1 位数字或 X',
      );
    }
  });

  it('says a missing field once, as 请填写, and keeps every message of a field given but wrong', async () => {
    const missing = fieldProblemsZh(await fieldProblemsOf(RaiseCardDto, { unitId: 'amr' }));
    expect(missing.filter((p) => p.path === 'reason')).toEqual([{ path: 'reason', message: '请填写' }]);
    expect(
      fieldProblemsZh([
        { path: 'title', message: 'title must not be blank' },
        { path: 'title', message: 'title must be shorter than or equal to 200 characters' },
      ]).map((p) => p.message),
    ).toEqual(['不能为空', '不能超过 200 个字']);
  });

  it('falls back to the English text for a message of no known shape', () => {
    expect(fieldMessageZh('the moon is made of cheese')).toBe('the moon is made of cheese');
  });

  it("leaves none of the API's own answers to a bad registration, directive, card or person in English", async () => {
    const problems = [
      ...(await fieldProblemsOf(RegisterRiskItemDto, {
        ...riskItemBody(),
        business: { ...riskItemBody().business, creditCode: '91350' },
        sourceDate: '2999-01-01',
        description: '   ',
        actionNo: 13,
        grade: 'huge',
        extra: true,
      })),
      ...(await fieldProblemsOf(IssueDirectiveDto, { assigneeUnitId: 'Not A Unit', body: 'x'.repeat(5001) })),
      ...(await fieldProblemsOf(RaiseCardDto, { unitId: 'amr' })),
      ...(await fieldProblemsOf(CreatePersonDto, {
        username: 'X',
        displayName: '',
        role: 'king',
        unitId: '',
      })),
    ];
    expect(problems.length).toBeGreaterThan(10);
    const untranslated = problems.filter((p) => !CHINESE.test(fieldMessageZh(p.message)));
    expect(untranslated).toEqual([]);
  });
  it('says a referral refusal in Chinese: the dossier kinds it lacks, an officer not of the unit', () => {
    const detail = 'The transfer dossier lacks: seized-items-list, test-reports (R art. 6)';
    expect(problemTextZh('referral.dossier-incomplete', detail, { detail })).toBe(
      '移送材料不全，缺少：涉案物品清单、检验报告或鉴定意见',
    );
    expect(problemTextZh('referral.team-too-small', 'A case team needs…')).toMatch(CHINESE);
    expect(fieldMessageZh('handler.agri is not an active officer of amr')).toBe(
      'handler.agri 不是本单位在岗的执法人员',
    );
  });
});

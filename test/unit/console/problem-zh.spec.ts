import { describe, expect, it } from '@jest/globals';
import { parseDocument } from 'yaml';
import { fieldMessageZh, fieldProblemsZh, problemTextZh } from '../../../apps/console/src/api/problem-zh.js';
import { DubanError, type FieldProblem } from '../../../libs/platform/src/errors/duban-error.js';
import { createValidationPipe } from '../../../libs/platform/src/errors/validation.js';
import { CreatePersonDto } from '../../../libs/identity/src/dto/people.dto.js';
import { CreateUnitDto } from '../../../libs/identity/src/dto/units.dto.js';
import { parseUnitImport } from '../../../libs/identity/src/domain/unit-import.js';
import { IssueDirectiveDto } from '../../../libs/directives/src/dto/issue-directive.dto.js';
import { RaiseCardDto } from '../../../libs/cards/src/dto/card.dto.js';
import { checkCardUnit } from '../../../libs/cards/src/domain/card.rules.js';
import { unitNameTaken } from '../../../libs/identity/src/identity.errors.js';
import { RegisterRiskItemDto } from '../../../libs/risk-items/src/dto/register-risk-item.dto.js';
import { TransferDto } from '../../../libs/referrals/src/dto/referral.dto.js';
import { ReferralDocumentKind } from '../../../libs/contracts/src/referral.contracts.js';
import { ApproveAssessmentDto, YearParam } from '../../../libs/reporting/src/dto/reporting-params.dto.js';
import { referralDoc } from '../../helpers/referral-fixtures.js';
import { riskItemBody } from '../../helpers/risk-item-fixtures.js';

const CHINESE = /[\u4e00-\u9fff]/;

/** The field problems the API's own validation pipe answers for `body` (or a route's path parameters). */
async function fieldProblemsOf(
  metatype: new () => object,
  body: object,
  type: 'body' | 'param' = 'body',
): Promise<FieldProblem[]> {
  try {
    await createValidationPipe().transform(body, { type, metatype });
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
    // A failed sign-in warns of the lockout rule before the attempt that locks the account.
    expect(
      problemTextZh('auth.sign-in-failed', 'Wrong username or password', {
        lockout: { maxFailures: 5, minutes: 15 },
      }),
    ).toBe('用户名或密码不正确。连续输错 5 次，账号将锁定 15 分钟');
    expect(
      problemTextZh('auth.sign-in-failed', 'Wrong username or password', {
        lockout: { maxFailures: 3, minutes: 60 },
      }),
    ).toBe('用户名或密码不正确。连续输错 3 次，账号将锁定 1 小时');
    expect(problemTextZh('auth.sign-in-failed', 'Wrong username or password')).toBe('用户名或密码不正确');
    // A run or an approval for a time before the campaign names the quarter or the year and the campaign's start.
    expect(
      problemTextZh('reporting.period-before-campaign', 'A bulletin run now…', {
        quarter: '2026-Q1',
        campaignFrom: '2026-04-01',
      }),
    ).toBe('现在运行的季度通报报告的是 2026-Q1，该季度在专项行动开始（2026-04-01）之前，不生成通报');
    expect(
      problemTextZh('assessment.before-campaign', '2021 ends before…', {
        year: 2021,
        campaignFrom: '2022-07-07',
      }),
    ).toBe('2021 年在专项行动开始（2022-07-07）之前，没有可审定的考核得分');
    // A backfill window without a run names the first run from its start, in Beijing time.
    expect(
      problemTextZh('reporting.backfill-empty', 'no run of the schedule falls in …', {
        firstRun: '2023-04-01T00:00:00.000Z',
      }),
    ).toBe(
      '所选时间段内没有计划运行：起始日期之后的首次计划运行在北京时间 2023/04/01 08:00，截止日期（不含）须选 2023/04/02 或更晚',
    );
    expect(
      problemTextZh('assessment.after-campaign', '2025 begins after…', {
        year: 2025,
        campaignTo: '2024-12-31',
      }),
    ).toBe('2025 年在专项行动结束（2024-12-31）之后，没有可审定的考核得分');
    expect(problemTextZh('assessment.after-campaign', '2025 begins after…')).toBe(
      '该年度在专项行动结束之后，没有可审定的考核得分',
    );
  });

  it('translates the field messages of class-validator and the custom validators by their shape', () => {
    expect(fieldMessageZh('sourceDate: 2030-01-01 is in the future')).toBe('不能晚于今天');
    expect(
      fieldMessageZh(
        'sourceDate 1900-01-01 is before 2000-01-01: no case date is earlier (a date that old is a typo)',
      ),
    ).toBe('不能早于 2000-01-01，请核对年份');
    expect(fieldMessageZh('must be at least 12 characters long')).toBe('至少 12 个字符');
    expect(fieldMessageZh('is a common or breached password; choose a less guessable one')).toBe(
      '过于常见或已泄露，请换一个不易猜到的密码',
    );
    expect(fieldMessageZh('must not contain the username')).toBe('不能包含用户名');
    expect(fieldMessageZh("the committee approves 2023's score after the year, not on 2023-06-01")).toBe(
      '2023 年的得分须在该年结束后审定，不能是 2023-06-01',
    );
    expect(fieldMessageZh('credit code must be 18 characters long (got 5)')).toBe(
      '统一社会信用代码应为 18 位（现为 5 位）',
    );
    expect(fieldMessageZh('title must be a string')).toBe('请填写');
    expect(fieldMessageZh('title must not be blank')).toBe('不能为空');
    expect(fieldMessageZh('title must be shorter than or equal to 200 characters')).toBe('不能超过 200 个字');
    expect(fieldMessageZh('to must be after from')).toBe('须晚于开始日期');
    expect(
      fieldMessageZh(
        'to must not be after now (2026-05-20T04:00:00.000Z): a backfill runs only times already past',
      ),
    ).toBe('不能晚于现在（北京时间 2026/05/20 12:00）：补跑只针对已经过去的时间');
    expect(
      fieldMessageZh(
        'from must not be before 2022-06-30T16:00:00.000Z, the start of the month the campaign starts in',
      ),
    ).toBe('不能早于北京时间 2022/07/01 00:00（专项行动开始的当月）');
    expect(
      fieldMessageZh(
        'from must not be before 2022-09-30T16:00:00.000Z, the start of the quarter after the one the campaign ' +
          'starts in: a bulletin run before it reports on a quarter that ends before the campaign starts',
      ),
    ).toBe('不能早于北京时间 2022/10/01 00:00（更早运行的季度通报所报告的季度在专项行动开始之前）');
    expect(
      fieldMessageZh(
        "to must be after 2023-04-01T00:00:00.000Z, the cycle's first run at or after from: no run of its " +
          'schedule falls before to',
      ),
    ).toBe(
      '所选时间段内没有计划运行：起始日期之后的首次计划运行在北京时间 2023/04/01 08:00，截止日期（不含）须选 2023/04/02 或更晚',
    );
    expect(fieldMessageZh('is taken')).toBe('已被占用');
    expect(fieldMessageZh('property nickname should not exist')).toBe('不应提交此项');
    expect(fieldMessageZh('actionNo must not be greater than 12')).toBe('不能大于 12');
    expect(fieldMessageZh('element 1: credit code must be 18 characters long (got 3)')).toBe(
      '第 2 项：统一社会信用代码应为 18 位（现为 3 位）',
    );
    expect(fieldMessageZh('a value for zb-5-1 (快检室覆盖率) is required')).toBe('请填写“快检室覆盖率”');
  });

  it('says the rules’ own field messages in Chinese: a card on the county government, a unit’s namesake', () => {
    const onGovernment = checkCardUnit({ id: 'gov', kind: 'county_government' })!;
    expect(fieldMessageZh(onGovernment.message)).toBe('县政府统筹攻坚行动，不对其亮牌');
    // Named as an official knows it, the code beside: the name it shares may read alike, not the same.
    const namesake = unitNameTaken('市场 监管局', { id: 'amr', nameZh: '市场监管局' }).fields[0];
    expect(fieldMessageZh(namesake.message)).toBe('与在用单位 市场监管局（amr）重名');
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

  it('says why a document record is refused: an empty file, a path for a name, a control character, one sha256 with two sizes', async () => {
    const letter = referralDoc(ReferralDocumentKind.TransferLetter);
    const refused = await fieldProblemsOf(TransferDto, {
      documents: [
        { ...letter, size: 0, sha256: 'c'.repeat(64) },
        { ...letter, fileName: 'C:\\案卷\\移送函.pdf' },
        { ...letter, fileName: '..' },
        { ...letter, fileName: '移送函\t.pdf' },
        { ...letter, fileName: '移送函(副本).pdf', size: 1024 },
      ],
    });
    expect(refused.map((p) => [p.path, fieldMessageZh(p.message)])).toEqual([
      [
        'documents',
        '第 5 个文件“移送函(副本).pdf”与第 2 个文件“C:\\案卷\\移送函.pdf”的 SHA-256 相同，大小却不同' +
          '（1024 与 20480 字节）：同一文件只有一个大小，请核对后重新选择',
      ],
      ['documents[0].size', '文件为空（0 字节），请选择正确的文件'],
      ['documents[1].fileName', '只填写文件名，不能含路径（/ 或 \\），也不能是 . 或 ..'],
      ['documents[2].fileName', '只填写文件名，不能含路径（/ 或 \\），也不能是 . 或 ..'],
      ['documents[3].fileName', '不能含有控制字符（如制表符、换行），请删除后重试'],
    ]);
  });

  it('says a case date before the floor in Chinese, as the API words it', async () => {
    const refused = await fieldProblemsOf(RegisterRiskItemDto, {
      ...riskItemBody(),
      sourceDate: '1900-01-01',
    });
    expect(refused.map((p) => [p.path, fieldMessageZh(p.message)])).toEqual([
      ['sourceDate', '不能早于 2000-01-01，请核对年份'],
    ]);
  });

  it("says why the committee's approval of a year's score is refused: a blank decision, a day to come, a loose year", async () => {
    const refused = await fieldProblemsOf(ApproveAssessmentDto, {
      committeeDecision: ' \u3000 ',
      approvedOn: '2999-01-20',
    });
    expect(refused.map((p) => [p.path, fieldMessageZh(p.message)])).toEqual([
      ['committeeDecision', '不能为空'],
      ['approvedOn', '不能晚于今天'],
    ]);
    const year = await fieldProblemsOf(YearParam, { year: '0x7e5' }, 'param');
    expect(year.map((p) => [p.path, fieldMessageZh(p.message)])).toEqual([
      ['year', '年份须为四位数字，如 2026'],
    ]);
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
  it("says a bad unit's and a unit import file's problems in Chinese, a unit's own code not as a unit to choose", async () => {
    const refused = await fieldProblemsOf(CreateUnitDto, {
      id: 'Bad Id',
      nameZh: ' ',
      nameEn: '',
      kind: 'village',
      parentId: 'Not A Unit',
    });
    const said = (path: string) =>
      refused.filter((p) => p.path === path).map((p) => fieldMessageZh(p.message));
    expect(said('id')).toEqual([
      '只能用小写字母、数字和短横线（最多 64 位，须以字母或数字开头和结尾），如 township-xiaodong',
    ]);
    expect(said('parentId')).toEqual(['请选择单位']);
    const known = new Map([['gov', { parentId: null, nameZh: '县政府', active: true }]]);
    const problems = [
      [
        'id,nameZh,nameEn,kind,parentId,active,extra',
        'Bad Id,,x,village,nowhere,yes,',
        'a,甲,A,township,b,,',
        'b,乙,B,township,a,,',
        'a,甲,A,township,gov,,',
      ].join('\n'),
      'id,nameZh\n"unclosed',
      '',
    ].flatMap((csv) => parseUnitImport(csv, 'csv', known).problems);
    problems.push(
      ...parseUnitImport('a: [1', 'yaml', known).problems,
      ...parseUnitImport('a: 1', 'yaml', known).problems,
    );
    expect(problems.length).toBeGreaterThan(10);
    expect(problems.filter((p) => !CHINESE.test(fieldMessageZh(p.message)))).toEqual([]);
    expect(fieldMessageZh('repeats line 3')).toBe('与第 3 行重复');
    // A parent named by its Chinese name: none has it, or several do (the name may read like a shape).
    const named = parseUnitImport(
      [
        '编号,名称,类别,上级单位',
        'a,甲,乡镇,武陟县人民政府',
        'b,乙,乡镇,丙 is in the future',
        'c,丙,乡镇,丁',
        'd,丁,乡镇,',
        'e,丁,乡镇,,否',
      ].join('\n'),
      'csv',
      known,
    ).problems;
    expect(named.filter((p) => p.field === '上级单位').map((p) => fieldMessageZh(p.message))).toEqual([
      '没有编码或名称为“武陟县人民政府”的单位',
      '没有编码或名称为“丙 is in the future”的单位',
      '“丁”是多个单位的名称（d、e），请填写所指单位的编码',
    ]);
    expect(
      fieldMessageZh(
        '丁 is the Chinese name of more than one unit (a, b, c, d, e and 3 more): write the code',
      ),
    ).toBe('“丁”是多个单位的名称（a、b、c、d、e 等 8 个），请填写所指单位的编码');
    expect(fieldMessageZh('must be text')).toBe('须为文字，不能是列表或键值对');
    // An import line held to the rules of a body: its unstorable text, length and control characters.
    const yaml = 'units:\n  - {id: a, nameZh: "甲\\0\\a", nameEn: "\\ud800", kind: township}\n';
    const lineProblems = parseUnitImport(yaml, 'yaml', known).problems;
    expect(lineProblems.length).toBeGreaterThan(1);
    expect(lineProblems.filter((p) => !CHINESE.test(fieldMessageZh(p.message)))).toEqual([]);
    const controlled = await fieldProblemsOf(CreateUnitDto, {
      id: 'a',
      nameZh: '甲\u0007乡',
      nameEn: 'A',
      kind: 'township',
    });
    expect(controlled.map((p) => fieldMessageZh(p.message))).toEqual([
      '不能含有控制字符（如制表符、换行），请删除后重试',
    ]);
    expect(fieldMessageZh('nameZh must not be null (leave it out to keep it)')).toBe(
      '不能为空（不修改请不填此项）',
    );
    expect(problemTextZh('request.too-large', 'too big', { limitBytes: 102_400 })).toBe(
      '提交的内容过大（不能超过 100 KB，一个汉字约占 3 字节），请删减或分几次提交',
    );
    // A file names a kind by its code: the codes it may use, not a list to choose from.
    expect(fieldMessageZh('must be one of county_office, township (or its Chinese name)')).toBe(
      '须为以下之一：县政府、县食安办、县直部门、乡镇（街道）、外部机关（或其英文代码）',
    );
    expect(fieldMessageZh('must be one of county_office, township')).toBe(
      '须为以下之一：county_office, township',
    );
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

describe('a plan file the YAML parser refuses', () => {
  /** The API's message for each of the parser's problems with `source`, as the plan parser words it. */
  const saidOf = (source: string) =>
    parseDocument(source, { prettyErrors: false }).errors.map((e) => fieldMessageZh(`YAML: ${e.message}`));

  it('says what to fix in Chinese, the parser’s words beside', () => {
    expect(saidOf('a: 1\na: 2\n')).toEqual(['YAML 格式错误：同一层级有重复的键（Map keys must be unique）']);
    expect(saidOf('a:\n\tb: 1\n')[0]).toMatch(/^YAML 格式错误：不能用 Tab 缩进，请用空格（/);
    expect(saidOf('a: "x\n')[0]).toMatch(/^YAML 格式错误：引号或括号没有闭合（/);
    expect(saidOf('a: b: c\n')[0]).toMatch(/^YAML 格式错误：缩进不对，或一行里有两个冒号/);
    expect(saidOf('a: [1, 2\n')[0]).toMatch(/^YAML 格式错误：缩进不对：同一层级的条目须对齐（/);
    expect(saidOf('- a\nb: 1\n').every((said) => said.startsWith('YAML 格式错误：'))).toBe(true);
  });
});

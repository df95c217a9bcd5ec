import { RiskGrade, RiskSource } from '../../libs/contracts/src/risk-item.contracts.js';

/** A valid registration body (the credit code is GB 32100-2015's own example). */
export function riskItemBody(overrides: Record<string, unknown> = {}) {
  return {
    source: RiskSource.Inspection,
    sourceDate: '2024-09-27',
    actionNo: 5,
    business: {
      name: '武陟县示例食品经营部',
      creditCode: '91350100M000100Y43',
      address: '示例镇建设路88号',
      townshipId: 'township-sample-1',
    },
    description: '售卖超过保质期的预包装食品',
    grade: RiskGrade.General,
    ...overrides,
  };
}

export const EVIDENCE = [
  {
    fileName: '整改后照片-01.jpg',
    mediaType: 'image/jpeg',
    size: 482113,
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    stage: 'after',
  },
];

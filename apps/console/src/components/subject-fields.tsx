import { Col, Form, Input, Row, Select, type FormRule } from 'antd';
import {
  IDENTIFIERS_BY_KIND,
  SubjectKind,
  type SubjectIdentifier,
} from '../../../../libs/contracts/src/subject.contracts';
import { identifierProblems } from '../../../../libs/risk-items/src/domain/subject';
import { fieldMessageZh } from '../api/problem-zh';
import { type Unit } from '../api/types';
import { SUBJECT_IDENTIFIER_ZH, SUBJECT_KIND_ZH } from '../format';

/** The subject's fields as the form holds them (the API's body; a cleared field is absent). */
export interface SubjectFieldValues {
  kind?: string;
  name?: string;
  creditCode?: string;
  identifiers?: Partial<Record<`${SubjectIdentifier}`, string>>;
  address?: string;
  townshipId?: string;
}

const CREDIT_CODE_LENGTH = { len: 18, message: '统一社会信用代码应为 18 位' };
/** A cleared field is left out of the body rather than sent empty (an empty credit code is refused). */
const emptyAsAbsent = (value: string | undefined) => value || undefined;

/** The API's own check of one identifier against the kind, said in Chinese before the API is asked. */
const fitsKind = (kind: SubjectKind, key: SubjectIdentifier): FormRule => ({
  validator: (_, value: string | undefined) => {
    const [problem] = value ? identifierProblems({ kind, identifiers: { [key]: value } }) : [];
    return problem ? Promise.reject(new Error(fieldMessageZh(problem.message))) : Promise.resolve();
  },
});

/**
 * The subject of a hazard (经营主体), as the API's `TargetBusinessDto` takes it under `name`: its kind
 * first, then the credit code (required only of a registered business) and the identifiers that fit
 * the kind, the address and the township. A stall, a workshop or a farm can so be registered without a
 * credit code.
 */
export function SubjectFields({ name, townships }: { name: string[]; townships: Unit[] }) {
  const field = (...path: string[]) => [...name, ...path];
  const kind = Form.useWatch<SubjectKind | undefined>(field('kind'));
  const registered = kind === SubjectKind.RegisteredBusiness;
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Form.Item
          label="经营主体类型"
          name={field('kind')}
          rules={[{ required: true, message: '请选择经营主体类型' }]}
        >
          <Select options={Object.entries(SUBJECT_KIND_ZH).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          label="经营主体名称"
          name={field('name')}
          rules={[{ required: true, message: '请填写名称' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          label={registered ? '统一社会信用代码' : '统一社会信用代码（可不填）'}
          name={field('creditCode')}
          normalize={emptyAsAbsent}
          rules={
            registered
              ? [{ required: true, message: '请填写统一社会信用代码' }, CREDIT_CODE_LENGTH]
              : [CREDIT_CODE_LENGTH]
          }
        >
          <Input maxLength={18} />
        </Form.Item>
      </Col>
      {kind &&
        (IDENTIFIERS_BY_KIND[kind] ?? []).map((key) => (
          <Col span={12} key={key}>
            <Form.Item
              label={`${SUBJECT_IDENTIFIER_ZH[key]}（可不填）`}
              name={field('identifiers', key)}
              normalize={emptyAsAbsent}
              rules={[fitsKind(kind, key)]}
              // Another kind's identifiers leave the body with their fields.
              preserve={false}
            >
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        ))}
      <Col span={12}>
        <Form.Item label="地址" name={field('address')} rules={[{ required: true, message: '请填写地址' }]}>
          <Input maxLength={300} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          label="所在乡镇（街道）"
          name={field('townshipId')}
          rules={[{ required: true, message: '请选择乡镇' }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={townships.map((u) => ({ value: u.id, label: u.nameZh }))}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

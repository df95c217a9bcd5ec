import { Alert, Button, Form, Input, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { fieldMessageZh } from '../../api/problem-zh';
import { fieldPath } from '../../components/field-path';
import { type TextFile, TextFilePicker } from '../../components/file-picker';
import { filled } from '../../components/filled';
import { useFormStep } from '../../components/use-form-step';
import { saveFile } from '../../components/save-file';
import { NEW_UNIT_CODE_ZH, UNIT_IMPORT_COLUMNS, UNIT_KIND_ZH } from '../../format';
import { UNIT_IMPORT_TEMPLATE_NAME, unitImportTemplate } from './unit-import-template';

/** What `POST /units/import` answers: what the file creates or changes, or its problems by line. */
interface ImportReport {
  applied: boolean;
  created: string[];
  changed: Array<{ id: string; fields: string[] }>;
  unchanged: number;
  /** The first problems by line (the API lists at most 200). */
  problems: Array<{ line: number; field: string; message: string }>;
  /** How many more the file has than are listed. */
  problemsNotListed: number;
  /** Parents the file gave by Chinese name, each with the unit it was read as. */
  parentsByName: Array<{ name: string; id: string; lines: number[] }>;
  /** The Chinese name of each unit the report names by code. */
  unitNames: Record<string, string>;
}

interface ImportFields {
  file: TextFile;
  reason: string;
}

const FIELDS = Object.keys(UNIT_IMPORT_COLUMNS) as Array<keyof typeof UNIT_IMPORT_COLUMNS>;
/**
 * A problem's column as the page names it: a field by the template's Chinese name, a column the file
 * named itself as the file wrote it; '' is the file as a whole (not valid YAML, no header).
 */
const COLUMN_ZH: Record<string, string> = {
  '': '文件',
  'field name': '列名',
  ...Object.fromEntries(FIELDS.map((field) => [field, UNIT_IMPORT_COLUMNS[field][0]])),
};
const columnZh = (field: string) => COLUMN_ZH[field] ?? field;
const KIND_CODES = Object.entries(UNIT_KIND_ZH)
  .map(([kind, zh]) => `${zh}（${kind}）`)
  .join('、');

/** Downloads the template: Excel on a Chinese Windows opens it as it is (UTF-8 with a BOM). */
const downloadTemplate = () =>
  saveFile(UNIT_IMPORT_TEMPLATE_NAME, new Blob([unitImportTemplate()], { type: 'text/csv;charset=utf-8' }));

/** The file's format by its extension, as the API takes it; undefined for any other file. */
const formatOf = (name: string) =>
  /\.csv$/i.test(name) ? 'csv' : /\.ya?ml$/i.test(name) ? 'yaml' : undefined;

/** The content and format the API names belong to the file field. */
const fieldOf = (path: string) => (path === 'content' || path === 'format' ? ['file'] : fieldPath(path));

/**
 * 导入单位: a CSV or YAML file, read here as text. 预检 reports what it would create and change, or every
 * problem by line; 导入 then applies it with a reason, all or nothing, and shows what it did.
 */
export function UnitImportModal({
  open,
  onImported,
  onClose,
}: {
  open: boolean;
  onImported: () => void;
  onClose: () => void;
}) {
  const [form] = Form.useForm<ImportFields>();
  const { busy, run } = useFormStep(form, fieldOf);
  /** The last report, and the file it is of: 导入 waits for a clean 预检 of the file chosen. */
  const [checked, setChecked] = useState<{ file: TextFile; report: ImportReport }>();
  const file = Form.useWatch('file', form);
  const report = checked?.file === file ? checked?.report : undefined;
  const importable = report !== undefined && !report.applied && report.problems.length === 0;
  /** Which of the two buttons sent the step under way: it alone spins. */
  const [dryRunning, setDryRunning] = useState(false);

  const send = async (dryRun: boolean) => {
    // A dry run changes nothing, so it asks for no reason.
    const fields = await form.validateFields(dryRun ? ['file'] : undefined).catch(() => undefined);
    if (!fields) return; // a rule of the page failed: its message stands under its field
    setDryRunning(dryRun);
    const answer = await run(
      () =>
        api.post<ImportReport>(`/units/import${dryRun ? '?dryRun=true' : ''}`, {
          format: formatOf(fields.file.name),
          content: fields.file.text,
          reason: dryRun ? undefined : fields.reason,
        }),
      dryRun ? '预检已完成，结果见对话框' : '导入已处理，结果见对话框',
    );
    if (!answer) return;
    setChecked({ file: fields.file, report: answer });
    if (answer.applied) onImported();
  };

  return (
    <Modal
      open={open}
      title="导入单位"
      width={720}
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => setChecked(undefined)}
      footer={[
        <Button key="close" onClick={onClose}>
          {report?.applied ? '关闭' : '取消'}
        </Button>,
        <Button key="check" loading={busy && dryRunning} disabled={busy} onClick={() => void send(true)}>
          预检
        </Button>,
        <Button
          key="import"
          type="primary"
          loading={busy && !dryRunning}
          disabled={!importable || busy}
          onClick={() => void send(false)}
        >
          导入
        </Button>,
      ]}
    >
      <Typography.Paragraph>
        可先
        <Button type="link" size="small" onClick={downloadTemplate}>
          下载模板
        </Button>
        ，用 Excel 按模板填写后另存为 CSV（“CSV UTF-8”或“CSV（逗号分隔）”均可）；也可导入同样列名的 YAML
        单位列表。
      </Typography.Paragraph>
      <ul>
        <li>
          第一行为列名，顺序不限：
          {FIELDS.map((field) => UNIT_IMPORT_COLUMNS[field].join('/')).join('，')}
          （也可用英文字段名 {FIELDS.join(',')}）。单位编码、单位名称、类别必填。
        </li>
        <li>{NEW_UNIT_CODE_ZH}（已有单位的编码照旧）。</li>
        <li>{`类别：填中文类别名称或代码均可（乡镇、街道也可），${KIND_CODES}`}</li>
        <li>
          上级单位可填编码，也可填中文名称（须只有一个单位叫这个名称，文件中的单位也算；预检时列出按名称认定的上级单位），留空为顶级单位；
          是否在用填“是”“否”（或
          TRUE、FALSE），留空为在用；英文名称可留空（已有单位留空则保留原英文名称）。文件中没有的列不改动已有单位的这一项（如只有编码、名称、类别三列，已有单位的上级和是否在用保持不变）。
        </li>
        <li>
          已有的单位按编码修改，文件中未列出的单位不变；文件有任何问题则全部不导入。先预检，无问题再导入。
        </li>
        <li>
          名称前后的空格自动去掉；名称不能含控制字符；只差空格或不可见字符的名称视为同名。文件约 90 KB（约 3
          万个汉字）以内，更大的请分成几个文件导入。
        </li>
      </ul>
      <Form<ImportFields> form={form} layout="vertical" preserve={false}>
        <Form.Item
          label="文件（CSV 或 YAML）"
          name="file"
          rules={[
            { required: true, message: '请选择文件' },
            {
              validator: (_, picked?: TextFile) =>
                !picked || formatOf(picked.name)
                  ? Promise.resolve()
                  : Promise.reject(new Error('只能导入 .csv、.yaml 或 .yml 文件')),
            },
          ]}
        >
          <TextFilePicker accept=".csv,.yaml,.yml" />
        </Form.Item>
        <Form.Item label="理由" name="reason" rules={[filled('请填写理由')]}>
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
      {report && <ImportReportSummary report={report} />}
    </Modal>
  );
}

/** A report: its counts, what it creates and changes, or its problems by line and column. */
function ImportReportSummary({ report }: { report: ImportReport }) {
  const { created, changed, unchanged, problems, problemsNotListed, parentsByName, unitNames } = report;
  if (problems.length > 0) {
    return (
      <>
        <Table
          size="small"
          rowKey={(p) => `${p.line}:${p.field}:${p.message}`}
          caption={`文件有 ${problems.length + problemsNotListed} 处问题，未导入任何单位`}
          pagination={false}
          dataSource={problems}
          columns={[
            { title: '行', dataIndex: 'line', width: 60 },
            { title: '列', dataIndex: 'field', width: 120, render: columnZh },
            { title: '问题', dataIndex: 'message', render: fieldMessageZh },
          ]}
        />
        {problemsNotListed > 0 && (
          <Typography.Paragraph type="secondary">
            另有 {problemsNotListed} 处问题未列出：请先改正以上各处，再预检。
          </Typography.Paragraph>
        )}
      </>
    );
  }
  // An official knows a unit by its name; the code tells two of a name apart.
  const named = (id: string) => `${unitNames[id]}（${id}）`;
  const changes = changed.map(({ id, fields }) => `${named(id)}：${fields.map(columnZh).join('、')}`);
  const parents = parentsByName.map(({ name, id, lines }) => `${name} → ${named(id)}，${lines.length} 行`);
  return (
    <Alert
      type={report.applied ? 'success' : 'info'}
      showIcon
      title={`${report.applied ? '已导入' : '预检通过，可以导入'}：新增 ${created.length}，修改 ${changed.length}，不变 ${unchanged}`}
      description={
        <>
          {created.length > 0 && <div>新增：{created.map(named).join('、')}</div>}
          {changes.length > 0 && <div>修改：{changes.join('；')}</div>}
          {parents.length > 0 && <div>上级单位按名称认定：{parents.join('；')}</div>}
        </>
      }
    />
  );
}

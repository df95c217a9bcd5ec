import { Card, Table, Tag, Typography } from 'antd';
import { type Unit } from '../../api/types';
import { useUnits } from '../../components/use-units';

const KIND_ZH: Record<string, string> = {
  county_office: '县食安办',
  county_government: '县政府',
  county_department: '县直部门',
  township: '乡镇（街道）',
  external: '外部机关',
};

/** 单位: the campaign's units as the reference data holds them. */
export default function Units() {
  const { units } = useUnits();
  return (
    <Card title={<Typography.Title level={4}>单位</Typography.Title>}>
      <Table<Unit>
        rowKey="id"
        size="small"
        dataSource={units}
        pagination={false}
        columns={[
          { title: '代码', dataIndex: 'id', width: 180 },
          { title: '名称', dataIndex: 'nameZh' },
          { title: '类别', dataIndex: 'kind', width: 140, render: (k: string) => KIND_ZH[k] ?? k },
          {
            title: '',
            dataIndex: 'isSample',
            width: 100,
            render: (sample?: boolean) => (sample ? <Tag>样例</Tag> : null),
          },
        ]}
      />
    </Card>
  );
}

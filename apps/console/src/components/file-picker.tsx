import { Button, Upload } from 'antd';
import { describeFile, type FileRecord } from './file-record';

/** A form control whose value is a chosen file's record (name, type, size, sha256 computed here). */
export function FilePicker({
  value,
  onChange,
  id,
}: {
  value?: FileRecord;
  onChange?: (file: FileRecord) => void;
  id?: string;
}) {
  return (
    <>
      <Upload
        showUploadList={false}
        beforeUpload={(file) => {
          void describeFile(file).then((described) => onChange?.(described));
          return false;
        }}
      >
        <Button id={id}>选择文件</Button>
      </Upload>
      {value && (
        <div className="sha256">
          {value.fileName}（{value.size} 字节）sha256: {value.sha256}
        </div>
      )}
    </>
  );
}

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

/** A file read here as text (a plan's YAML, a list of units): its name and what it says. */
export interface TextFile {
  name: string;
  text: string;
}

/** A form control whose value is a chosen file's name and text (`accept`: its extensions, e.g. `.csv`). */
export function TextFilePicker({
  accept,
  value,
  onChange,
  id,
}: {
  accept: string;
  value?: TextFile;
  onChange?: (file: TextFile) => void;
  id?: string;
}) {
  return (
    <>
      <Upload
        accept={accept}
        maxCount={1}
        showUploadList={false}
        beforeUpload={(picked) => {
          void picked.text().then((text) => onChange?.({ name: picked.name, text }));
          return false;
        }}
      >
        <Button id={id}>选择文件</Button>
      </Upload>{' '}
      {value?.name}
    </>
  );
}

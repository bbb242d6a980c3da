import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_CSV_HEADER, type PackageItem } from '@writ/contracts';
import { SealedFileWriter, type WrittenFile } from './sealed-file.js';

/** Where a package's sealed files live: STORAGE_DIR/disclosures/<id>/<name>.sealed. */
export function packageDir(storageDir: string, disclosureId: string): string {
  return path.resolve(storageDir, 'disclosures', disclosureId);
}

export function sealedPath(storageDir: string, disclosureId: string, name: string): string {
  return path.join(packageDir(storageDir, disclosureId), `${name}.sealed`);
}

export async function deletePackageFiles(storageDir: string, disclosureId: string): Promise<void> {
  await rm(packageDir(storageDir, disclosureId), { recursive: true, force: true });
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * One item as a line of data.json: exactly the item's five fields, in a fixed order, so nothing else can get in.
 * The same text is what released_item is filled from (released-item-inserter.ts): one serialisation per item.
 */
export function packageItemJson(item: PackageItem): string {
  return JSON.stringify({
    decisionId: item.decisionId,
    targetId: item.targetId,
    category: item.category,
    value: item.value,
    observedAt: item.observedAt,
  });
}

/**
 * data.json (a JSON array of items) and data.csv (the same rows), written side by side as the items stream in,
 * each hashed and sealed on its way to disk. Only the item's five fields are written: nothing else can get in.
 */
export class PackageFilesWriter {
  private readonly json: SealedFileWriter;
  private readonly csv: SealedFileWriter;
  private first = true;

  private constructor(storageDir: string, key: Buffer, disclosureId: string) {
    this.json = new SealedFileWriter(sealedPath(storageDir, disclosureId, 'data.json'), key, disclosureId, 'data.json');
    this.csv = new SealedFileWriter(sealedPath(storageDir, disclosureId, 'data.csv'), key, disclosureId, 'data.csv');
  }

  static async open(storageDir: string, key: Buffer, disclosureId: string): Promise<PackageFilesWriter> {
    await mkdir(packageDir(storageDir, disclosureId), { recursive: true, mode: 0o700 });
    const writer = new PackageFilesWriter(storageDir, key, disclosureId);
    await writer.json.write('[');
    await writer.csv.write(`${PACKAGE_CSV_HEADER}\r\n`);
    return writer;
  }

  /** `lines`: the items' packageItemJson, when the caller has it already. */
  async add(items: readonly PackageItem[], lines: readonly string[] = items.map(packageItemJson)): Promise<void> {
    if (items.length === 0) return;
    let csv = '';
    for (const item of items) {
      csv += `${csvField(item.decisionId)},${csvField(item.targetId)},${item.category},${csvField(item.value)},${csvField(item.observedAt ?? '')}\r\n`;
    }
    await this.json.write(`${this.first ? '\n' : ',\n'}${lines.join(',\n')}`);
    this.first = false;
    await this.csv.write(csv);
  }

  async close(): Promise<WrittenFile[]> {
    await this.json.write(this.first ? ']\n' : '\n]\n');
    return [await this.json.close(), await this.csv.close()];
  }

  abort(): void {
    this.json.abort();
    this.csv.abort();
  }
}

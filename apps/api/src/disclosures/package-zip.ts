import { finished, type Readable } from 'node:stream';
import { PACKAGE_DATA_FILES, PACKAGE_MANIFEST_FILE } from '@writ/contracts';
import yazl from 'yazl';
import { deletePackageFiles, sealedPath } from './package-files.js';
import { openSealedFile } from './sealed-file.js';

/**
 * The package as one zip, streamed: manifest.note, data.json, data.csv, decrypted on the way out. The sealed files
 * are deleted once the zip has been sent (or the transfer broke off): a package leaves once.
 */
export async function packageZip(
  storageDir: string,
  key: Buffer,
  disclosure: { id: string; signature: string | null; preparedAt: Date },
): Promise<Readable> {
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as unknown as Readable;
  const mtime = disclosure.preparedAt;
  zip.addBuffer(Buffer.from(disclosure.signature ?? '', 'utf8'), PACKAGE_MANIFEST_FILE, { mtime });
  for (const name of PACKAGE_DATA_FILES) {
    const plain = await openSealedFile(sealedPath(storageDir, disclosure.id, name), key, disclosure.id, name);
    // A file that does not decrypt (altered on disk) breaks the zip off rather than completing it.
    plain.on('error', (error) => output.destroy(error));
    zip.addReadStream(plain, name, { mtime });
  }
  zip.end();
  finished(output, () => void deletePackageFiles(storageDir, disclosure.id).catch(() => undefined));
  return output;
}

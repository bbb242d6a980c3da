import { attachment, cleanFilename, downloadName } from './filename';

describe('cleanFilename', () => {
  it.each([
    ['Beschluss 12-2026.pdf', 'Beschluss 12-2026.pdf'],
    ['..\\..\\boot.ini', '_.._boot.ini'],
    ['report\u202Efdp.exe', 'report_fdp.exe'],
    ['a\u0000b\tc\r\nd.pdf', 'a_b_c__d.pdf'],
    ['   ', 'document'],
    [undefined, 'document'],
    ['.htaccess', 'htaccess'],
  ])('%j → %j', (raw, cleaned) => {
    expect(cleanFilename(raw)).toBe(cleaned);
  });

  it('keeps the start and the extension of a very long name', () => {
    const cleaned = cleanFilename(`${'a'.repeat(500)}.pdf`);
    expect([...cleaned]).toHaveLength(200);
    expect(cleaned.endsWith('.pdf')).toBe(true);
  });
});

describe('downloadName', () => {
  it('appends the real extension when the name lies about the type', () => {
    expect(downloadName('order.pdf', 'image/png')).toBe('order.pdf.png');
    expect(downloadName('scan.JPG', 'image/jpeg')).toBe('scan.JPG');
    expect(downloadName('letter', 'text/plain')).toBe('letter.txt');
  });
});

describe('attachment', () => {
  it('gives an ASCII fallback and the exact UTF-8 name (RFC 6266 / 8187)', () => {
    expect(attachment('Bescheid "ä" 100%.pdf')).toBe(
      `attachment; filename="Bescheid ___ 100_.pdf"; filename*=UTF-8''Bescheid%20%22%C3%A4%22%20100%25.pdf`,
    );
  });
});

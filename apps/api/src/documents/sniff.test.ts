import { sniffMediaType, TextCheck } from './sniff';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b40000000049454e44ae426082',
  'hex',
);

describe('sniffMediaType', () => {
  it('trusts the bytes, not the name: a PNG is a PNG', async () => {
    await expect(sniffMediaType(PNG, 'ORDER', true)).resolves.toBe('image/png');
  });

  it('recognises a PDF by its header', async () => {
    await expect(
      sniffMediaType(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'), 'ORDER', true),
    ).resolves.toBe('application/pdf');
  });

  it.each([
    ['an ELF executable', Buffer.from('7f454c46020101000000000000000000', 'hex')],
    ['a zip archive', Buffer.from('504b0304140000000800', 'hex')],
    ['a Windows executable', Buffer.from('4d5a90000300000004000000ffff0000', 'hex')],
  ])('refuses %s with UNSUPPORTED_DOCUMENT_TYPE', async (_name, bytes) => {
    await expect(sniffMediaType(bytes, 'CORRESPONDENCE', true)).rejects.toMatchObject({
      code: 'UNSUPPORTED_DOCUMENT_TYPE',
    });
  });

  it('accepts UTF-8 text only as correspondence', async () => {
    const text = Buffer.from('Sehr geehrte Damen und Herren,\r\nbitte bestätigen Sie …\n\tDanke.\f', 'utf8');
    await expect(sniffMediaType(text, 'CORRESPONDENCE', true)).resolves.toBe('text/plain');
    await expect(sniffMediaType(text, 'ORDER', true)).rejects.toMatchObject({ code: 'UNSUPPORTED_DOCUMENT_TYPE' });
  });

  it.each([
    ['a NUL byte', Buffer.from('hello\u0000world')],
    ['an escape sequence', Buffer.from('\u001b[31mred')],
    ['invalid UTF-8', Buffer.from([0x68, 0x69, 0xff, 0xfe])],
    ['UTF-16', Buffer.from('hello', 'utf16le')],
  ])('does not take text with %s for text', async (_name, bytes) => {
    await expect(sniffMediaType(bytes, 'CORRESPONDENCE', true)).rejects.toMatchObject({
      code: 'UNSUPPORTED_DOCUMENT_TYPE',
    });
  });
});

describe('TextCheck', () => {
  it('accepts a multi-byte character split across chunks, and refuses one cut off at the end', () => {
    const bytes = Buffer.from('prüfen', 'utf8');
    const split = new TextCheck();
    expect(split.push(bytes.subarray(0, 3))).toBe(true);
    expect(split.push(bytes.subarray(3))).toBe(true);
    expect(split.end()).toBe(true);
    const cut = new TextCheck();
    expect(cut.push(bytes.subarray(0, 3))).toBe(true);
    expect(cut.end()).toBe(false);
  });
});

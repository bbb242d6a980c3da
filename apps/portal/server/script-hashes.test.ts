import { createHash } from 'node:crypto';
import { inlineScriptHashes } from './script-hashes.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

describe('inlineScriptHashes', () => {
  it('hashes the exact text of each inline script, once, and skips scripts loaded from a file', () => {
    const first = '(self.__next_f=self.__next_f||[]).push([0])';
    const second = 'self.__next_f.push([1,"a\\u003c/script>é"])';
    const html =
      `<html><head><script src="/_next/static/chunks/main.js" async=""></script></head>` +
      `<body><script>${first}</script><SCRIPT type="text/javascript">${second}</SCRIPT >` +
      `<script>${first}</script><script></script></body></html>`;
    expect(inlineScriptHashes(html)).toEqual([sha256(first), sha256(second)]);
  });

  it('finds no script in a page without one', () => {
    expect(inlineScriptHashes('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).toEqual([]);
  });
});

import fc from 'fast-check';
import { htmlText } from './html-text';

describe('htmlText', () => {
  it('leaves no character that could end a text node or a quoted attribute, and loses nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        const escaped = htmlText(value);
        expect(escaped).not.toMatch(/[<>"']/);
        // every & starts one of the references written here, so decoding gives back exactly the input
        expect(escaped).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
        const decoded = escaped.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) =>
          name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
        );
        expect(decoded).toBe(value);
      }),
    );
  });

  it('writes markup as text a reader sees, not as tags', () => {
    expect(htmlText('<script>alert("x")</script> & \'y\'')).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });
});

import { IMAGE_ASPECTS, boxContains, cropBox, focalPixel, manualCropProblem, planRenditions, srcsets } from './images.js';
import { bodyMediaIds, renderRichText, type RichTextDoc } from './richtext.js';

describe('crops', () => {
  it('keep the focal pixel inside every aspect, inside the image', () => {
    for (const [w, h] of [
      [3000, 2000],
      [2000, 3000],
      [1, 1],
      [2, 2],
      [7, 3],
      [800, 400],
    ] as const) {
      for (let i = 0; i <= 20; i++)
        for (let j = 0; j <= 20; j++) {
          const focal = { x: i / 20, y: j / 20 };
          for (const aspect of IMAGE_ASPECTS) {
            const box = cropBox(w, h, aspect, focal);
            expect(boxContains(box, focalPixel(w, h, focal.x, focal.y))).toBe(true);
            expect(box.left >= 0 && box.top >= 0 && box.left + box.width <= w && box.top + box.height <= h).toBe(true);
          }
        }
    }
    expect(cropBox(800, 400, 'square', { x: 0.5, y: 0.5 })).toEqual({ left: 200, top: 0, width: 400, height: 400 });
  });

  it('refuse a manual crop of the wrong shape, outside the image, or without the focal point', () => {
    expect(manualCropProblem(1000, 1000, 'square', { x: 0, y: 0, width: 0.5, height: 0.5 }, { x: 0.2, y: 0.2 })).toBeNull();
    expect(manualCropProblem(1000, 1000, 'square', { x: 0, y: 0, width: 0.5, height: 0.4 }, { x: 0.2, y: 0.2 })).toMatch(/must be 1:1/);
    expect(manualCropProblem(1000, 1000, 'square', { x: 0.6, y: 0, width: 0.5, height: 0.5 }, { x: 0.7, y: 0.2 })).toMatch(/outside/);
    expect(manualCropProblem(1000, 1000, 'square', { x: 0, y: 0, width: 0.5, height: 0.5 }, { x: 0.9, y: 0.2 })).toMatch(/focal point/);
  });

  it('never upscale: a crop narrower than 320 gets its own width only; AVIF stops at 1024', () => {
    const small = planRenditions(200, 100, { x: 0.5, y: 0.5 });
    // original 200, wide 178, square 100, standard 150, social 200: each crop at its own width, once per type.
    expect(small.map((r) => `${r.aspect} ${r.width}`).filter((_, i) => i % 3 === 0)).toEqual([
      'original 200',
      'wide 178',
      'square 100',
      'standard 150',
      'social 200',
    ]);
    const large = planRenditions(6000, 4000, { x: 0.5, y: 0.5 });
    expect(large.filter((r) => r.type === 'image/avif').every((r) => r.width <= 1024)).toBe(true);
    expect(Math.max(...large.map((r) => r.width))).toBe(2400);
  });
});

describe('body images', () => {
  const set = srcsets([
    { url: '/api/public/images/a.jpg', width: 320, height: 200, type: 'image/jpeg', aspect: 'original' },
    { url: '/api/public/images/b.webp" onerror="alert(1)', width: 320, height: 200, type: 'image/webp', aspect: 'original' },
  ]);
  const doc: RichTextDoc = {
    type: 'doc',
    content: [
      { type: 'image', attrs: { src: '/api/media/0b6c2a6e-4f3f-4d55-9a0e-0c7b1d2e3f40', alt: '"><script>', credit: '<b>Jane</b>' } },
    ],
  };

  it('render a <picture> with every value escaped, and the credit as the caption', () => {
    const html = renderRichText(doc, { images: new Map([['/api/media/0b6c2a6e-4f3f-4d55-9a0e-0c7b1d2e3f40', { srcset: set.original! }]]) });
    expect(html).toContain(
      '<figure><picture><source type="image/webp" srcset="/api/public/images/b.webp&quot; onerror=&quot;alert(1) 320w"',
    );
    expect(html).toContain('<img src="/api/public/images/a.jpg" srcset="/api/public/images/a.jpg 320w"');
    expect(html).toContain('alt="&quot;&gt;&lt;script&gt;"');
    expect(html).toContain('<figcaption>&lt;b&gt;Jane&lt;/b&gt;</figcaption></figure>');
    expect(html).not.toContain('<script');
  });

  it('find the uploaded images of a body, each once', () => {
    expect(bodyMediaIds({ type: 'doc', content: [...doc.content, ...doc.content] })).toEqual(['0b6c2a6e-4f3f-4d55-9a0e-0c7b1d2e3f40']);
  });
});

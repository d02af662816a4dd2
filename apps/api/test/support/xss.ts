/**
 * Markup that must never reach a reader as markup: the payloads of the body-sanitizing tests
 * (src/stories/sanitize.spec.ts, test/desk.e2e-spec.ts) and the classic filter-evasion forms. Used
 * as plain text (headline, teaser, body text, transcript) wherever text comes back inside HTML.
 */
export const XSS_PAYLOADS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="alert(2)">',
  '<script>alert(document.cookie)</script>',
  '<a href="javascript:alert(1)">x</a>',
  '<p onclick="x()" style="color:red">Hi</p>',
  '<iframe src="https://e.org"></iframe>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<mark onmouseover=alert(1)>x</mark>',
  '</mark><img src=x onerror=alert(1)><mark>',
  '<<script>script>alert(1)<</script>/script>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<ScRiPt>alert(1)</sCrIpT>',
  '<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>',
  '<style>@import "https://evil.example/x.css";</style>',
  '<!--<img src=x onerror=alert(1)>-->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<object data="data:text/html,<script>alert(1)</script>"></object>',
  '<input autofocus onfocus=alert(1)>',
];

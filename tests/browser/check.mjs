#!/usr/bin/env node
// Accessibility and validity checks of fluentpress output in a real browser.
//
//   node tests/browser/check.mjs OUTPUT_DIR [OUTPUT_DIR…]
//
// Each OUTPUT_DIR is what `fluentpress build --out DIR` wrote. Every .html file in it is
// served over http on 127.0.0.1, loaded in Debian's Chromium (/usr/bin/chromium, driven by
// playwright-core) and checked: axe-core in the light and the dark colour scheme, the page
// language, the language menu, one h1, the skip link, a visible focus indicator at every
// tab stop, reflow at 320 and 640 CSS px, `lang` on passages shown in the source language,
// and internal links. Every .html file is also run through the Nu Html Checker (vnu.jar).
// The closing line is `browser: N passed, M failed`; the exit code is 0 only if M is 0.
//
// Environment:
//   CHROMIUM                  browser executable (default /usr/bin/chromium)
//   FLUENTPRESS_SOURCE_LOCALE the site's source locale (default en)
//   BROWSER_TEST_ARTIFACTS    where screenshots go (default: artifacts/ beside the first OUTPUT_DIR)
//   BROWSER_TEST_JOBS         pages checked at once (default 2)

import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

const outputs = process.argv.slice(2).map((d) => path.resolve(d));
if (outputs.length === 0 || outputs.some((d) => !existsSync(path.join(d, 'index.html')))) {
  console.error('usage: node check.mjs OUTPUT_DIR [OUTPUT_DIR…]  (each holding a fluentpress build, with index.html)');
  process.exit(2);
}
const SOURCE = process.env.FLUENTPRESS_SOURCE_LOCALE || 'en';
const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS = path.resolve(process.env.BROWSER_TEST_ARTIFACTS || path.join(path.dirname(outputs[0]), 'artifacts'));
const JOBS = Math.max(1, Number(process.env.BROWSER_TEST_JOBS || 2));
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_VERSION = JSON.parse(readFileSync(require.resolve('axe-core/package.json'), 'utf8')).version;
const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
// Reflow (WCAG 1.4.10): 320 CSS px is the criterion's own width. 640 CSS px stands for a
// 1280 px wide window at 200% zoom: zoom scales CSS px, so the layout viewport is 640 CSS
// px wide (deviceScaleFactor would only change the pixel density, not the layout).
const REFLOW_VIEWPORTS = [
  { name: 'reflow-320', width: 320, height: 640 },
  { name: 'reflow-640 (1280px at 200% zoom)', width: 640, height: 400 },
];
const DESKTOP = { width: 1280, height: 800 };

// ---------------------------------------------------------------------------------------
// Results

const results = { warnings: [], ligatureGapChecked: 0, passed: 0, failed: 0, failures: [], axeViolations: 0, axeIncomplete: [], nuErrors: 0, notes: [], phone: new Map() };
// A phone: header and language menu take at most a third of this viewport.
const PHONE = { width: 375, height: 667 };
const fallbackTotals = { elements: 0, pages: 0 };

function pass() {
  results.passed += 1;
}
function fail(check, where, message) {
  results.failed += 1;
  results.failures.push({ check, where, message });
  console.log(`FAIL [${check}] ${where}\n    ${message.replace(/\n/g, '\n    ')}`);
}
function check(name, where, problems) {
  if (problems.length === 0) pass();
  else fail(name, where, problems.join('\n'));
}

// ---------------------------------------------------------------------------------------
// A static http server over one output directory

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.pdf': 'application/pdf',
  '.js': 'text/javascript; charset=utf-8',
  '.woff2': 'font/woff2',
};

function serve(root) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let rel = decodeURIComponent(url.pathname);
      if (rel.includes('\0')) throw new Error('bad path');
      let file = path.join(root, path.normalize(rel));
      if (file !== root && !file.startsWith(root + path.sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${server.address().port}/` }));
  });
}

function htmlFiles(dir, rel = '') {
  const out = [];
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...htmlFiles(dir, r));
    else if (entry.name.endsWith('.html')) out.push(r);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The Nu Html Checker, started at once and read at the end (it runs beside the browser)

function runVnu(args) {
  return new Promise((resolve) => {
    const child = spawn('java', ['-Xss4m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', '--stdout', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e) => resolve({ code: -1, stdout, stderr: String(e) }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function reportVnu(kind, files, run, display) {
  let messages;
  try {
    messages = JSON.parse(run.stdout).messages;
  } catch {
    fail(kind, 'vnu.jar', `the Nu Html Checker did not give JSON (exit ${run.code})\n${run.stderr}${run.stdout}`.trim());
    return;
  }
  const byFile = new Map(files.map((f) => [path.resolve(f), []]));
  const other = [];
  for (const m of messages) {
    const file = m.url ? path.resolve(fileURLToPath(m.url)) : null;
    const text = `${m.type}${m.subType ? '/' + m.subType : ''}: line ${m.lastLine ?? m.firstLine ?? '?'}, column ${m.firstColumn ?? '?'}: ${m.message}` +
      (m.extract ? `\n      ${JSON.stringify(m.extract)}` : '');
    if (file && byFile.has(file)) byFile.get(file).push(text);
    else other.push(`${m.url ?? '(no file)'}: ${text}`);
  }
  for (const [file, problems] of byFile) {
    results.nuErrors += problems.length;
    check(kind, display(file), problems);
  }
  if (other.length) {
    results.nuErrors += other.length;
    fail(kind, 'vnu.jar', other.join('\n'));
  }
}

// ---------------------------------------------------------------------------------------
// In-page functions (run inside Chromium)

const CANDIDATES = 'p,h1,h2,h3,h4,h5,h6,li,td,th,dt,dd,caption,figcaption';

// Page structure: language, headings, menus, links, and each text block's own text nodes
// with the language and direction they are in.
function collectPage({ CANDIDATES, SOURCE }) {
  const isSource = (l) => !!l && (l.toLowerCase() === SOURCE.toLowerCase() || l.toLowerCase().startsWith(SOURCE.toLowerCase() + '-'));
  const langOf = (el) => (el && el.closest('[lang]') ? el.closest('[lang]').getAttribute('lang') : '');
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  const article = document.querySelector('main article');
  const root = article || document.querySelector('main');
  const blocks = [];
  if (root) {
    for (const el of root.querySelectorAll(CANDIDATES)) {
      const nodes = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (t.parentElement.closest(CANDIDATES) !== el || !t.data.trim()) continue;
        nodes.push({ text: t.data, lang: langOf(t.parentElement), dir: getComputedStyle(t.parentElement).direction });
      }
      blocks.push({ tag: el.tagName.toLowerCase(), own: norm(nodes.map((n) => n.text).join('')), nodes });
    }
  }
  const images = root ? [...root.querySelectorAll('img')].map((img) => ({ alt: img.getAttribute('alt'), lang: langOf(img), src: img.getAttribute('src') })) : [];
  // Elements marked with the source language, outermost only (as the fallback notice counts passages).
  const marked = root ? [...root.querySelectorAll('[lang]')].filter((el) => {
    if (!isSource(el.getAttribute('lang'))) return false;
    const outer = el.parentElement && el.parentElement.closest('[lang]');
    return !(outer && root.contains(outer) && isSource(outer.getAttribute('lang')));
  }).map((el) => el.tagName.toLowerCase()) : [];
  const desc = document.querySelector('meta[name="description"]');
  const title = document.querySelector('title');
  const notice = document.querySelector('.fallback-notice');
  const menu = [...document.querySelectorAll('nav.language-menu a')].map((a) => ({
    href: a.href, rawHref: a.getAttribute('href'), lang: a.getAttribute('lang'), hreflang: a.getAttribute('hreflang'),
    current: a.getAttribute('aria-current'), text: norm(a.textContent),
    list: a.closest('ul') ? a.closest('ul').className : '',
  }));
  const chooser = document.querySelector('nav.language-menu') ? [] : [...document.querySelectorAll('main nav a[hreflang]')].map((a) => ({
    href: a.href, hreflang: a.getAttribute('hreflang'), lang: langOf(a), text: norm(a.textContent),
  }));
  const alternates = [...document.querySelectorAll('link[rel~="alternate"][hreflang]')].map((l) => ({ href: l.href, rawHref: l.getAttribute('href'), hreflang: l.getAttribute('hreflang') }));
  const links = [
    ...[...document.querySelectorAll('a[href]')].map((a) => a.href),
    ...[...document.querySelectorAll('link[href]')].map((l) => l.href),
    ...[...document.querySelectorAll('img[src]')].map((i) => i.src),
  ];
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
  return {
    htmlLang: document.documentElement.getAttribute('lang'),
    htmlDir: document.documentElement.getAttribute('dir'),
    h1: [...document.querySelectorAll('h1')].map((h) => norm(h.textContent)),
    blocks, images, marked,
    description: desc ? { content: desc.getAttribute('content'), lang: langOf(desc) } : null,
    title: title ? { text: norm(title.textContent), lang: langOf(title) } : null,
    notice: notice ? norm(notice.textContent) : null,
    menu, chooser, alternates, links, ids,
  };
}

// axe-core 4.14's color-contrast rule leaves out text it takes for an icon-font ligature
// (color-contrast-matches → isIconLigature). Arabic script is joined, so Arabic text is
// taken for ligatures, and once a font has been so judged a few times every text in that
// font is left out: in a right-to-left edition most of the page goes unchecked, silently
// ("inapplicable", not "needs review"). This checks that text with axe's own colour
// functions (stacking, opacity and all), against the same 4.5:1 / 3:1 (large text) limits.
function ligatureGapContrast() {
  const out = { checked: 0, failures: [], unknown: [] };
  axe.setup(document);
  try {
    const rule = axe._audit.rules.find((r) => r.id === 'color-contrast');
    const C = axe.commons.color;
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
    for (const el of document.body.querySelectorAll('*')) {
      const v = axe.utils.getNodeFromTree(el);
      if (!v) continue;
      const tn = v.children.find((c) => c.actualNode.nodeType === 3 && c.actualNode.data.trim());
      if (!tn || rule.matches(el, v) || !axe.commons.text.isIconLigature(tn)) continue;
      if (!axe.commons.dom.isVisibleOnScreen(v)) continue;
      out.checked += 1;
      const text = el.textContent.replace(/\s+/g, ' ').trim().slice(0, 50);
      const bg = C.getBackgroundColor(el, []);
      const fg = bg ? C.getForegroundColor(el, false, bg) : null;
      if (!bg || !fg) {
        out.unknown.push(`${describe(el)} "${text}": colours could not be determined (${C.incompleteData.get('bgColor') || 'unknown reason'})`);
        continue;
      }
      const s = getComputedStyle(el);
      const px = parseFloat(s.fontSize);
      const large = px >= 24 || (px >= 18.66 && Number(s.fontWeight) >= 700);
      const need = large ? 3 : 4.5;
      const ratio = C.getContrast(bg, fg);
      if (ratio < need) out.failures.push(`${describe(el)} "${text}": contrast ${ratio.toFixed(2)}:1 (foreground ${fg.toHexString()}, background ${bg.toHexString()}, ${px}px weight ${s.fontWeight}), needs ${need}:1`);
    }
  } finally {
    axe.teardown();
  }
  return out;
}

// Style that shows focus, and where an element is.
function focusState(el) {
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    desc: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
      (el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : ''),
    outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0, outlineColor: s.outlineColor,
    boxShadow: s.boxShadow, backgroundColor: s.backgroundColor, color: s.color,
    textDecoration: s.textDecorationLine, borderColor: s.borderTopColor + ' ' + s.borderBottomColor,
    rect: { x: r.x, y: r.y, width: r.width, height: r.height },
    viewport: { width: document.documentElement.clientWidth, height: window.innerHeight },
    visibility: s.visibility, opacity: s.opacity,
  };
}

// ---------------------------------------------------------------------------------------
// Node-side helpers

const transparent = (c) => /^rgba\(.*,\s*0\)$/.test(c) || c === 'transparent';
function focusIndication(focused, unfocused) {
  const why = [];
  if (focused.outlineStyle !== 'none' && focused.outlineWidth > 0 && !transparent(focused.outlineColor)) why.push(`outline ${focused.outlineWidth}px ${focused.outlineStyle} ${focused.outlineColor}`);
  if (focused.boxShadow !== 'none' && (!unfocused || focused.boxShadow !== unfocused.boxShadow)) why.push(`box-shadow ${focused.boxShadow}`);
  if (unfocused && focused.backgroundColor !== unfocused.backgroundColor) why.push(`background ${unfocused.backgroundColor} → ${focused.backgroundColor}`);
  return why;
}
function inViewport(st) {
  const r = st.rect;
  return r.width > 0 && r.height > 0 && r.x >= -0.5 && r.y >= -0.5 && r.x + r.width <= st.viewport.width + 0.5 && r.y + r.height <= st.viewport.height + 0.5;
}
// Is this `lang` the source locale's (en, en-GB, …)?
const isEn = (lang) => !!lang && (lang.toLowerCase() === SOURCE.toLowerCase() || lang.toLowerCase().startsWith(SOURCE.toLowerCase() + '-'));
const LATIN = /\p{Script=Latin}/u;
const NON_LATIN_LETTER = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Thai}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Devanagari}]/u;
const words = (s) => s.split(/\s+/).filter((w) => LATIN.test(w)).length;

// The locale an output path belongs to: its first directory, or the source locale at the top.
function localeOfPath(rel) {
  return rel.includes('/') ? rel.split('/')[0] : SOURCE;
}
// The locale directory a URL on this server points into, or null.
function localeOfUrl(url, base) {
  if (!url.startsWith(base)) return null;
  const rest = url.slice(base.length).split(/[?#]/)[0];
  return rest.includes('/') ? rest.split('/')[0] : null;
}
function pageKeyInSource(rel) {
  // ko/guide/tables.html → en/guide/tables.html
  const parts = rel.split('/');
  if (parts.length < 2) return null;
  return [SOURCE, ...parts.slice(1)].join('/');
}

// ---------------------------------------------------------------------------------------
// One page

async function checkPage(context, site, rel, takeScreenshots) {
  const url = site.base + rel;
  const where = `${site.label}/${rel}`;
  const locale = localeOfPath(rel);
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) consoleErrors.push(`${r.status()} ${r.url()}`); });
  try {
    await page.setViewportSize(DESKTOP);
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => true));

    // axe-core, light then dark.
    await page.addScriptTag({ content: AXE_SOURCE });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const res = await page.evaluate(async (tags) => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] });
        const pick = (v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary, html: n.html })) });
        return { violations: r.violations.map(pick), incomplete: r.incomplete.map(pick) };
      }, AXE_TAGS);
      const problems = [];
      for (const v of res.violations) {
        results.axeViolations += 1;
        problems.push(`${v.id} (${v.impact}): ${v.help}` + v.nodes.map((n) => `\n  at ${n.target.join(' ')}\n    ${n.html.slice(0, 200)}\n    ${(n.summary || '').replace(/\n/g, '\n    ')}`).join(''));
      }
      for (const v of res.incomplete) {
        results.axeIncomplete.push(`${where} [${scheme}] ${v.id}: ${v.help} (${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
      }
      check(`axe ${scheme}`, where, problems);
      const gap = await page.evaluate(ligatureGapContrast);
      results.ligatureGapChecked += gap.checked;
      for (const u of gap.unknown) results.axeIncomplete.push(`${where} [${scheme}] contrast (text axe skipped as ligatures): ${u}`);
      if (gap.checked > 0) check(`contrast ${scheme} (text axe skips)`, where, gap.failures);
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // Structure.
    const info = await page.evaluate(collectPage, { CANDIDATES, SOURCE });
    check('html-lang', where, info.htmlLang === locale ? [] : [`<html lang="${info.htmlLang}">, expected "${locale}" (the edition's directory${rel.includes('/') ? '' : '; pages at the top of the output are in the source locale'})`]);
    check('one-h1', where, info.h1.length === 1 ? [] : [`${info.h1.length} h1 elements: ${JSON.stringify(info.h1)}`]);

    if (rel.includes('/')) {
      const problems = [];
      if (info.menu.length === 0) problems.push('no nav.language-menu links');
      // The menu is written twice (a row for wide screens, a disclosure for small ones):
      // each copy must pass on its own.
      const current = new Map();
      const lists = new Set(info.menu.map((a) => a.list));
      if (!(lists.has('language-row') && lists.has('language-column'))) problems.push(`menu lists found: ${[...lists].join(', ')}; expected language-row and language-column`);
      for (const a of info.menu) {
        const target = localeOfUrl(a.href, site.base);
        if (!a.lang || a.lang !== a.hreflang) problems.push(`link "${a.text}" (${a.rawHref}): lang="${a.lang}" hreflang="${a.hreflang}" differ or are missing`);
        if (target !== a.hreflang) problems.push(`link "${a.text}" (${a.rawHref}) leads into ${target}/ but hreflang="${a.hreflang}"`);
        if (a.current === 'page') {
          current.set(a.list, (current.get(a.list) || 0) + 1);
          if (target !== locale) problems.push(`link "${a.text}" (${a.rawHref}) has aria-current="page" but is not this edition (${locale})`);
          if (a.href.split('#')[0] !== url) problems.push(`current edition's link "${a.text}" points to ${a.href}, not to this page`);
        } else if (target === locale) problems.push(`link "${a.text}" to this edition has no aria-current="page"`);
      }
      for (const l of lists) if (current.get(l) !== 1) problems.push(`${current.get(l) || 0} links with aria-current="page" in ul.${l}, expected 1`);
      check('language-menu', where, problems);
    } else {
      const problems = [];
      if (info.chooser.length === 0) problems.push('this top-level page has no language links (main nav a[hreflang])');
      for (const a of info.chooser) {
        const target = localeOfUrl(a.href, site.base);
        if (target !== a.hreflang) problems.push(`link "${a.text}" leads into ${target}/ but hreflang="${a.hreflang}"`);
        if (a.lang !== a.hreflang) problems.push(`link "${a.text}" is in lang="${a.lang}" but hreflang="${a.hreflang}"`);
      }
      check('language-chooser', where, problems);
    }

    {
      const problems = [];
      for (const l of info.alternates) {
        const want = l.hreflang === 'x-default' ? SOURCE : l.hreflang;
        // With base_url in fluentpress.toml the alternates are absolute: compare the path.
        const target = l.href.startsWith(site.base) ? localeOfUrl(l.href, site.base)
          : (new URL(l.href).pathname.split('/').find((seg) => seg === want) ?? new URL(l.href).pathname);
        if (target !== want) problems.push(`<link rel="alternate" hreflang="${l.hreflang}" href="${l.rawHref}"> leads into ${target}/, expected ${want}/`);
      }
      if (info.alternates.length && !info.alternates.some((l) => l.hreflang === locale)) problems.push(`no <link rel="alternate" hreflang="${locale}"> for this edition among ${info.alternates.map((l) => l.hreflang).join(', ')}`);
      check('alternate-links', where, problems);
    }

    // Code reads left to right in every edition (WCAG 1.3.2: in a right-to-left edition an
    // unmarked code block is reordered by the bidi algorithm, e.g. "2024-05-01 06:10 robin 1"
    // shows as "robin 1 06:10 2024-05-01"). Its font staying monospace is only reported.
    {
      const code = await page.evaluate(() => [...document.querySelectorAll('pre, code')].map((e) => {
        const s = getComputedStyle(e);
        return { tag: e.tagName.toLowerCase(), inPre: !!e.parentElement.closest('pre'), dir: s.direction, font: s.fontFamily, text: e.textContent.replace(/\s+/g, ' ').trim().slice(0, 40) };
      }));
      check('code-ltr', where, code.filter((c) => c.dir !== 'ltr' && !(c.tag === 'code' && c.inPre)).map((c) => `<${c.tag}> "${c.text}" runs ${c.dir}, expected ltr`));
      for (const c of code) {
        if (!/monospace/i.test(c.font) && !(c.tag === 'code' && c.inPre)) results.warnings.push(`${where}: <${c.tag}> "${c.text}" is not set in a monospace font: font-family ${c.font}`);
      }
    }

    // Skip link: first tab stop, visible with a focus indicator when focused, and it works.
    {
      const problems = [];
      await page.goto(url, { waitUntil: 'load' });
      const skip = await page.$('a.skip-link');
      const before = skip ? await skip.evaluate(focusState) : null;
      await page.keyboard.press('Tab');
      const active = await page.evaluate(() => document.activeElement && document.activeElement.matches('a.skip-link'));
      if (!skip) problems.push('no a.skip-link on the page');
      else if (!active) problems.push(`the first Tab focuses ${await page.evaluate(() => document.activeElement ? document.activeElement.outerHTML.slice(0, 120) : 'nothing')}, not a.skip-link`);
      else {
        const st = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null)))).then(() => skip.evaluate(focusState));
        if (!inViewport(st)) problems.push(`focused skip link is not inside the viewport: box ${JSON.stringify(st.rect)} in ${JSON.stringify(st.viewport)}`);
        if (st.visibility !== 'visible' || Number(st.opacity) === 0) problems.push(`focused skip link is not visible (visibility ${st.visibility}, opacity ${st.opacity})`);
        if (focusIndication(st, before).length === 0) problems.push(`focused skip link shows no focus indication: ${JSON.stringify({ focused: st, unfocused: before })}`);
        if (takeScreenshots) {
          for (const scheme of ['light', 'dark']) {
            await page.emulateMedia({ colorScheme: scheme });
            const file = path.join(ARTIFACTS, `skip-link-focused-${site.label}-${rel.replace(/[/.]/g, '_')}-${scheme}.png`);
            await page.screenshot({ path: file, clip: { x: 0, y: 0, width: DESKTOP.width, height: 240 } });
            results.notes.push(`screenshot: ${file}`);
          }
          await page.emulateMedia({ colorScheme: 'light' });
        }
        await page.keyboard.press('Enter');
        const after = await page.evaluate(() => ({ hash: location.hash, active: document.activeElement ? (document.activeElement.id || document.activeElement.tagName) : null }));
        if (after.hash !== '#main' || after.active !== 'main') problems.push(`activating the skip link gives hash "${after.hash}" and focus on ${after.active}, expected #main and focus on main`);
      }
      check('skip-link', where, problems);
    }

    // Every tab stop: visible when focused, with a focus indicator.
    {
      const problems = [];
      await page.goto(url, { waitUntil: 'load' });
      let prev = null;
      const seen = new Set();
      for (let i = 0; i < 300; i++) {
        await page.keyboard.press('Tab');
        const handle = await page.evaluateHandle(() => document.activeElement);
        const isBody = await handle.evaluate((el) => !el || el === document.body || el === document.documentElement);
        if (prev) {
          const unfocused = await prev.handle.evaluate(focusState);
          const why = focusIndication(prev.state, unfocused);
          if (why.length === 0) problems.push(`tab stop ${prev.index} ${prev.state.desc}: no focus indication (outline ${prev.state.outlineStyle} ${prev.state.outlineWidth}px ${prev.state.outlineColor}, box-shadow ${prev.state.boxShadow}, background unchanged ${prev.state.backgroundColor})`);
          await prev.handle.dispose();
        }
        if (isBody) break;
        const state = await handle.evaluate(focusState);
        const key = await handle.evaluate((el) => { el.dataset.fpTab = el.dataset.fpTab || String(Math.random()); return el.dataset.fpTab; });
        if (seen.has(key)) { await handle.dispose(); prev = null; break; }
        seen.add(key);
        if (!inViewport(state)) problems.push(`tab stop ${i + 1} ${state.desc}: not inside the viewport when focused: box ${JSON.stringify(state.rect)}`);
        prev = { handle, state, index: i + 1 };
      }
      if (prev) await prev.handle.dispose();
      if (seen.size < 2) problems.push(`only ${seen.size} tab stop(s) found`);
      check('focus-visible', where, problems);
    }

    // Reflow: no horizontal scrolling of the page.
    for (const vp of REFLOW_VIEWPORTS) {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      const m = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => {
        const d = document.documentElement;
        const wide = [];
        for (const el of document.body.querySelectorAll('*')) {
          const b = el.getBoundingClientRect();
          if (b.width > 0 && (b.right > d.clientWidth + 0.5 || b.left < -0.5) && !el.closest('.table-scroll, pre') && getComputedStyle(el).position !== 'absolute') {
            wide.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} (${Math.round(b.left)}…${Math.round(b.right)})`);
          }
        }
        r({ scrollWidth: d.scrollWidth, clientWidth: d.clientWidth, wide: wide.slice(0, 8) });
      }))));
      check(vp.name, where, m.scrollWidth <= m.clientWidth ? [] : [`document scrollWidth ${m.scrollWidth} > clientWidth ${m.clientWidth} at ${vp.width}×${vp.height}; widest: ${m.wide.join(', ') || '(none found)'}`]);
    }
    await page.setViewportSize(DESKTOP);

    // A phone: the header and the language menu take at most a third of the screen; the
    // menu is one disclosure, opened and closed with the keyboard, named in the page's
    // language with the current language; the partial mark is not visible text there.
    if (rel.includes('/') && rel.endsWith('.html')) {
      await page.setViewportSize(PHONE);
      await page.goto(url, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => true));
      const m = await page.evaluate(() => {
        const menu = document.querySelector('nav.language-menu');
        const details = menu && menu.querySelector('details.language-disclosure');
        const summary = details && details.querySelector('summary');
        const visiblePartial = [...document.querySelectorAll('nav.language-menu .partial')].filter((el) => {
          const b = el.getBoundingClientRect();
          return b.width > 1 && b.height > 1;
        }).length;
        const visibleRowLinks = [...document.querySelectorAll('nav.language-menu .language-row a')].filter((a) => a.getClientRects().length > 0).length;
        return {
          bottom: menu ? menu.getBoundingClientRect().bottom + window.scrollY : null,
          header: document.querySelector('.site-header') ? document.querySelector('.site-header').getBoundingClientRect().height : 0,
          hasDisclosure: !!summary,
          summaryText: summary ? summary.textContent.trim() : '',
          currentLang: summary && summary.querySelector('[lang]') ? summary.querySelector('[lang]').getAttribute('lang') : null,
          visiblePartial, visibleRowLinks,
        };
      });
      const problems = [];
      const limit = PHONE.height / 3;
      if (m.bottom === null) problems.push('no nav.language-menu');
      else if (m.bottom > limit) problems.push(`header and language menu end at ${m.bottom.toFixed(0)} px, more than a third of ${PHONE.height} (${limit.toFixed(0)} px)`);
      if (!m.hasDisclosure) problems.push('no details.language-disclosure > summary in the language menu');
      if (m.visibleRowLinks > 0) problems.push(`${m.visibleRowLinks} links of the wide-screen row are displayed at ${PHONE.width} px`);
      if (m.visiblePartial > 0) problems.push(`${m.visiblePartial} visible partial marks in the phone menu`);
      if (m.currentLang !== locale) problems.push(`the summary "${m.summaryText}" does not name the current language with lang="${locale}" (found ${m.currentLang})`);
      if (m.bottom !== null) {
        const prev = results.phone.get(locale);
        if (!prev || m.bottom > prev.bottom) results.phone.set(locale, { bottom: m.bottom, where });
      }
      // Keyboard: Tab to the summary, Enter opens, the links can be reached, Enter closes.
      if (m.hasDisclosure) {
        let onSummary = false;
        for (let i = 0; i < 8 && !onSummary; i++) {
          await page.keyboard.press('Tab');
          onSummary = await page.evaluate(() => !!(document.activeElement && document.activeElement.matches('details.language-disclosure > summary')));
        }
        if (!onSummary) problems.push('Tab never reached the language disclosure\'s summary');
        else {
          await page.keyboard.press('Enter');
          const opened = await page.evaluate(() => {
            const d = document.querySelector('details.language-disclosure');
            return { open: d.open, shown: [...d.querySelectorAll('a')].filter((a) => a.getClientRects().length > 0).length, total: d.querySelectorAll('a').length };
          });
          if (!opened.open) problems.push('Enter on the summary did not open the disclosure');
          else if (opened.shown !== opened.total || opened.total === 0) problems.push(`opened, ${opened.shown} of ${opened.total} language links are displayed`);
          await page.keyboard.press('Tab');
          const inside = await page.evaluate(() => !!(document.activeElement && document.activeElement.closest('details.language-disclosure ul')));
          if (opened.open && !inside) problems.push('Tab after opening does not move into the language list');
          await page.keyboard.press('Shift+Tab');
          await page.keyboard.press('Enter');
          const closed = await page.evaluate(() => !document.querySelector('details.language-disclosure').open);
          if (!closed) problems.push('Enter on the summary again did not close the disclosure');
        }
      }
      check('phone-menu', where, problems);
      await page.setViewportSize(DESKTOP);
    }

    check('no-load-errors', where, consoleErrors);
    return { rel, locale, info };
  } finally {
    await page.close();
  }
}

// Passages in the source language inside another edition carry lang="en" (and dir="ltr"
// in a right-to-left edition); text in the edition's own script is not marked English.
function checkFallbacks(site, pages) {
  const byRel = new Map(pages.map((p) => [p.rel, p]));
  let siteFallbacks = 0;
  for (const p of pages) {
    if (p.locale === SOURCE || !p.rel.includes('/')) continue;
    const src = byRel.get(pageKeyInSource(p.rel));
    const where = `${site.label}/${p.rel}`;
    if (!src) continue;
    const problems = [];
    const a = p.info.blocks;
    const b = src.info.blocks;
    const rtl = p.info.htmlDir === 'rtl';
    const ownScript = a.some((blk) => NON_LATIN_LETTER.test(blk.own));
    let found = 0;
    if (a.length !== b.length) {
      problems.push(`${a.length} text blocks here but ${b.length} in ${src.rel}: the structures differ`);
    } else {
      for (let i = 0; i < a.length; i++) {
        const here = a[i];
        const there = b[i];
        for (const n of here.nodes) {
          if (NON_LATIN_LETTER.test(n.text) && isEn(n.lang)) problems.push(`<${here.tag}> #${i + 1}: text "${n.text.trim().slice(0, 60)}" in the edition's script is marked lang="${n.lang}"`);
        }
        // In a non-Latin edition any Latin-letter text equal to the source's is a fallback;
        // in a Latin-script edition only passages of 4+ words are taken to be (a short one may be the same word).
        const isFallback = here.own === there.own && LATIN.test(there.own) && (ownScript || words(there.own) >= 4);
        if (!isFallback) continue;
        found += 1;
        for (const n of here.nodes) {
          if (!LATIN.test(n.text)) continue;
          if (!isEn(n.lang)) problems.push(`<${here.tag}> #${i + 1} "${here.own.slice(0, 70)}" is shown in the source language but its text "${n.text.trim().slice(0, 40)}" is in lang="${n.lang}"`);
          else if (rtl && n.dir !== 'ltr') problems.push(`<${here.tag}> #${i + 1} "${here.own.slice(0, 70)}" is English in a right-to-left edition but its text "${n.text.trim().slice(0, 40)}" runs ${n.dir}`);
          else continue;
          break; // one finding per passage
        }
      }
    }
    const ai = p.info.images;
    const bi = src.info.images;
    if (ai.length === bi.length) {
      for (let i = 0; i < ai.length; i++) {
        if (ai[i].alt && ai[i].alt === bi[i].alt && LATIN.test(ai[i].alt) && (ownScript || words(ai[i].alt) >= 4)) {
          found += 1;
          if (!isEn(ai[i].lang)) problems.push(`<img src="${ai[i].src}"> alt "${ai[i].alt}" is shown in the source language but is in lang="${ai[i].lang}"`);
        }
      }
    } else problems.push(`${ai.length} images here but ${bi.length} in ${src.rel}`);
    if (p.info.description && src.info.description && p.info.description.content === src.info.description.content && (ownScript || words(p.info.description.content) >= 4)) {
      found += 1;
      if (!isEn(p.info.description.lang)) problems.push(`<meta name="description"> is shown in the source language but is in lang="${p.info.description.lang}"`);
    }
    if (p.info.title && isEn(p.info.title.lang) && NON_LATIN_LETTER.test(p.info.title.text)) {
      results.warnings.push(`${where}: <title lang="${p.info.title.lang}"> "${p.info.title.text}" is marked English as a whole but holds text in the edition's language${rtl ? ' (and has no dir for it)' : ''}`);
    }
    // The notice says how many passages fall back; that many elements must be marked.
    let marked = p.info.marked.length + (p.info.description && isEn(p.info.description.lang) ? 1 : 0) + (p.info.title && isEn(p.info.title.lang) ? 1 : 0);
    if (p.info.notice) {
      const m = p.info.notice.match(/\d+/);
      if (m && Number(m[0]) !== marked) problems.push(`the fallback notice says "${p.info.notice}" but ${marked} passages are marked lang="${SOURCE}" (${[...p.info.marked, p.info.description && isEn(p.info.description.lang) ? 'meta description' : null, p.info.title && isEn(p.info.title.lang) ? 'title' : null].filter(Boolean).join(', ')})`);
      if (found === 0) problems.push(`the page has a fallback notice ("${p.info.notice}") but no passage in the source language was found`);
    }
    siteFallbacks += found;
    if (found > 0) fallbackTotals.pages += 1;
    check('fallback-lang', where, problems);
  }
  fallbackTotals.elements += siteFallbacks;
  return siteFallbacks;
}

// Links, stylesheets and images inside the site resolve; #fragments name an element.
async function checkLinks(site, pages) {
  const status = new Map();
  const idsOf = new Map(pages.map((p) => [site.base + p.rel, new Set(p.info.ids)]));
  async function fetchStatus(u) {
    if (!status.has(u)) {
      status.set(u, fetch(u).then(async (r) => {
        const body = await r.text();
        const ids = r.headers.get('content-type')?.startsWith('text/html') ? new Set([...body.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1])) : new Set();
        return { code: r.status, type: r.headers.get('content-type'), ids };
      }));
    }
    return status.get(u);
  }
  for (const p of pages) {
    const where = `${site.label}/${p.rel}`;
    const problems = [];
    for (const link of new Set(p.info.links)) {
      if (!link.startsWith(site.base)) continue;
      const [u, frag] = link.split('#');
      const r = await fetchStatus(u);
      if (r.code !== 200) problems.push(`${link.slice(site.base.length)}: HTTP ${r.code}`);
      else if (frag !== undefined && frag !== '' && !(idsOf.get(u) || r.ids).has(decodeURIComponent(frag))) problems.push(`${link.slice(site.base.length)}: no element with id "${frag}"`);
      else if (u.endsWith('.txt') && r.type !== 'text/plain; charset=utf-8') problems.push(`${u}: served as ${r.type}`);
    }
    check('links', where, problems);
  }
}

// ---------------------------------------------------------------------------------------
// Main

async function main() {
  const started = Date.now();
  mkdirSync(ARTIFACTS, { recursive: true });

  // Nu Html Checker over every .html of every output, in the background.
  const allHtml = outputs.flatMap((d) => htmlFiles(d).map((r) => path.join(d, r)));
  const allCss = outputs.map((d) => path.join(d, 'style.css')).filter(existsSync);
  const allSvg = outputs.flatMap((d) => {
    const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.svg') ? [path.join(dir, e.name)] : []);
    return walk(d);
  });
  const vnuHtml = runVnu(allHtml);
  const vnuCss = vnuHtml.then(() => runVnu(['--css', ...allCss]));
  const vnuSvg = vnuCss.then(() => runVnu(['--svg', ...allSvg]));

  const display = (file) => {
    for (const [i, d] of outputs.entries()) if (file.startsWith(d + path.sep)) return `${labels[i]}/${path.relative(d, file)}`;
    return file;
  };
  const labels = outputs.map((d, i) => path.basename(d) || `output${i + 1}`);

  const browser = await chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  console.log(`Chromium ${browser.version()} (${EXECUTABLE}), axe-core ${AXE_VERSION}, ${JOBS} page(s) at a time`);
  let pagesChecked = 0;
  const servers = [];
  try {
    for (const [i, dir] of outputs.entries()) {
      const { server, base } = await serve(dir);
      servers.push(server);
      const site = { dir, base, label: labels[i] };
      const rels = htmlFiles(dir);
      console.log(`\n== ${site.label}: ${rels.length} pages from ${dir} at ${base}`);
      const pages = [];
      const queue = [...rels];
      const shotPage = rels.find((r) => r.startsWith(`${SOURCE}/`) && !r.endsWith('index.html')) || rels[0];
      const rtlShot = i === 0 ? rels.find((r) => /^(ar|he|fa|ur)\//.test(r) && !r.endsWith('index.html')) : null;
      await Promise.all(Array.from({ length: Math.min(JOBS, rels.length) }, async () => {
        const context = await browser.newContext({ viewport: DESKTOP, colorScheme: 'light', reducedMotion: 'reduce', serviceWorkers: 'block' });
        try {
          while (queue.length) {
            const rel = queue.shift();
            const t0 = Date.now();
            try {
              pages.push(await checkPage(context, site, rel, i === 0 && (rel === shotPage || rel === rtlShot)));
            } catch (e) {
              fail('page', `${site.label}/${rel}`, `the check itself failed: ${e.stack || e}`);
            }
            pagesChecked += 1;
            console.log(`  checked ${site.label}/${rel} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
          }
        } finally {
          await context.close();
        }
      }));
      pages.sort((a, b) => a.rel.localeCompare(b.rel));
      const n = checkFallbacks(site, pages);
      console.log(`  ${n} passages shown in the source language found and checked in ${site.label}`);
      await checkLinks(site, pages);
    }
  } finally {
    await browser.close();
    for (const s of servers) s.close();
  }
  if (fallbackTotals.elements === 0) fail('fallback-lang', 'all outputs', 'no passage shown in the source language was found anywhere: the partial fixture did not exercise fallbacks');

  console.log('\n== Nu Html Checker');
  reportVnu('nu-html', allHtml, await vnuHtml, display);
  if (allCss.length) reportVnu('nu-css', allCss, await vnuCss, display);
  if (allSvg.length) reportVnu('nu-svg', allSvg, await vnuSvg, display);

  // Summary.
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log('\n== Summary');
  console.log(`pages checked:          ${pagesChecked} (${outputs.length} outputs, light and dark)`);
  console.log(`axe violations:         ${results.axeViolations}`);
  console.log(`Nu errors:              ${results.nuErrors} (${allHtml.length} HTML, ${allCss.length} CSS, ${allSvg.length} SVG files)`);
  console.log(`fallback passages:      ${fallbackTotals.elements} on ${fallbackTotals.pages} pages, each checked for lang="${SOURCE}"`);
  console.log(`contrast beyond axe:    ${results.ligatureGapChecked} text elements that axe skipped as "icon ligatures" (Arabic script) checked with axe's colour functions`);
  console.log(`phone (${PHONE.width}×${PHONE.height}): header + language menu bottom, tallest page per edition (limit ${(PHONE.height / 3).toFixed(0)} px):`);
  for (const [l, v] of [...results.phone.entries()].sort()) console.log(`  ${l.padEnd(8)} ${v.bottom.toFixed(0)} px (${v.where})`);
  console.log(`axe needs review:       ${results.axeIncomplete.length} (not failures; see below)`);
  for (const line of results.axeIncomplete) console.log(`  ${line}`);
  console.log(`warnings:               ${results.warnings.length} (not failures)`);
  for (const line of results.warnings) console.log(`  ${line}`);
  for (const line of results.notes) console.log(line);
  if (results.failures.length) {
    console.log(`\nFailed checks (${results.failures.length}):`);
    const byCheck = new Map();
    for (const f of results.failures) byCheck.set(f.check, (byCheck.get(f.check) || 0) + 1);
    for (const [c, n] of byCheck) console.log(`  ${c}: ${n}`);
  }
  console.log(`time: ${secs} s`);
  console.log(`browser: ${results.passed} passed, ${results.failed} failed`);
  process.exitCode = results.failed === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(2);
});

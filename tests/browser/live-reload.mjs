#!/usr/bin/env node
// `fluentpress serve` in a real browser: a page open in Chromium shows a translator's
// edit by itself, and how long after the save it does.
//
//   node tests/browser/live-reload.mjs FLUENTPRESS_BINARY SITE_DIR
//
// SITE_DIR is a copy of a site (it is edited). The server is started with `--port 0` on
// 127.0.0.1; the French edition of the shipped page is opened; five times the French
// page title is changed and saved, and the time until the open page's <title> shows it
// (the served page polls the build generation and reloads itself) is measured.
// The closing line is `live-reload: N passed, M failed`; exit 0 only if M is 0.

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const [binArg, siteArg] = process.argv.slice(2);
const bin = binArg && path.resolve(binArg);
const site = siteArg && path.resolve(siteArg);
if (!bin || !site) {
  console.error('usage: node live-reload.mjs FLUENTPRESS_BINARY SITE_DIR');
  process.exit(2);
}
const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';
const PAGE = 'north-korea-human-rights';
const FTL = path.join(site, 'locales', 'fr', `${PAGE}.ftl`);
const EDITS = 5;
// Generous: the point is that the page updates by itself; the figures are reported.
const LIMIT_MS = 5000;

let passed = 0;
let failed = 0;
const ok = (what) => { passed += 1; console.log(`ok   ${what}`); };
const bad = (what) => { failed += 1; console.log(`FAIL ${what}`); };

const server = spawn(bin, ['serve', '--port', '0'], { cwd: site, stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
server.stderr.on('data', (d) => { log += d; });
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`serve printed no URL in 60 s:\n${log}`)), 60000);
  createInterface({ input: server.stdout }).once('line', (line) => { clearTimeout(timer); resolve(line.trim()); });
  server.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
});
if (/^http:\/\/127\.0\.0\.1:\d+\/$/.test(url)) ok(`serve listens on loopback: ${url}`);
else bad(`serve printed ${JSON.stringify(url)}, not a loopback URL`);

const browser = await chromium.launch({
  executablePath: EXECUTABLE,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
const latencies = [];
try {
  const page = await browser.newPage();
  await page.goto(`${url}fr/${PAGE}.html`, { waitUntil: 'load' });
  const before = await page.title();
  if (before.includes('Corée du Nord')) ok(`the French page is served: ${before}`);
  else bad(`unexpected title ${JSON.stringify(before)}`);
  // Let the page's first poll of the build generation happen.
  await page.waitForTimeout(700);
  const original = readFileSync(FTL, 'utf8');
  const titleLine = original.split('\n').find((l) => l.startsWith('page-title = '));
  for (let i = 1; i <= EDITS; i += 1) {
    const mark = `(révision ${i})`;
    writeFileSync(FTL, original.replace(titleLine, `${titleLine} ${mark}`));
    const saved = performance.now();
    try {
      await page.waitForFunction((m) => document.title.includes(m), mark, { timeout: LIMIT_MS, polling: 10 });
      const ms = performance.now() - saved;
      latencies.push(ms);
      ok(`edit ${i} shown after ${ms.toFixed(0)} ms`);
    } catch {
      bad(`edit ${i} not shown within ${LIMIT_MS} ms (title: ${JSON.stringify(await page.title())})`);
    }
    // The next save must be a new modification time for the watcher.
    await page.waitForTimeout(300);
  }
  writeFileSync(FTL, original);
} finally {
  await browser.close();
  server.kill();
}
if (latencies.length) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`latency from save to the page showing it: median ${median.toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms (${latencies.length} edits)`);
}
if (failed) console.log(`serve's log:\n${log}`);
console.log(`live-reload: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

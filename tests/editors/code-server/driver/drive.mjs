// Drive code-server (VS Code in the browser) with headless Chromium via playwright-core.
// Opens E2E_FILE, waits for a squiggle and for a Problems-panel row containing E2E_EXPECT;
// with E2E_PARTNER also waits for that file's diagnostics (E2E_PARTNER_EXPECT), expands
// relatedInformation rows, opens the partner and waits for its squiggle.
// Writes a JSON summary to E2E_OUT and a screenshot to E2E_SCREENSHOT. Exit 0 = expected seen.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = process.env;
const url = env.E2E_URL;
const file = env.E2E_FILE || 'finetune.py';
const expect = env.E2E_EXPECT || '10x the pretraining rate';
const partner = env.E2E_PARTNER || '';
const partnerExpect = env.E2E_PARTNER_EXPECT || '';
const out = env.E2E_OUT || path.join(os.tmpdir(), 'vscode-result.json');
const shot = env.E2E_SCREENSHOT || '';
const timeoutMs = Number(env.E2E_TIMEOUT_S || 90) * 1000;
if (!url) { console.error('E2E_URL is not set'); process.exit(2); }

const t0 = Date.now();
const secs = () => Number(((Date.now() - t0) / 1000).toFixed(1));
const result = { status: 'fail', file, expect, partner, partnerExpect, timeline: {}, squiggles: {},
                 problems: [], rows: [], statusBar: null, notifications: [], error: null };
const mark = (what) => { result.timeline[what] = secs(); console.error(`[${secs()}s] ${what}`); };

function findChromium() {
  if (env.E2E_CHROMIUM) return env.E2E_CHROMIUM;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    for (const dir of (env.PATH || '').split(path.delimiter)) {
      const p = path.join(dir, name);
      try { fs.accessSync(p, fs.constants.X_OK); return p; } catch {}
    }
  }
  throw new Error('no Chromium found: apt-get install -y chromium, or set E2E_CHROMIUM');
}

const exact = (s) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

// Fail early instead of waiting for the deadline when the client reports a fatal error: in its
// output channel log (vscode-languageclient wording) or in the extension host log. Toasts are
// not reliable for this in headless runs.
const CLIENT_FATAL = /ftlint is not installed in|ftlint: the interpreter .* was not found|cannot start ftlint's server|ftlint's dependency '.*' is missing|the server stopped \d+ times|Server initialization failed|couldn't create connection to server|server crashed \d+ times|Starting client failed|Activating extension .* failed/i;
const logRoot = env.E2E_STATE ? path.join(env.E2E_STATE, 'user-data', 'logs') : '';
function clientLogFatal() {
  if (!logRoot || !fs.existsSync(logRoot)) return null;
  for (const rel of fs.readdirSync(logRoot, { recursive: true })) {
    if (!/output_logging_|exthost\d*\/remoteexthost\.log$/.test(rel)) continue;
    const p = path.join(logRoot, rel);
    const st = fs.statSync(p);
    if (!st.isFile() || st.mtimeMs < t0 - 5000) continue;   // only this run's logs
    const lines = fs.readFileSync(p, 'utf8').split('\n');
    const i = lines.findIndex((l) => CLIENT_FATAL.test(l));
    if (i >= 0) return `${path.basename(p)}: ${lines.slice(i, i + 2).join(' ').trim()}`;
  }
  return null;
}
// Lines of this run's output-channel logs (one file per channel, e.g. "1-ftlint.log").
function channelLog() {
  if (!logRoot || !fs.existsSync(logRoot)) return '';
  return fs.readdirSync(logRoot, { recursive: true })
    .filter((rel) => /output_logging_/.test(rel) && rel.endsWith('.log'))
    .map((rel) => fs.readFileSync(path.join(logRoot, rel), 'utf8')).join('\n');
}
async function notifications(page) {
  const texts = await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
  for (const t of texts) if (!result.notifications.includes(t)) result.notifications.push(t);
  return texts;
}

// Poll check() until it returns a truthy value; fail early on a fatal notification or at the deadline.
async function waitFor(page, what, check, deadline = t0 + timeoutMs) {
  while (Date.now() < deadline) {
    const value = await check();
    if (value) { mark(what); return value; }
    await notifications(page);
    const fatal = clientLogFatal();
    if (fatal) throw new Error(`while waiting for ${what}: ${fatal}`);
    await page.waitForTimeout(250);
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
}

async function openFile(page, rel) {
  const name = path.basename(rel);
  const row = page.locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exact(name) }) });
  if (!rel.includes('/') && await row.count() > 0) {
    await row.first().click();           // top-level file: the Explorer row
  } else {
    await page.keyboard.press('Control+P');  // nested file: Quick Open with the relative path
    await page.locator('.quick-input-widget input').fill(rel);
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 15000 });
    await page.keyboard.press('Enter');
  }
  await waitFor(page, `tab ${rel}`, () => page.locator('.tab.active .label-name', { hasText: exact(name) }).count());
}

// Squiggle classes (squiggly-error|warning|info|hint) in the editor showing `rel`: the
// .monaco-editor element carries data-uri="vscode-remote://host:port/abs/path" of its model;
// in a notebook, each cell's editor carries its cell's URI, ".../nb.ipynb#W2s...".
async function squiggles(page, rel) {
  return page.evaluate((suffix) => {
    const classes = [];
    for (const ed of document.querySelectorAll('.monaco-editor[data-uri]')) {
      const uri = decodeURIComponent(ed.getAttribute('data-uri'));
      if (!uri.endsWith('/' + suffix) && !uri.includes('/' + suffix + '#')) continue;
      for (const s of ed.querySelectorAll('[class*="squiggly-"]')) {
        classes.push([...s.classList].find((c) => c.startsWith('squiggly-')));
      }
    }
    return classes;
  }, rel);
}

// Problems panel rows; aria-level 1 = file, 2 = diagnostic, 3 = relatedInformation.
// A file row's aria-label reads "N problems in file NAME of folder DIR" (DIR "." = workspace root).
async function problemRows(page) {
  const rows = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((r) => ({
    level: Number(r.getAttribute('aria-level')),
    kind: r.querySelector('.related-info-resource') ? 'related' : (r.getAttribute('aria-level') === '1' ? 'file' : 'marker'),
    aria: r.getAttribute('aria-label') || '',
    text: r.innerText,
  })));
  for (const r of rows) {
    if (r.kind !== 'file') continue;
    const m = / in file (.+) of folder (.+)$/.exec(r.aria);
    r.path = m ? (m[2] === '.' ? m[1] : `${m[2]}/${m[1]}`) : r.text.split('\n')[0];
  }
  return rows;
}

function structure(rows) {
  const files = [];
  for (const r of rows) {
    if (r.kind === 'file') files.push({ file: r.path, aria: r.aria, markers: [] });
    else if (r.kind === 'marker' && files.length) files.at(-1).markers.push({ message: r.text.split('\n')[0], text: r.text, aria: r.aria, related: [] });
    else if (r.kind === 'related' && files.length && files.at(-1).markers.length) files.at(-1).markers.at(-1).related.push({ text: r.text, aria: r.aria });
  }
  return files;
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
// playwright-core rejects --user-data-dir in args: the profile goes through launchPersistentContext.
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: findChromium(),
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 900 },
  timeout: 60000,
});
let page;
try {
  page = browser.pages()[0] ?? await browser.newPage();
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
  mark('workbench');

  await openFile(page, file);
  await waitFor(page, `squiggle in ${file}`, async () => (result.squiggles[file] = await squiggles(page, file)).length);

  // Problems panel: View > Problems (Ctrl+Shift+M) with the editor focused.
  // (a notebook's cell editors live in the notebook editor, outside the group's container)
  await page.locator('.editor-group-container.active .monaco-editor .view-lines, ' +
                     '.notebook-editor .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Shift+M');
  const rowWith = async (text) => (await problemRows(page)).some((r) => r.kind === 'marker' && r.text.includes(text));
  await waitFor(page, `Problems row "${expect}"`, () => rowWith(expect));

  if (partner) {
    await waitFor(page, `Problems file row ${partner}`, async () =>
      (await problemRows(page)).some((r) => r.kind === 'file' && r.path === partner));
    if (partnerExpect) await waitFor(page, `Problems row "${partnerExpect}"`, () => rowWith(partnerExpect));
    // relatedInformation rows are children of a diagnostic row; expand any collapsed ones.
    for (let i = 0; i < 20; i++) {
      const collapsed = page.locator('.markers-panel .monaco-tl-twistie.collapsible.collapsed');
      if (await collapsed.count() === 0) break;
      await collapsed.first().click();
      result.expandedRows = (result.expandedRows || 0) + 1;
    }
    // A diagnostic row with relatedInformation says "... has references to N locations ...".
    await waitFor(page, 'relatedInformation rows', async () => {
      const rows = await problemRows(page);
      const wanted = rows.reduce((n, r) => n + Number((/references to (\d+) location/.exec(r.aria) || [0, 0])[1]), 0);
      const shown = rows.filter((r) => r.kind === 'related').length;
      return wanted > 0 && shown >= wanted;
    });
  }
  // Snapshot the Problems panel now: opening another file makes the server publish again and
  // the tree re-renders.
  result.rows = await problemRows(page);
  result.problems = structure(result.rows);

  if (partner) {
    await openFile(page, partner);
    await waitFor(page, `squiggle in ${partner}`, async () => (result.squiggles[partner] = await squiggles(page, partner)).length);
    await openFile(page, file);  // back to the first file for the screenshot
  }
  // Optionally run a command from the palette (E2E_COMMAND, e.g. "ftlint: Restart server"),
  // wait for E2E_COMMAND_LOG in an output channel, then for the squiggle to come back.
  if (env.E2E_COMMAND) {
    const before = channelLog().split(env.E2E_COMMAND_LOG || '\u0000').length;
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill(`>${env.E2E_COMMAND}`);
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 15000 });
    await page.keyboard.press('Enter');
    await waitFor(page, `log "${env.E2E_COMMAND_LOG}"`, () =>
      channelLog().split(env.E2E_COMMAND_LOG).length > before);
    await waitFor(page, `squiggle in ${file} after the command`, async () =>
      (await squiggles(page, file)).length);
    result.command = env.E2E_COMMAND;
  }
  result.status = 'ok';
} catch (e) {
  result.error = e.message;
  console.error(`[${secs()}s] FAILED: ${e.message}`);
} finally {
  if (page) {
    try {
      if (!result.rows.length) {
        result.rows = await problemRows(page);
        result.problems = structure(result.rows);
      }
      // Status bar problem counts, e.g. "Warnings: 1" or "Errors: 1, Warnings: 2".
      result.statusBar = await page.locator('[id="status.problems"]').first().getAttribute('aria-label').catch(() => null);
      await notifications(page);
      if (shot) await page.screenshot({ path: shot });
    } catch (e) { console.error('collecting results:', e.message); }
  }
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
result.timeline.total = secs();
fs.writeFileSync(out, JSON.stringify(result, null, 2));
console.log(JSON.stringify(result));
console.error(result.status === 'ok' ? 'E2E PASS' : 'E2E FAIL');
process.exit(result.status === 'ok' ? 0 : 1);

'use strict';
/*
 * harness.js - what the browser tests share: a demo workspace of their own
 * served by `overens demo DIR --serve` on a free port (the logins read from
 * its output), more servers on the same workspace (`overens serve`), the
 * system's Chromium through playwright-core, logging a person in, the
 * workspace's commit count (to see that a refused request wrote nothing),
 * the tool run directly, and screenshots into the build folder.
 *
 * Environment (set by ctest, see tests/CMakeLists.txt): OVERENS (the tool),
 * OVERENS_DATA, OV_BUILD_DIR, TMPDIR; OV_CHROMIUM may name another Chromium.
 */
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const assert = require('node:assert/strict');

const OVERENS = process.env.OVERENS;
const CHROMIUM = process.env.OV_CHROMIUM || '/usr/bin/chromium';
const BUILD_DIR = process.env.OV_BUILD_DIR || os.tmpdir();
const SHOTS = path.join(BUILD_DIR, 'browser-screenshots');
const START_TIMEOUT_MS = 120000; /* the demo under AddressSanitizer on a busy machine */

const KRETS = '802002-8711';
const KOMMUN = '212000-0258';
const ASA = 'asa.lindqvist@example.se';
const KARIN = 'karin.ek@example.org';
const LARS = 'lars.oberg@example.org';
const PER = 'per.stahl@example.se';

if (!OVERENS)
	throw new Error('OVERENS is not set: run the browser tests through ctest or tests/browser/run.sh');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/* A server process: its pid, URL and how it ended. */
class Server {
	constructor(child, readyFile, name) {
		this.child = child;
		this.readyFile = readyFile;
		this.name = name;
		this.out = '';
		this.err = '';
		this.exit = null;
		this.exited = new Promise((resolve) => {
			child.on('exit', (code, signal) => {
				this.exit = { code, signal };
				resolve(this.exit);
			});
		});
		child.stdout.on('data', (d) => { this.out += d; });
		child.stderr.on('data', (d) => { this.err += d; });
	}

	/* Waits for "PID URL" in the ready file; the PID must be the process started. */
	async ready() {
		const until = Date.now() + START_TIMEOUT_MS;
		for (;;) {
			if (this.exit)
				throw new Error(`${this.name} ended before listening (${JSON.stringify(this.exit)}):\n` +
						`${this.out}\n${this.err}`);
			if (fs.existsSync(this.readyFile)) {
				const [pid, url] = fs.readFileSync(this.readyFile, 'utf8').trim().split(' ');
				assert.equal(Number(pid), this.child.pid, `${this.readyFile} names the server's own pid`);
				assert.match(url, /^http:\/\/127\.0\.0\.1:[1-9][0-9]*\/$/);
				this.url = url.replace(/\/$/, '');
				return this;
			}
			if (Date.now() > until)
				throw new Error(`${this.name} did not listen within ${START_TIMEOUT_MS} ms:\n${this.out}\n${this.err}`);
			await sleep(50);
		}
	}

	/* SIGTERM, then the exit status: a clean stop is status 0 (and no sanitizer report). */
	async stop() {
		if (!this.exit)
			this.child.kill('SIGTERM');
		const exit = await this.exited;
		assert.deepEqual(exit, { code: 0, signal: null },
				 `${this.name} stops cleanly on SIGTERM; stderr:\n${this.err}`);
	}
}

function startProcess(args, readyFile, name) {
	const child = spawn(OVERENS, args, {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, LANG: 'C.UTF-8' },
	});
	return new Server(child, readyFile, name);
}

/*
 * A fresh demo workspace (agreement 2026-0001 taken to its end) served on a
 * free port; `logins` maps each demo person's e-mail address to the
 * password the demo printed.
 */
async function startDemo(label) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `browser-${label}-`));
	const ws = path.join(dir, 'ws');
	const server = startProcess(['demo', ws, '--serve', '--listen', '127.0.0.1:0',
				     '--ready-file', path.join(dir, 'ready')],
				    path.join(dir, 'ready'), `overens demo --serve (${label})`);
	await server.ready();
	const logins = {};
	const lines = server.out.split('\n');
	const from = lines.findIndex((l) => l.startsWith('Inloggningar'));
	assert.ok(from >= 0, `the demo prints its logins after "Inloggningar":\n${server.out}`);
	for (const line of lines.slice(from + 1)) {
		const m = line.match(/^\s+(\S+@\S+)\s+lösenord\s+(\S+)/);
		if (m)
			logins[m[1]] = m[2];
	}
	for (const who of [ASA, KARIN, LARS, PER])
		assert.ok(logins[who], `the demo printed a password for ${who}`);
	return { dir, ws, server, logins, url: server.url, certs: path.join(ws, 'demo-certifikat') };
}

/* One more server on the same workspace, with extra options. */
async function startServe(ws, dir, name, extra) {
	const ready = path.join(dir, `ready-${name}`);
	const server = startProcess(['-C', ws, 'serve', '--listen', '127.0.0.1:0', '--ready-file', ready,
				     ...extra], ready, `overens serve (${name})`);
	return server.ready();
}

/* The tool, run directly on the workspace as `as`; its standard output. */
function overens(ws, as, ...args) {
	return execFileSync(OVERENS, ['-C', ws, '--as', as, ...args], {
		encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' },
	});
}

/* Commits in the workspace's repository: every recorded change is one. */
function commitCount(ws) {
	return Number(execFileSync('git', ['--git-dir', path.join(ws, 'repo.git'), 'rev-list', '--all',
					   '--count'], { encoding: 'utf8' }).trim());
}

/* An agreement between the two demo organisations, made with the tool; its ID. */
function newAgreement(ws, title) {
	const out = overens(ws, ASA, 'new', 'samverkansavtal', '--party', `krets=${KRETS}`,
			    '--party', `kommun=${KOMMUN}`, '--title', title);
	const m = out.match(/\b(20[0-9]{2}-[0-9]{4})\b/);
	assert.ok(m, `overens new prints the new ID: ${out}`);
	return m[1];
}

async function launch() {
	const { chromium } = require('playwright-core');
	return chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-dev-shm-usage'],
	});
}

/*
 * A browser context of its own (its own cookies) for one person, logged in
 * through the login form; any JavaScript dialog is recorded in `dialogs`
 * (the pages never open one) and dismissed.  `shot`: a screenshot of the
 * filled-in login page by that name.
 */
async function loginAs(browser, base, email, password, shot) {
	const context = await browser.newContext({
		baseURL: base, acceptDownloads: true, locale: 'sv-SE',
	});
	context.setDefaultTimeout(30000);
	const page = await context.newPage();
	page.dialogs = [];
	page.on('dialog', (d) => { page.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
	await page.goto('/login');
	await page.fill('#email', email);
	await page.fill('#password', password);
	if (shot)
		await screenshot(page, shot);
	await Promise.all([page.waitForURL('**/mina'), page.click('button:has-text("Logga in")')]);
	assert.equal(await page.locator('#inloggad').textContent(), email, `${email} is logged in`);
	return { context, page };
}

/*
 * Submits by clicking `button` and returns the response to the form's POST
 * (not the page a redirect leads to), after the page that follows has loaded.
 */
async function submit(page, button) {
	const posted = page.waitForResponse((r) => r.request().method() === 'POST');
	await page.click(button);
	const resp = await posted;
	await page.waitForLoadState('load');
	return resp;
}

async function screenshot(page, name) {
	fs.mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/* The text of every notice on the page, joined. */
async function notices(page) {
	return (await page.locator('.notice').allTextContents()).join('\n');
}

function removeDir(dir) {
	fs.rmSync(dir, { recursive: true, force: true });
}

module.exports = {
	KRETS, KOMMUN, ASA, KARIN, LARS, PER, SHOTS,
	sleep, startDemo, startServe, overens, commitCount, newAgreement, launch, loginAs,
	submit, screenshot, notices, removeDir,
};

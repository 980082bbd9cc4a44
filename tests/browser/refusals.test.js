'use strict';
/*
 * refusals.test.js - what the browser must not get through, each on the
 * demo workspace with an agreement of its own (made with the tool) and
 * each checking that nothing was written (the repository's commit count):
 * a step before its fields are filled, an expired session, a form without
 * or with an altered CSRF token, a person taking another party's step,
 * HTML and script in a field (shown as text, never run), and a file that
 * is not a PDF at /granska.
 */
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./lib/harness');

/* long enough that a login on a busy machine (two suites at once) stays within it */
const SESSION_TIMEOUT = 6;

let env, browser, asa, karin, shortServer;

before(async () => {
	env = await h.startDemo('refusals');
	/* a second server on the same workspace whose sessions end after SESSION_TIMEOUT s idle */
	shortServer = await h.startServe(env.ws, env.dir, 'kort-session',
					 ['--session-timeout', String(SESSION_TIMEOUT)]);
	browser = await h.launch();
	asa = (await h.loginAs(browser, env.url, h.ASA, env.logins[h.ASA])).page;
	karin = (await h.loginAs(browser, env.url, h.KARIN, env.logins[h.KARIN])).page;
});

after(async () => {
	if (browser)
		await browser.close();
	if (shortServer)
		await shortServer.stop();
	if (env) {
		await env.server.stop();
		h.removeDir(env.dir);
	}
});

/* A new agreement in phase `kartlaggning` (contact and both decisions taken with the tool). */
function agreementInNeedsMapping(title) {
	const id = h.newAgreement(env.ws, title);
	h.overens(env.ws, h.ASA, 'contact', id, '--with', 'Karin Ek');
	h.overens(env.ws, h.KARIN, 'decide', id, '--party', 'krets', '--minutes', '§ 1');
	h.overens(env.ws, h.ASA, 'decide', id, '--party', 'kommun', '--minutes', '§ 2');
	return id;
}

test('a step whose fields are missing is refused with the list and writes nothing', async () => {
	const id = agreementInNeedsMapping('Behoven saknas');
	await asa.goto(`/avtal/${id}`);
	assert.match(await asa.locator('#fas').textContent(), /Kartläggning av behov/);
	const historyBefore = await historyCount(asa, id);
	const commits = h.commitCount(env.ws);

	await asa.goto(`/avtal/${id}/steg/needs`);
	const resp = await h.submit(asa, `form[action="/avtal/${id}/steg/needs"] button[type=submit]`);
	assert.equal(resp.status(), 409, 'the refused step answers 409');
	const missing = await asa.locator('main').textContent();
	for (const what of ['Lokala behov', 'Vad kretsen kan bidra med', 'Vad kommunen kan bidra med'])
		assert.ok(missing.includes(what), `the page says "${what}" is missing:\n${missing}`);
	assert.match(await asa.locator('.notice.error').textContent(), /\S/);
	await h.screenshot(asa, 'steg-nekat');

	assert.equal(h.commitCount(env.ws), commits, 'nothing is written');
	assert.equal(await historyCount(asa, id), historyBefore, 'the history is unchanged');
	await asa.goto(`/avtal/${id}`);
	assert.match(await asa.locator('#fas').textContent(), /Kartläggning av behov/);
});

async function historyCount(page, id) {
	await page.goto(`/avtal/${id}/historik`);
	return page.locator('ol.timeline > li').count();
}

test('an expired session sends the form to the login page and writes nothing', async () => {
	const id = h.newAgreement(env.ws, 'Sessionen går ut');
	const { context, page } = await h.loginAs(browser, shortServer.url, h.ASA, env.logins[h.ASA]);
	await page.goto(`/avtal/${id}?fas=kontakt`);
	await page.fill('#f-kontakt-med', 'Skrivet innan sessionen gick ut');
	const commits = h.commitCount(env.ws);
	/* idle for longer than the timeout (whole seconds on the server's clock) */
	await h.sleep((SESSION_TIMEOUT + 1.5) * 1000);
	const resp = await h.submit(page, '#fas-kontakt form button[type=submit]');
	assert.equal(resp.status(), 303);
	assert.match(page.url(), /\/login\?utgangen=1$/);
	assert.match(await h.notices(page), /Sessionen har gått ut/);
	assert.equal(await page.locator('#email').count(), 1, 'the login form is shown');
	await h.screenshot(page, 'session-utgangen');
	assert.equal(h.commitCount(env.ws), commits, 'nothing is written');

	/* a page asked for with the dead cookie leads to the login page too */
	await page.goto(`/avtal/${id}`);
	assert.match(page.url(), /\/login(\?.*)?$/);
	await context.close();
});

for (const [how, change] of [
	['missing', (f) => f.querySelector('input[name=csrf]').remove()],
	['altered', (f) => {
		const i = f.querySelector('input[name=csrf]');
		i.value = i.value.slice(0, -1) + (i.value.endsWith('A') ? 'B' : 'A');
	}],
]) {
	test(`a form with its CSRF token ${how} gets 403 and writes nothing`, async () => {
		const id = h.newAgreement(env.ws, `CSRF ${how}`);
		await asa.goto(`/avtal/${id}?fas=kontakt`);
		await asa.fill('#f-kontakt-med', 'Ska inte sparas');
		await asa.locator('#fas-kontakt form').evaluate(change);
		const commits = h.commitCount(env.ws);
		const resp = await h.submit(asa, '#fas-kontakt form button[type=submit]');
		assert.equal(resp.status(), 403);
		assert.match(await h.notices(asa), /säkerhetskod saknas eller stämmer inte/);
		if (how === 'missing')
			await h.screenshot(asa, 'csrf-403');
		assert.equal(h.commitCount(env.ws), commits, 'nothing is written');
		await asa.goto(`/avtal/${id}?fas=kontakt`);
		assert.equal(await asa.locator('#f-kontakt-med').inputValue(), '', 'the field is still empty');
		assert.equal(await asa.locator('#inloggad').textContent(), h.ASA, 'still logged in');
	});
}

test('one person in two sessions: each page carries its own session\'s token', async () => {
	const id = h.newAgreement(env.ws, 'Två sessioner');
	const second = await h.loginAs(browser, env.url, h.ASA, env.logins[h.ASA]);
	/* the same pages, first in one session, then in the other */
	await asa.goto(`/avtal/${id}?fas=kontakt`);
	await second.page.goto(`/avtal/${id}?fas=kontakt`);
	const tokens = [];
	for (const page of [asa, second.page])
		tokens.push(await page.locator('#fas-kontakt input[name=csrf]').inputValue());
	assert.notEqual(tokens[0], tokens[1], 'two sessions, two tokens');
	const commits = h.commitCount(env.ws);
	await second.page.fill('#f-kontakt-med', 'Sparat i den andra sessionen');
	const resp = await h.submit(second.page, '#fas-kontakt form button[type=submit]');
	assert.equal(resp.status(), 200, await h.notices(second.page));
	assert.equal(h.commitCount(env.ws), commits + 1, 'the second session\'s form is saved');
	await asa.goto(`/avtal/${id}?fas=kontakt`);
	assert.equal(await asa.locator('#f-kontakt-med').inputValue(), 'Sparat i den andra sessionen');
	await asa.fill('#f-kontakt-med', 'Sparat i den första sessionen');
	const again = await h.submit(asa, '#fas-kontakt form button[type=submit]');
	assert.equal(again.status(), 200, await h.notices(asa));
	assert.equal(h.commitCount(env.ws), commits + 2, 'the first session\'s form is saved');
	await second.context.close();
});

test('the krets official cannot take the kommun\'s decision', async () => {
	const id = h.newAgreement(env.ws, 'Fel part');
	h.overens(env.ws, h.ASA, 'contact', id, '--with', 'Karin Ek');
	await karin.goto(`/avtal/${id}/steg/decide`);
	/* the form offers only what the page chooses to; post the other party anyway */
	await karin.locator('#in-party').evaluate((s) => {
		if (![...s.options].some((o) => o.value === 'kommun'))
			s.add(new Option('kommun', 'kommun'));
		s.value = 'kommun';
	});
	await karin.fill('#in-minutes', '§ 99');
	const commits = h.commitCount(env.ws);
	const resp = await h.submit(karin, `form[action="/avtal/${id}/steg/decide"] button[type=submit]`);
	assert.equal(resp.status(), 403, 'another party\'s step is forbidden');
	assert.match(await karin.locator('.notice.error').textContent(), /\S/);
	await h.screenshot(karin, 'fel-part-403');
	assert.equal(h.commitCount(env.ws), commits, 'nothing is written');
	await karin.goto(`/avtal/${id}`);
	assert.doesNotMatch(await karin.locator('ul.parties').textContent(), /beslut:/);
});

test('HTML and script in a field are saved and shown as text, never run', async () => {
	const evil = '<script>alert(1)</script><b>x</b>';
	const id = h.newAgreement(env.ws, 'Skript i fält');
	await asa.goto(`/avtal/${id}?fas=uppdrag`);
	await asa.fill('#f-bakgrund', evil);
	const resp = await h.submit(asa, '#fas-uppdrag form button[type=submit]');
	assert.equal(resp.status(), 200, await h.notices(asa));
	assert.match(await h.notices(asa), /1 svar sparat/);
	assert.ok(h.overens(env.ws, h.ASA, 'show', id).includes('&lt;script&gt;alert(1)&lt;/script&gt;'),
		  'the value is stored as it was typed');

	/* the form gives the text back as the field's value */
	await asa.goto(`/avtal/${id}?fas=uppdrag`);
	assert.equal(await asa.locator('#f-bakgrund').inputValue(), evil);
	/* the history shows it as text */
	await asa.goto(`/avtal/${id}/historik`);
	assert.ok((await asa.locator('main').textContent()).includes(evil), 'the history shows the text');
	await h.screenshot(asa, 'skript-som-text');
	/* and so does the agreement's own HTML in the documents page */
	await asa.goto(`/avtal/${id}/dokument`);
	const preview = asa.frameLocator('iframe.preview');
	await preview.locator('body').waitFor();
	assert.ok((await preview.locator('body').textContent()).includes(evil), 'the preview shows the text');
	assert.equal(await preview.locator('b:text-is("x")').count(), 0, 'the preview made no <b> of it');
	for (const where of [`/avtal/${id}?fas=uppdrag`, `/avtal/${id}/historik`, `/avtal/${id}/dokument`]) {
		await asa.goto(where);
		assert.equal(await asa.locator('main b').count(), 0, `${where} made no <b> element`);
		assert.equal(await asa.locator('script:not([src])').count(), 0, `${where} has no inline script`);
	}
	assert.deepEqual(asa.dialogs, [], 'no dialog was opened');
});

test('a file that is not a PDF at /granska is refused with a message (400)', async () => {
	const notPdf = path.join(env.dir, 'inte-en.pdf');
	fs.writeFileSync(notPdf, 'Det här är ingen PDF, bara text.\n');
	const commits = h.commitCount(env.ws);
	await karin.goto('/granska');
	await karin.setInputFiles('#verify-pdf', notPdf);
	const resp = await h.submit(karin, 'form[action="/granska"] button[type=submit]');
	assert.equal(resp.status(), 400);
	assert.match(await karin.locator('.notice.error').textContent(), /\S/);
	assert.equal(await karin.locator('#verdict').count(), 0, 'no verdict for a non-PDF');
	await h.screenshot(karin, 'granska-inte-pdf');
	assert.equal(h.commitCount(env.ws), commits, 'nothing is written');
});

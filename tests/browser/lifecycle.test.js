'use strict';
/*
 * lifecycle.test.js - the Helsingborg lifecycle in the browser: the
 * kommun's official (Åsa Lindqvist, also administrator) and the krets's
 * official (Karin Ek), each logged in in a browser context of their own,
 * start a new agreement between their organisations and take it through
 * contact, both decisions (each for their own party), the needs mapping and
 * the assignment (fields filled by both, then the steps); both signatories
 * (Lars Öberg and Per Ståhl) sign by uploading their demo PKCS#12 files; the
 * signed PDF is downloaded and verified at /granska; then the follow-up.
 * A screenshot of each main page goes to $OV_BUILD_DIR/browser-screenshots.
 */
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./lib/harness');

let env, browser, asa, karin;

before(async () => {
	env = await h.startDemo('lifecycle');
	browser = await h.launch();
	asa = (await h.loginAs(browser, env.url, h.ASA, env.logins[h.ASA], 'login')).page;
	karin = (await h.loginAs(browser, env.url, h.KARIN, env.logins[h.KARIN])).page;
});

after(async () => {
	if (browser)
		await browser.close();
	if (env) {
		await env.server.stop();
		h.removeDir(env.dir);
	}
});

/* Takes step `event` on the agreement's step form; `inputs` maps input ids to values. */
async function takeStep(page, id, event, inputs, shot) {
	await page.goto(`/avtal/${id}/steg/${event}`);
	for (const [sel, value] of Object.entries(inputs)) {
		if (await page.locator(sel).evaluate((e) => e.tagName) === 'SELECT')
			await page.selectOption(sel, value);
		else
			await page.fill(sel, value);
	}
	if (shot)
		await h.screenshot(page, shot);
	const resp = await h.submit(page, 'form[action$="/steg/' + event + '"] button[type=submit]');
	assert.equal(resp.status(), 303, `${event} is recorded (${await h.notices(page)})`);
	assert.match(page.url(), new RegExp(`/avtal/${id}\\?klart=${event}$`));
	assert.match(await h.notices(page), /Steget är registrerat/);
}

/* Fills fields of the agreement's form (ids f-NAME with dots as dashes) and saves them. */
async function saveFields(page, id, phase, fields) {
	await page.goto(`/avtal/${id}?fas=${phase}`);
	const form = page.locator(`#fas-${phase} form`);
	for (const [name, value] of Object.entries(fields))
		await form.locator(`#f-${name.replace(/\./g, '-')}`).fill(value);
	const resp = await h.submit(page, `#fas-${phase} form button[type=submit]`);
	assert.equal(resp.status(), 200, `the fields are saved (${await h.notices(page)})`);
	const n = Object.keys(fields).length;
	assert.match(await h.notices(page), new RegExp(`${n} svar spara(t|de)`));
}

async function phase(page, id) {
	await page.goto(`/avtal/${id}`);
	return page.locator('#fas').textContent();
}

test('the Helsingborg lifecycle in the browser, two parties and two signatories', async () => {
	/* the start page and the administration */
	await asa.goto('/mina');
	assert.match(await asa.locator('main').textContent(), /Åsa Lindqvist, Helsingborgs stad/);
	await asa.goto('/admin');
	assert.match(await asa.locator('main').textContent(), /Helsingborgs rödakorskrets/);
	await h.screenshot(asa, 'admin');

	/* a new agreement between the two organisations */
	await asa.goto('/nytt');
	const form = asa.locator('form:has(input[name=workflow][value=samverkansavtal])');
	await form.locator('input[name=title]').fill('Anhörigstöd i webbläsaren');
	await form.locator('select[name="part:krets"]').selectOption(h.KRETS);
	await form.locator('select[name="part:kommun"]').selectOption(h.KOMMUN);
	await h.screenshot(asa, 'nytt-avtal');
	const created = await h.submit(asa, 'form:has(input[name=workflow][value=samverkansavtal]) button[type=submit]');
	assert.equal(created.status(), 303, await h.notices(asa));
	const id = asa.url().match(/\/avtal\/([0-9]{4}-[0-9]{4})$/)[1];
	assert.notEqual(id, '2026-0001', 'a new agreement, not the demo\'s');
	assert.match(await asa.locator('#fas').textContent(), /Skapa kontakt/);
	await h.screenshot(asa, 'avtal');

	/* contact (the kommun), both decisions (each party's own person) */
	await takeStep(asa, id, 'contact', {
		'#in-with': 'Karin Ek, lokal utvecklare i Helsingborgs rödakorskrets',
		'#in-notes': 'Ett första öppet möte på anhörigcentret.',
	});
	assert.match(await asa.locator('#fas').textContent(), /Beslut inom respektive organisation/);
	await takeStep(karin, id, 'decide', {
		'#in-party': 'krets', '#in-body': 'kretsstyrelse', '#in-minutes': '§ 12',
		'#in-outcome': 'bifall', '#in-text': 'Kretsstyrelsen beslutar att ingå samarbetet.',
	}, 'steg-beslut');
	await takeStep(asa, id, 'decide', {
		'#in-party': 'kommun', '#in-body': 'vård- och omsorgsnämnden', '#in-minutes': '§ 34',
		'#in-outcome': 'bifall', '#in-text': 'Nämnden godkänner att samarbetsavtal tecknas.',
	});
	assert.match(await asa.locator('#fas').textContent(), /Kartläggning av behov/);
	assert.match(await asa.locator('ul.parties').textContent(), /beslut: bifall[\s\S]*beslut: bifall/);

	/* the needs mapping: fields from both parties, then the step */
	await saveFields(asa, id, 'kartlaggning', {
		'behov.lokala': 'Anhöriga saknar ett sammanhang att prata i, särskilt kvällstid.',
		'behov.kommunen': 'Lokal på anhörigcentret och administration av anmälningar.',
	});
	await saveFields(karin, id, 'kartlaggning', {
		'behov.kretsen': 'Utbildade volontärer som leder samtalsgrupper.',
		'behov.mal': 'Två samtalsgrupper per termin.',
	});
	await takeStep(asa, id, 'needs', {});
	assert.match(await asa.locator('#fas').textContent(), /Gränsdragningar och uppdragsbeskrivning/);

	/* the assignment: fields from both parties, then the step freezes the text */
	await saveFields(karin, id, 'uppdrag', {
		'uppdrag.vem': 'Kretsens samtalsledare, alltid två per grupp.',
		'uppdrag.omfattning': 'Två grupper per termin, sex träffar à två timmar.',
		'uppdrag.hur': 'Grupperna träffas på anhörigcentret.',
	});
	await saveFields(asa, id, 'uppdrag', {
		'uppdrag.ingar-inte': 'Myndighetsutövning och biståndsbedömning.',
		'ekonomi.kommunen': 'Fika vid gruppträffar',
		'avtalstid.start': '2027-01-01',
		'ort': 'Helsingborg',
	});
	await takeStep(asa, id, 'assign', {});
	assert.match(await asa.locator('#fas').textContent(), /Undertecknande/);

	/* both signatories sign with their demo e-legitimation */
	for (const [who, party, shot] of [[h.LARS, 'krets', 'underteckna'], [h.PER, 'kommun', null]]) {
		const { context, page } = await h.loginAs(browser, env.url, who, env.logins[who]);
		await page.goto(`/avtal/${id}/underteckna`);
		await page.selectOption('#sign-party', party);
		await page.setInputFiles('#sign-p12', path.join(env.certs, `${who}.p12`));
		await page.fill('#sign-password', 'demo');
		if (shot)
			await h.screenshot(page, shot);
		const resp = await h.submit(page, 'form[action$="/underteckna"] button[type=submit]');
		assert.equal(resp.status(), 303, `${who} signs (${await h.notices(page)})`);
		assert.match(page.url(), /\?klart=sign$/);
		await context.close();
	}
	assert.match(await phase(asa, id), /Aktivt avtal/);
	assert.match(await asa.locator('ul.parties').textContent(),
		     /undertecknat [0-9-]+[\s\S]*undertecknat [0-9-]+/);

	/* the signed PDF from the documents page, verified at /granska */
	await asa.goto(`/avtal/${id}/dokument`);
	await h.screenshot(asa, 'dokument');
	const [download] = await Promise.all([
		asa.waitForEvent('download'),
		asa.click(`a[href="/avtal/${id}/undertecknad.pdf"]`),
	]);
	const pdf = path.join(env.dir, 'undertecknat.pdf');
	await download.saveAs(pdf);
	assert.equal(fs.readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
	await karin.goto('/granska');
	await karin.setInputFiles('#verify-pdf', pdf);
	const verified = await h.submit(karin, 'form[action="/granska"] button[type=submit]');
	assert.equal(verified.status(), 200);
	assert.match(await karin.locator('#verdict').textContent(), /^Giltigt/);
	assert.match(await karin.locator('main').textContent(), new RegExp(id));
	assert.equal(await karin.locator('article.signature.yes').count(), 2, 'two valid signatures');
	await h.screenshot(karin, 'granska-resultat');

	/* the yearly follow-up, then the history shows every step */
	await takeStep(karin, id, 'followup', {
		'#in-decision': 'continue',
		'#in-answer-andra': 'Inga ändringar behövs.',
		'#in-answer-fortsatta': 'Ja, ett år till.',
		'#in-answer-malgrupp': 'Ja.',
		'#in-answer-mal': 'Ja.',
		'#in-answer-volontarer': 'Ja, fyra samtalsledare.',
		'#in-answer-utbildning': 'En repetitionsutbildning önskas.',
	}, 'steg-uppfoljning');
	await asa.goto(`/avtal/${id}/historik`);
	const events = await asa.locator('ol.timeline > li strong')
		.evaluateAll((els) => els.map((e) => e.dataset.event));
	for (const e of ['new', 'contact', 'decide', 'needs', 'assign', 'sign', 'followup'])
		assert.ok(events.includes(e), `the history has ${e}: ${events.join(' ')}`);
	const names = await asa.locator('ol.timeline > li strong').allTextContents();
	for (const n of ['Nytt avtal', 'Första kontakt', 'Beslut', 'Undertecknat', 'Uppföljning'])
		assert.ok(names.includes(n), `the history names the step ${n} in Swedish: ${names.join(', ')}`);
	await h.screenshot(asa, 'historik');

	/* the start page after it all */
	await karin.goto('/mina');
	assert.match(await karin.locator('table.list').textContent(), new RegExp(id));
	await h.screenshot(karin, 'mina-avtal');
});

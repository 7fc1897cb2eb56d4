#!/usr/bin/env node
// The differential test's generator: random templates, partials and data
// from a seed, each rendered by mustache.js as it is and with each of
// statusgen's listed deviations applied (deviations.js), written as one
// JSON file that tests/diff/diff_runner.c renders with statusgen's engine
// and compares.
//
//   node tests/diff/gen.js SEED FIRST COUNT OUTFILE
//
// writes the cases FIRST to FIRST + COUNT - 1 of SEED: the same case
// number and seed always make the same case, on every machine.
'use strict';

const fs = require('fs');
const path = require('path');
const Mustache = require(path.join(__dirname, 'node_modules', 'mustache'));
const deviations = require('./deviations.js');

// mulberry32: small, seeded, the same on every machine.
function prng(seed) {
	let a = seed >>> 0;
	return function () {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'];
const NAMES = KEYS.concat(['.', '.', 'a.b', 'b.c', 'c.d.e', 'e.a', 'x', 'x.a']);
const STRINGS = ['', 'hello', 'a & b', '<tag>', '"q"', "it's", 'x/y',
	'`tick`', 'a=b', 'line1\nline2', 'tab\there', 'crlf\r\nend', '{{a}}',
	'0', 'false', ' spaced ', 'caf\u00e9 \u2713', 'two  spaces'];
const INTS = [0, 1, -3, 42, 1000000, 9007199254740991];
// -0 is written "-0.0" in the data (JSON.stringify would drop its sign).
const FLOATS = [1.5, 0.1, -2.25, 1e21, 1e-7, 123.456, 10.5, 0.000001,
	-0, 2.5e-8, 1e20, 0.30000000000000004];
// No '{': "{" before "{{" makes a malformed "{{{" that the two engines
// refuse in different ways.
const WORDS = ['x', 'y', 'lorem', 'ipsum', '&', '<', '"', '.', ',', '-',
	'#', '!', '=', '}', '|', '\t'];
const DELIMS = [['<%', '%>'], ['[[', ']]'], ['<|', '|>'], ['(', ')'],
	['{{', '}}'], ['<<', '>>'], ['@', '@']];

function pick(rnd, a) {
	return a[Math.floor(rnd() * a.length)];
}

function value(rnd, depth) {
	const r = rnd();
	if (depth <= 0 || r < 0.55) {
		const s = rnd();
		if (s < 0.35) return pick(rnd, STRINGS);
		if (s < 0.5) return pick(rnd, INTS);
		if (s < 0.65) return pick(rnd, FLOATS);
		if (s < 0.85) return rnd() < 0.5;
		return null;
	}
	if (r < 0.8) {
		const n = Math.floor(rnd() * 4), l = [];
		for (let i = 0; i < n; i++)
			l.push(value(rnd, depth - 1));
		return l;
	}
	return map(rnd, depth - 1);
}

function map(rnd, depth) {
	const m = {};
	for (const k of KEYS)
		if (rnd() < 0.6)
			m[k] = value(rnd, depth);
	return m;
}

// JSON that statusgen's YAML loader reads as the same data.
function json(v) {
	if (typeof v === 'number' && Object.is(v, -0))
		return '-0.0';
	// An integral number past 64 bits would be a YAML integer out of
	// range: an exponent makes it the float it is.
	if (typeof v === 'number' && Math.abs(v) > 9007199254740991)
		return v.toExponential();
	if (Array.isArray(v))
		return '[' + v.map(json).join(', ') + ']';
	if (v !== null && typeof v === 'object')
		return '{' + Object.keys(v).map((k) => JSON.stringify(k) + ': ' +
		    json(v[k])).join(', ') + '}';
	return JSON.stringify(v);
}

// A template: a sequence of lines and tags, with sections nested.
class Writer {
	constructor(rnd, partials, nl) {
		this.rnd = rnd;
		this.partials = partials;	// names it may include
		this.nl = nl;
		this.open = '{{';
		this.close = '}}';
		this.out = '';
	}

	newline() {
		const nl = this.nl === 'mixed' ? (this.rnd() < 0.5 ? '\n' : '\r\n') :
		    this.nl;
		this.out += nl;
	}

	blanks() {
		const r = this.rnd();
		return r < 0.5 ? '' : r < 0.8 ? '  ' : r < 0.9 ? '\t' : ' \t ';
	}

	tag(sigil, name) {
		const pad = this.rnd() < 0.2 ? ' ' : '';
		this.out += this.open + sigil + pad + name + pad + this.close;
	}

	// A structural tag, often alone on its line so that it is standalone.
	// Otherwise it has a word before it: a line of several structural
	// tags and blanks is standalone to mustache.js, and not to the spec
	// or statusgen (see deviations.js).
	structural(sigil, name) {
		const alone = this.rnd() < 0.5;
		if (alone) {
			this.newline();
			this.out += this.blanks();
		} else
			this.out += pick(this.rnd, WORDS.slice(0, 4));
		this.tag(sigil, name);
		if (alone) {
			this.out += this.rnd() < 0.2 ? ' ' : '';
			this.newline();
		}
	}

	// Words; but no '<' before a delimiter that starts with one, which
	// would make "<<<" a parent tag here and a name to mustache.js, which
	// has no inheritance (see deviations.js).
	text() {
		const n = 1 + Math.floor(this.rnd() * 3);
		const words = this.open[0] === '<' ? WORDS.filter((w) => w !== '<') :
		    WORDS;
		for (let i = 0; i < n; i++)
			this.out += (i ? ' ' : '') + pick(this.rnd, words);
	}

	item(depth) {
		const r = this.rnd();
		if (r < 0.2) this.text();
		else if (r < 0.3) this.newline();
		else if (r < 0.45) this.tag('', pick(this.rnd, NAMES));
		else if (r < 0.5) {
			const name = pick(this.rnd, NAMES);
			if (this.close === '}}' && this.rnd() < 0.5)
				this.out += this.open + '{' + name + '}}}';
			else
				this.tag('&', name);
		} else if (r < 0.55) {
			const body = pick(this.rnd, ['', ' note ', ' multi\nline ']);
			this.structural('!', body);
		} else if (r < 0.6 && this.partials.length > 0)
			this.structural('>', pick(this.rnd, this.partials));
		else if (r < 0.63) {
			const d = pick(this.rnd, DELIMS);
			this.structural('=', d[0] + ' ' + d[1] + '=');
			this.open = d[0];
			this.close = d[1];
		} else if (r < 0.85 && depth > 0) {
			const name = pick(this.rnd, NAMES.filter((n) => n !== '.'));
			const sigil = this.rnd() < 0.7 ? '#' : '^';
			this.structural(sigil, name);
			this.body(depth - 1);
			this.structural('/', name);
		} else
			this.text();
	}

	body(depth) {
		const n = Math.floor(this.rnd() * 5);
		for (let i = 0; i < n; i++)
			this.item(depth);
	}
}

function template(rnd, partials, nl) {
	const w = new Writer(rnd, partials, nl);
	w.body(3);
	if (rnd() < 0.5)
		w.newline();
	return w.out;
}

function gen(seed, id) {
	const rnd = prng(seed * 1000003 + id);
	const r = rnd();
	const nl = r < 0.7 ? '\n' : r < 0.9 ? '\r\n' : 'mixed';
	const partials = {};
	const np = Math.floor(rnd() * 3);
	// Partial i includes only partials after it: no recursion.
	for (let i = np - 1; i >= 0; i--) {
		const later = [];
		for (let j = i + 1; j < np; j++)
			later.push('p' + j);
		partials['p' + i] = template(rnd, later, nl);
	}
	const names = Object.keys(partials);
	const c = {
		id: id,
		template: template(rnd, names, nl),
		partials: partials,
		data: map(rnd, 3),
	};
	c.results = deviations.render(Mustache, c.template, c.data, c.partials);
	return c;
}

function main() {
	const [seed, first, count, out] = process.argv.slice(2);
	if (out === undefined) {
		process.stderr.write('usage: node gen.js SEED FIRST COUNT OUTFILE\n');
		process.exit(2);
	}
	const parts = [];
	for (let i = Number(first); i < Number(first) + Number(count); i++) {
		const c = gen(Number(seed), i);
		const results = Object.keys(c.results).map((k) =>
		    JSON.stringify(k) + ': ' + JSON.stringify(c.results[k]));
		parts.push('{"id": ' + c.id + ', "template": ' +
		    JSON.stringify(c.template) + ', "partials": ' +
		    json(c.partials) + ', "data": ' + json(c.data) +
		    ', "results": {' + results.join(', ') + '}}');
	}
	fs.writeFileSync(out, '{"seed": ' + Number(seed) + ', "deviations": ' +
	    JSON.stringify(deviations.list()) + ',\n"cases": [\n' +
	    parts.join(',\n') + '\n]}\n');
}

main();

#!/usr/bin/env node
// The differential test's generator: random templates, partials and data
// from a seed, each rendered by the two references, mustache.js and
// wontache, as they are and with each of statusgen's listed deviations
// from them applied (deviations.js, wontache-deviations.js), written as
// one JSON file that tests/diff/diff_runner.c renders with statusgen's
// engine and compares.
//
// About a third of the cases are "wontache only": they may hold what
// mustache.js does not implement or reads otherwise (dynamic names,
// inheritance, lines of several structural tags, blanks before a sigil),
// and only wontache renders them. mustache.js renders the others, and
// wontache one in eight of those too.
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
const wontache = require('./wontache-deviations.js');

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
// Integers of 2^53 and above are BigInts: exact in the data statusgen
// reads and for wontache, doubles for mustache.js (deviations.js, int64).
const INTS = [0, 1, -3, 42, 1000000, 9007199254740991, 9007199254740993n,
	18014398509481984n, 9223372036854775807n, -9223372036854775808n];
// -0 is written "-0.0" in the data (JSON.stringify would drop its sign).
const FLOATS = [1.5, 0.1, -2.25, 1e21, 1e-7, 123.456, 10.5, 0.000001,
	-0, 2.5e-8, 1e20, 0.30000000000000004];
// '{' right before a tag makes "{{{": a triple tag without its "}}}",
// which statusgen and mustache.js refuse (the runner compares the causes).
const WORDS = ['x', 'y', 'lorem', 'ipsum', '&', '<', '"', '.', ',', '-',
	'#', '!', '=', '}', '|', '\t', '{', 'a{b'];
const BLOCKS = ['b0', 'b1'];
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
	if (typeof v === 'bigint')
		return v.toString();
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
	constructor(rnd, partials, nl, only, braces) {
		this.rnd = rnd;
		this.partials = partials;	// names it may include
		this.nl = nl;
		this.only = only;		// a wontache only case
		// '{' in text, or (in a wontache only case) blanks before
		// sigils: not both, so that a template the engines refuse has
		// one fault, whose cause they can agree on.
		this.braces = braces;
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
		// A blank before a sigil makes the tag a name to both
		// statusgen and wontache ("{{ #a}}"), and to mustache.js a
		// section (deviations.js, sigilblank); not in a name of two
		// lines, which wontache does not read as a tag, nor before a
		// block's "$": inside a parent, what was its content would be
		// the parent's, where wontache pairs no tags but blocks.
		const before = this.only && !this.braces &&
		    '#^/!><'.includes(sigil) &&
		    !name.includes('\n') && this.rnd() < 0.06 ? ' ' : '';
		// "{" + "{{! two\nlines }}" is a "{{{" tag to statusgen and
		// to mustache.js, text and a comment to wontache.
		if (name.includes('\n') && this.out.endsWith('{'))
			this.out += ' ';
		this.out += this.open + before + sigil + pad + name + pad +
		    this.close;
	}

	// A structural tag, often alone on its line so that it is standalone,
	// the template's first line included. Otherwise it has a word before
	// it: a line of several structural tags and blanks is standalone to
	// mustache.js, and not to the spec or statusgen (see deviations.js);
	// only in a wontache only case may it follow another tag directly.
	structural(sigil, name) {
		const alone = this.rnd() < 0.5;
		if (alone) {
			if (this.out !== '' || this.rnd() < 0.5)
				this.newline();
			// Not a parent: where its block does not stand alone,
			// wontache indents none of an argument's lines by the
			// parent's blanks (wontache-deviations.js, blocktags).
			if (sigil !== '<')
				this.out += this.blanks();
		} else if (!this.only || this.rnd() < 0.5)
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
		// With '{' no '}': a tag's "}}" and a "}" make a "}}}" that
		// would close a "{{{" and swallow the tags between.
		const words = (this.open[0] === '<' && !this.only ?
		    WORDS.filter((w) => w !== '<') : WORDS).filter((w) =>
		    this.braces ? w !== '}' : !w.includes('{'));
		for (let i = 0; i < n; i++) {
			const w = pick(this.rnd, words);
			// Not "{{" out of two words: an opening delimiter without
			// its closing one, which swallows the tags after it.
			if (i === 0 && w[0] === '{' && this.out.endsWith('{'))
				this.out += ' ';
			this.out += (i ? ' ' : '') + w;
		}
	}

	item(depth) {
		const r = this.rnd();
		if (r < 0.2) this.text();
		else if (r < 0.3) this.newline();
		else if (r < 0.45) this.tag('', pick(this.rnd, NAMES));
		else if (r < 0.5) {
			const name = pick(this.rnd, NAMES);
			// Nor "{{{name}}}" there.
			if (this.close === '}}' && !this.braces && this.rnd() < 0.5)
				this.out += this.open + '{' + name + '}}}';
			else
				this.tag('&', name);
		} else if (r < 0.55) {
			const body = pick(this.rnd, ['', ' note ', ' multi\nline ']);
			this.structural('!', body);
		} else if (r < 0.6 && this.partials.length > 0)
			this.structural('>', this.partialName());
		else if (r < 0.63) {
			const d = pick(this.rnd, DELIMS);
			this.structural('=', d[0] + ' ' + d[1] + '=');
			this.open = d[0];
			this.close = d[1];
		} else if (r < 0.68 && this.only)
			this.inheritance(depth);
		else if (r < 0.85 && depth > 0) {
			const name = pick(this.rnd, NAMES.filter((n) => n !== '.'));
			const sigil = this.rnd() < 0.7 ? '#' : '^';
			this.structural(sigil, name);
			this.body(depth - 1);
			this.structural('/', name);
		} else
			this.text();
	}

	// A partial's name, or in a wontache only case sometimes a dynamic
	// one: "*nJ", which the data sets to "pJ", or a name of the data.
	partialName() {
		const name = pick(this.rnd, this.partials);
		if (!this.only || this.rnd() < 0.6)
			return name;
		return '*' + (this.rnd() < 0.8 ? 'n' + name.slice(1) :
		    pick(this.rnd, KEYS));
	}

	// A block: its two tags both alone on their lines and not indented,
	// around content whose first line starts with a letter, or both after
	// a word around text of one line (wontache decides whether a block's
	// tags are standalone for the pair, not at all when its content is
	// blank lines, and moves the lines of a block to an indentation of
	// its own: wontache-deviations.js, blocktags).
	block(depth, name = pick(this.rnd, BLOCKS)) {
		if (this.rnd() < 0.5) {
			this.out += pick(this.rnd, WORDS.slice(0, 4));
			this.tag('$', name);
			this.text();
			this.tag('/', name);
			return;
		}
		if (this.out !== '')
			this.newline();
		this.tag('$', name);
		this.newline();
		this.out += pick(this.rnd, WORDS.slice(0, 4));
		this.body(depth - 1);
		this.newline();
		this.tag('/', name);
		this.newline();
	}

	// A block with default content, or a parent (a partial, perhaps
	// named dynamically) with argument blocks and ignored text between.
	inheritance(depth) {
		if (this.partials.length === 0 || this.rnd() < 0.4) {
			this.block(depth);
			return;
		}
		// Arguments of distinct names: of two of one name, statusgen
		// takes the first and wontache the last (the spec is silent).
		const parent = this.partialName();
		const n = Math.floor(this.rnd() * (BLOCKS.length + 1));
		const first = Math.floor(this.rnd() * BLOCKS.length);
		this.structural('<', parent);
		for (let i = 0; i < n; i++) {
			if (this.rnd() < 0.3)
				this.out += this.rnd() < 0.5 ? ' x ' : '';
			this.block(depth, BLOCKS[(first + i) % BLOCKS.length]);
		}
		this.structural('/', parent);
	}

	// The template's last line, sometimes a standalone tag, perhaps with
	// blanks after it, and no line end.
	end() {
		const r = this.rnd();
		if (r < 0.4)
			this.newline();
		else if (r < 0.6) {
			if (this.out !== '')
				this.newline();
			this.out += this.blanks();
			this.tag('!', pick(this.rnd, ['', ' note ']));
			this.out += this.blanks();
		}
	}

	body(depth) {
		const n = Math.floor(this.rnd() * 5);
		for (let i = 0; i < n; i++)
			this.item(depth);
	}
}

function template(rnd, partials, nl, only, braces) {
	const w = new Writer(rnd, partials, nl, only, braces);
	w.body(3);
	w.end();
	return w.out;
}

function gen(seed, id) {
	const rnd = prng(seed * 1000003 + id);
	const only = rnd() < 0.35;
	const braces = !only || rnd() < 0.5;
	const r = rnd();
	const nl = r < 0.7 ? '\n' : r < 0.9 ? '\r\n' : 'mixed';
	const partials = {};
	const np = Math.floor(rnd() * 3);
	// Partial i includes only partials after it: no recursion.
	for (let i = np - 1; i >= 0; i--) {
		const later = [];
		for (let j = i + 1; j < np; j++)
			later.push('p' + j);
		partials['p' + i] = template(rnd, later, nl, only, braces);
	}
	const names = Object.keys(partials);
	const c = {
		id: id,
		template: template(rnd, names, nl, only, braces),
		partials: partials,
		data: map(rnd, 3),
	};
	// The names of dynamic partials: nJ is "pJ".
	if (only)
		for (const p of names)
			c.data['n' + p.slice(1)] = p;
	// wontache compiles each template to a JavaScript function, which
	// costs several times what mustache.js's rendering does: it renders
	// the cases of its own and one in eight of the others.
	c.results = {};
	if (!only)
		c.results['mustache.js'] = deviations.render(Mustache, c.template,
		    c.data, c.partials);
	if (only || id % 8 === 0)
		c.results.wontache = wontache.render(c.template, c.data,
		    c.partials);
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
		parts.push('{"id": ' + c.id + ', "template": ' +
		    JSON.stringify(c.template) + ', "partials": ' +
		    json(c.partials) + ', "data": ' + json(c.data) +
		    ', "results": ' + JSON.stringify(c.results) + '}');
	}
	const refs = [
		{ name: 'mustache.js', deviations: deviations.list() },
		{ name: 'wontache', deviations: wontache.list() },
	];
	fs.writeFileSync(out, '{"seed": ' + Number(seed) + ', "references": ' +
	    JSON.stringify(refs) + ',\n"cases": [\n' + parts.join(',\n') +
	    '\n]}\n');
}

main();

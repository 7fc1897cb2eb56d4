// statusgen's listed deviations from mustache.js, each with why it is
// right for statusgen, and each as a patch to mustache.js that makes it
// render the way statusgen does. The differential test renders every case
// with mustache.js as it is, with each patch alone and with all of them:
// a difference that none of these explains fails the test.
'use strict';

const LIST = [
	{
		id: 'escape',
		title: "mustache.js also escapes ' / ` = in {{name}}",
		why: 'statusgen escapes the set the Mustache spec names (& < > "), ' +
		    'and has escapers of its own for C, Markdown and JSON.',
	},
	{
		id: 'nontext',
		title: 'a list or mapping interpolated renders as nothing',
		why: 'mustache.js writes String(value) ("1,2", "[object Object]"), ' +
		    'which no generated file wants; statusgen writes nothing, and ' +
		    'in strict mode reports the tag.',
	},
	{
		id: 'negzero',
		title: '-0.0 renders as -0',
		why: 'statusgen prints the shortest decimal that reads back as the ' +
		    'same double, and "0" reads back as +0.0.',
	},
	{
		id: 'truepush',
		title: 'a section over true pushes true',
		why: 'The spec treats any truthy value as a one-item list: inside ' +
		    '{{#t}}, {{.}} is "true"; mustache.js keeps the enclosing ' +
		    'context.',
	},
	{
		id: 'dotted',
		title: 'a dotted name resolves its first part only on the stack',
		why: 'The spec: "a.b" finds "a" in the innermost context that has ' +
		    'it, then "b" inside that value; mustache.js tries the whole ' +
		    'name again in each outer context.',
	},
	{
		id: 'nullitem',
		title: 'a null in a list is an empty context',
		why: 'mustache.js throws when it looks a name up with null on top ' +
		    'of the stack (a section over [null]); statusgen finds ' +
		    'nothing there and goes on down the stack.',
	},
	{
		id: 'indent',
		title: 'only a standalone partial is indented',
		why: 'The spec indents a partial by the blanks before its tag when ' +
		    'the tag stands alone on its line; mustache.js also indents ' +
		    'a partial whose tag is the first on a line that has text ' +
		    'after it, or text before it (then by one space per character).',
	},
	{
		id: 'crlf',
		title: 'an empty CRLF line of an indented partial is not indented',
		why: 'statusgen leaves every empty line of an indented partial ' +
		    'empty, so that indentation adds no trailing blanks; ' +
		    'mustache.js sees the "\\r" of a CRLF line as content.',
	},
	{
		id: 'malformed',
		title: 'a tag holding the opening delimiter, or a name with an ' +
		    'empty part, is an error',
		why: 'statusgen reports a tag whose content holds the opening ' +
		    'delimiter ("{{{a}} x {{{b}}}": the first was never closed) ' +
		    'and a name such as "{." (an empty part between dots) as ' +
		    'located errors; mustache.js takes them for names that render ' +
		    'as nothing. The patch checks the names mustache.js parsed.',
	},
	{
		id: 'int64',
		title: 'integers are exact to 64 bits',
		why: 'JavaScript numbers are doubles: 9007199254740993 prints as ' +
		    '...992 there. statusgen keeps 64-bit integers exact (and ' +
		    'refuses larger ones in the data with a located error), rather ' +
		    'than print a number that is not the one written. The patch ' +
		    'gives mustache.js the integers of 2^53 and above as BigInts.',
	},
];

// Deviations the generator does not produce, because no patch to
// mustache.js short of rewriting its parser would show them; the unit and
// golden tests hold statusgen's side.
const AVOIDED = [
	{
		id: 'multitag',
		title: 'a line of several structural tags keeps its line end',
		why: 'The spec makes a line standalone when one tag stands alone ' +
		    'on it; mustache.js also removes a line such as ' +
		    '"{{#a}}{{/a}}". gen.js writes such lines only in the cases ' +
		    'that wontache alone renders (gen.js, "wontache only").',
	},
	{
		id: 'inheritance',
		title: '{{<name}}, {{$name}} and {{>*name}} are parents, blocks ' +
		    'and dynamic names',
		why: 'statusgen implements the spec\'s optional inheritance and ' +
		    'dynamic names modules; mustache.js reads them as names. ' +
		    'gen.js writes them, and text "<" before a delimiter that ' +
		    'starts with "<", only in the cases that wontache alone ' +
		    'renders.',
	},
	{
		id: 'sigilblank',
		title: 'no blanks between a delimiter and a sigil',
		why: 'mustache.js reads "{{ #a}}" as a section; statusgen, as the ' +
		    'name "#a" (the spec writes the sigil right after the ' +
		    'delimiter), and so does wontache. gen.js writes a blank ' +
		    'there only in the cases that wontache alone renders.',
	},
	{
		id: 'lonecr',
		title: 'a lone "\\r" is never blank',
		why: 'mustache.js takes a lone "\\r" beside a tag for a blank, so ' +
		    'that the tag can be standalone; statusgen, as the spec, knows ' +
		    'only "\\n" and "\\r\\n" as line ends, and a lone "\\r" is ' +
		    'text (golden render-lone-cr). gen.js writes no lone "\\r" in ' +
		    'a template.',
	},
];

// Which kind of refusal an exception of mustache.js's is, for the runner
// to compare with statusgen's error; anything else (a TypeError on a
// null list item) is "other", which agrees with no error of statusgen's.
const CAUSES = [
	['unclosed-tag', /^Unclosed tag/],
	['nesting', /^(Unclosed section|Unopened section)/],
	['delimiters', /^Invalid tags/],
	['bad-name', /^Bad name/],
];

function cause(e) {
	for (const [c, re] of CAUSES)
		if (re.test(String(e && e.message)))
			return c;
	return 'other';
}

// The data as JavaScript numbers: integers of 2^53 and above, which gen.js
// makes as BigInts, rounded to doubles as JSON.parse would.
function doubles(v) {
	if (typeof v === 'bigint')
		return Number(v);
	if (Array.isArray(v))
		return v.map(doubles);
	if (v !== null && typeof v === 'object') {
		const m = {};
		for (const k of Object.keys(v))
			m[k] = doubles(v[k]);
		return m;
	}
	return v;
}

// The HTML escaper of the Mustache spec, as statusgen's html escaper.
function specEscape(v) {
	return String(v).replace(/[&<>"]/g, (c) =>
	    ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

function isMap(v) {
	return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function own(v, k) {
	return isMap(v) && Object.prototype.hasOwnProperty.call(v, k);
}

// Name resolution as the spec has it (the "dotted" deviation).
function specContext(Mustache) {
	class SpecContext extends Mustache.Context {
		push(view) {
			return new SpecContext(view, this);
		}

		lookup(name) {
			if (name === '.')
				return this.view;
			const names = name.split('.');
			let c = this;
			while (c && !own(c.view, names[0]))
				c = c.parent;
			if (!c)
				return undefined;
			let v = c.view[names[0]];
			for (let i = 1; i < names.length; i++) {
				if (!own(v, names[i]))
					return undefined;
				v = v[names[i]];
			}
			return v;
		}
	}
	return SpecContext;
}

function hasProperty(obj, name) {
	return obj != null && typeof obj === 'object' && name in obj;
}

function primitiveHasOwnProperty(v, name) {
	return v != null && typeof v !== 'object' &&
	    Object.prototype.hasOwnProperty.call(v, name);
}

// mustache.js's own name resolution, but skipping null contexts (the
// "nullitem" deviation).
function nullSafeContext(Mustache) {
	class NullSafeContext extends Mustache.Context {
		push(view) {
			return new NullSafeContext(view, this);
		}

		lookup(name) {
			if (name === '.')
				return this.view;
			for (let c = this; c; c = c.parent) {
				if (c.view == null)
					continue;
				if (name.indexOf('.') <= 0) {
					if (hasProperty(c.view, name))
						return c.view[name];
					continue;
				}
				const names = name.split('.');
				let v = c.view, hit = false;
				for (let i = 0; v != null && i < names.length; i++) {
					if (i === names.length - 1)
						hit = hasProperty(v, names[i]) ||
						    primitiveHasOwnProperty(v, names[i]);
					v = v[names[i]];
				}
				if (hit)
					return v;
			}
			return undefined;
		}
	}
	return NullSafeContext;
}

function indentPartial(partial, indentation, lineHasNonSpace, crlf) {
	const ind = indentation.replace(/[^ \t]/g, '');
	return partial.split('\n').map((line, i) =>
	    line.length && !(crlf && line === '\r') && (i > 0 ||
	    !lineHasNonSpace) ? ind + line : line).join('\n');
}

// The blanks before a partial tag when it stands alone on its line, or null.
function standaloneIndent(tpl, start, end) {
	const ls = tpl.lastIndexOf('\n', start - 1) + 1;
	let le = tpl.indexOf('\n', end);
	if (le < 0)
		le = tpl.length;
	const before = tpl.slice(ls, start), after = tpl.slice(end, le);
	return /^[ \t]*$/.test(before) && /^[ \t]*\r?$/.test(after) ? before :
	    null;
}

// Throws as statusgen refuses the names of tokens (the "malformed"
// deviation), following the delimiters that "=" tokens set.
function checkNames(tokens, tags) {
	for (const t of tokens) {
		if (t[0] === '=')
			tags = t[1].split(/\s+/);
		else if (['name', '&', '{', '#', '^'].includes(t[0]) &&
		    t[1].includes(tags[0]))
			throw new Error('Unclosed tag: ' + t[1]);
		else if (['name', '&', '{', '#', '^'].includes(t[0]) &&
		    t[1] !== '.' && t[1].split('.').includes(''))
			throw new Error('Bad name: ' + t[1]);
		if (Array.isArray(t[4]))
			tags = checkNames(t[4], tags);
	}
	return tags;
}

function patch(Mustache, w, on) {
	if (on.malformed) {
		const parse = w.parse;
		w.parse = function (template, tags) {
			const tokens = parse.call(this, template, tags);
			checkNames(tokens, tags || Mustache.tags);
			return tokens;
		};
	}
	const renderTokens = w.renderTokens;
	w.renderTokens = function (tokens, context, partials, tpl, config) {
		const saved = this.tpl;
		this.tpl = tpl;
		try {
			return renderTokens.call(this, tokens, context, partials, tpl,
			    config);
		} finally {
			this.tpl = saved;
		}
	};
	const text = (v) => on.nontext && typeof v === 'object' ? '' :
	    on.negzero && Object.is(v, -0) ? '-0' : v;
	w.unescapedValue = function (token, context) {
		const v = context.lookup(token[1]);
		return v == null ? undefined : text(v);
	};
	w.escapedValue = function (token, context) {
		const v = context.lookup(token[1]);
		if (v == null)
			return undefined;
		const t = text(v);
		if (on.escape)
			return specEscape(t);
		return typeof t === 'number' ? String(t) : Mustache.escape(t);
	};
	w.renderSection = function (token, context, partials, tpl, config) {
		const v = context.lookup(token[1]);
		let out = '';
		if (!v)
			return undefined;
		if (Array.isArray(v)) {
			for (const item of v)
				out += this.renderTokens(token[4], context.push(item),
				    partials, tpl, config);
		} else if (typeof v === 'object' || typeof v === 'string' ||
		    typeof v === 'number' || typeof v === 'bigint' || on.truepush)
			out += this.renderTokens(token[4], context.push(v), partials,
			    tpl, config);
		else
			out += this.renderTokens(token[4], context, partials, tpl,
			    config);
		return out;
	};
	w.renderPartial = function (token, context, partials, config) {
		let value = partials ? partials[token[1]] : undefined;
		if (value == null)
			return undefined;
		let ind = null, nonSpace = false;
		if (on.indent)
			ind = standaloneIndent(this.tpl, token[2], token[3]);
		else if (token[5] === 0 && token[4]) {
			ind = token[4];
			nonSpace = token[6];
		}
		if (ind)
			value = indentPartial(value, ind, nonSpace, on.crlf);
		const tokens = this.parse(value, this.getConfigTags(config));
		return this.renderTokens(tokens, context, partials, value, config);
	};
}

function renderWith(Mustache, on, template, data, partials) {
	const w = new Mustache.Writer();
	if (Object.keys(on).length > 0)
		patch(Mustache, w, on);
	if (!on.int64)
		data = doubles(data);
	const view = on.dotted ? new (specContext(Mustache))(data) :
	    on.nullitem ? new (nullSafeContext(Mustache))(data) : data;
	try {
		return w.render(template, view, partials);
	} catch (e) {
		return { error: cause(e), message: String(e && e.message) };
	}
}

// The renderings of one case: "stock", "all", and when those differ
// one per deviation. Where all the patches together change nothing, each
// alone is taken to change nothing either (and were that wrong, a case
// would fail, never pass, for the lack of it).
function render(Mustache, template, data, partials) {
	const out = {}, all = {};
	for (const d of LIST)
		all[d.id] = true;
	out.stock = renderWith(Mustache, {}, template, data, partials);
	out.all = renderWith(Mustache, all, template, data, partials);
	if (JSON.stringify(out.stock) === JSON.stringify(out.all))
		return out;
	for (const d of LIST) {
		const on = {};
		on[d.id] = true;
		out[d.id] = renderWith(Mustache, on, template, data, partials);
	}
	return out;
}

function list() {
	return LIST;
}

function avoided() {
	return AVOIDED;
}

module.exports = { render, list, avoided };

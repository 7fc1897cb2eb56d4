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
		    '"{{#a}}{{/a}}". gen.js puts a word before a tag that is not ' +
		    'alone on its line.',
	},
	{
		id: 'inheritance',
		title: '{{<name}} and {{$name}} are parents and blocks',
		why: 'statusgen implements the spec\'s optional inheritance module; ' +
		    'mustache.js reads them as names. gen.js writes neither, nor ' +
		    'text "<" before a delimiter that starts with "<".',
	},
	{
		id: 'sigilblank',
		title: 'no blanks between a delimiter and a sigil',
		why: 'mustache.js reads "{{ #a}}" as a section; statusgen, as the ' +
		    'name "#a" (the spec writes the sigil right after the ' +
		    'delimiter). gen.js never writes a blank there.',
	},
	{
		id: 'int64',
		title: 'integers are exact to 64 bits, and refused beyond',
		why: 'JavaScript numbers are doubles: 9007199254740993 prints as ' +
		    '...992 there. statusgen keeps 64-bit integers exact and ' +
		    'refuses larger ones in the data with a located error, rather ' +
		    'than print a number that is not the one written. gen.js ' +
		    'writes integers below 2^53.',
	},
];

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

function patch(Mustache, w, on) {
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
		    typeof v === 'number' || on.truepush)
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
	const view = on.dotted ? new (specContext(Mustache))(data) :
	    on.nullitem ? new (nullSafeContext(Mustache))(data) : data;
	try {
		return w.render(template, view, partials);
	} catch (e) {
		return null;	// a template mustache.js refuses
	}
}

// The renderings of one case: "stock", one per deviation, and "all".
function render(Mustache, template, data, partials) {
	const out = {};
	out.stock = renderWith(Mustache, {}, template, data, partials);
	const all = {};
	for (const d of LIST) {
		const on = {};
		on[d.id] = all[d.id] = true;
		out[d.id] = renderWith(Mustache, on, template, data, partials);
	}
	out.all = renderWith(Mustache, all, template, data, partials);
	return out;
}

function list() {
	return LIST;
}

function avoided() {
	return AVOIDED;
}

module.exports = { render, list, avoided };
